import { describe, it, expect, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { setBackend, type Vendor } from "../../backend";
import { MockBackend, blankVendor } from "../../backend/mock";
import { loadReference } from "../../lib/reference.svelte";
import { setLang } from "../../i18n/index.svelte";
import VendorList from "./VendorList.svelte";
import VendorForm from "./VendorForm.svelte";

function vendor(name: string, overrides: Partial<Vendor> = {}): Vendor {
  return blankVendor({
    id: `id-${name}`,
    name,
    owner: "Siti Rahayu",
    phone: "+6281234567890",
    kecamatan: "Gambir",
    kecamatan_code: "31.71.01",
    city: "Kota Administrasi Jakarta Pusat",
    city_code: "31.71",
    category: "makanan-minuman",
    ...overrides,
  });
}

let mock: MockBackend;

beforeEach(async () => {
  setLang("id");
  mock = new MockBackend([
    vendor("Kue Basah Bu Siti"),
    vendor("Batik Betawi Pak Budi", { category: "fesyen-kerajinan", kecamatan_code: "31.74.01", kecamatan: "Tebet" }),
  ]);
  setBackend(mock);
  await loadReference();
});

describe("VendorList", () => {
  it("shows the vendors the backend returns, sorted, with their category names", async () => {
    render(VendorList);
    await screen.findByText("Kue Basah Bu Siti");
    const rows = screen.getAllByRole("row");
    // header + two vendors
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toContain("Batik Betawi Pak Budi");
    expect(rows[1].textContent).toContain("Fesyen dan Kerajinan");
    expect(rows[2].textContent).toContain("Kue Basah Bu Siti");
    expect(screen.getByTestId("vendor-count").textContent).toContain("2 dari 2");
  });

  it("sends the search to the backend and shows the no-match state", async () => {
    render(VendorList);
    await screen.findByText("Kue Basah Bu Siti");
    await fireEvent.input(screen.getByTestId("vendor-search"), { target: { value: "tidak ada" } });
    await waitFor(() => expect(screen.getByText("Tidak ada yang cocok")).toBeTruthy());
    const last = mock.calls.filter((c) => c.method === "listVendors").at(-1);
    expect((last?.args[0] as { search: string }).search).toBe("tidak ada");
  });

  it("sends the consent, stage, document and sort choices to the backend", async () => {
    render(VendorList);
    await screen.findByText("Kue Basah Bu Siti");
    await fireEvent.change(screen.getByTestId("filter-consent"), { target: { value: "publish" } });
    await fireEvent.change(screen.getByTestId("filter-stage"), { target: { value: "pelatihan" } });
    await fireEvent.change(screen.getByTestId("filter-legality"), { target: { value: "pirt" } });
    await fireEvent.change(screen.getByTestId("sort"), { target: { value: "newest" } });
    await waitFor(() => {
      const q = mock.calls.filter((c) => c.method === "listVendors").at(-1)?.args[0] as Record<string, unknown>;
      expect(q).toMatchObject({ consent: "publish", stage_done: "pelatihan", legality: "pirt", sort: "newest" });
    });
  });

  it("tells a new user what to do when the registry is empty", async () => {
    mock.vendors = [];
    render(VendorList);
    await waitFor(() => expect(screen.getByText("Belum ada pelaku usaha")).toBeTruthy());
  });

  it("speaks English when English is chosen", async () => {
    setLang("en");
    render(VendorList);
    await screen.findByText("Kue Basah Bu Siti");
    expect(screen.getByText("Register a vendor", { exact: false })).toBeTruthy();
    expect(screen.getByTestId("vendor-count").textContent).toContain("2 of 2");
  });
});

describe("VendorForm", () => {
  it("shows the core's field errors beside their fields and stays on the form", async () => {
    mock.failNext({
      code: "invalid",
      message: { id: "Periksa isian", en: "Please check" },
      fields: [
        { field: "phone", code: "invalid_phone", message: { id: "Nomor HP \"12ab\" tidak valid", en: "Mobile number \"12ab\" is not valid" } },
      ],
      duplicates: [],
    });
    render(VendorForm);
    await fireEvent.input(screen.getByTestId("field-phone"), { target: { value: "12ab" } });
    await fireEvent.click(screen.getByTestId("save-vendor"));
    await waitFor(() => expect(screen.getByTestId("error-phone").textContent).toContain("tidak valid"));
    expect(screen.getByTestId("field-phone").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("form-error").textContent).toContain("Belum tersimpan");
    expect(mock.vendors).toHaveLength(2);
  });

  it("shows possible duplicates and saves only when the person says it is another business", async () => {
    const existing = mock.vendors[0];
    mock.failNext({
      code: "possible_duplicates",
      message: { id: "Belum disimpan", en: "Not saved" },
      fields: [],
      duplicates: [
        {
          vendor: existing,
          name_score: 0.4,
          reasons: [{ code: "same_phone", text: { id: "Nomor HP sama (+6281234567890)", en: "Same mobile number" } }],
        },
      ],
    });
    render(VendorForm);
    await fireEvent.click(screen.getByTestId("save-vendor"));
    const panel = await screen.findByTestId("duplicate-panel");
    expect(panel.textContent).toContain(existing.name);
    expect(panel.textContent).toContain("Nomor HP sama");
    expect(mock.vendors).toHaveLength(2);
    await fireEvent.click(screen.getByTestId("save-anyway"));
    await waitFor(() => expect(mock.vendors).toHaveLength(3));
    const calls = mock.calls.filter((c) => c.method === "createVendor").map((c) => c.args[1]);
    expect(calls).toEqual(["refuse", "allow"]);
  });
});

describe("VendorList with many vendors", () => {
  it("draws only the rows in view and continues each page after the last row", async () => {
    const many = Array.from({ length: 250 }, (_, i) => vendor(`Usaha ${String(i).padStart(3, "0")}`));
    mock = new MockBackend(many);
    setBackend(mock);
    render(VendorList);
    await screen.findByText("Usaha 000");
    expect(screen.getAllByRole("row").length).toBeLessThan(40);
    expect(screen.getByTestId("vendor-count").textContent).toContain("100 dari 250");
    const scroller = screen.getByTestId("vendor-scroller");
    scroller.scrollTop = 100 * 64;
    await fireEvent.scroll(scroller);
    await screen.findByText("Usaha 100");
    const call = mock.calls.filter((c) => c.method === "listVendors").at(-1);
    const q = call?.args[0] as { after: string | null; offset: number };
    expect(q.after).toBe("id-Usaha 099");
    expect(q.offset).toBe(0);
    expect(screen.queryByText("Usaha 000")).toBeNull();
  });
});
