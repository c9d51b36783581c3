import { describe, it, expect, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { setBackend, type ImportPlan, type Vendor } from "../../backend";
import { MockBackend, blankVendor } from "../../backend/mock";
import { loadReference } from "../../lib/reference.svelte";
import { setLang } from "../../i18n/index.svelte";
import VendorImport from "./VendorImport.svelte";
import DuplicateReport from "./DuplicateReport.svelte";
import MergeVendors from "./MergeVendors.svelte";

const PLAN: ImportPlan = {
  file_name: "token-1.csv",
  fingerprint: "abc",
  columns: [
    { heading: "Nama Usaha", field: "name", samples: ["Keripik Ani"] },
    { heading: "Siapa", field: null, samples: ["Ani"] },
  ],
  targets: [
    { key: "name", label: { id: "Nama usaha", en: "Business name" }, required: true },
    { key: "owner", label: { id: "Pemilik", en: "Owner" }, required: true },
  ],
  unmapped_required: ["owner"],
  rows: [
    {
      line: 2,
      name: "Keripik Ani",
      action: "create",
      vendor_id: null,
      vendor_name: null,
      same_as_line: null,
      changed: [],
      errors: [],
      reasons: [],
    },
    {
      line: 3,
      name: "Jamu Citra",
      action: "invalid",
      vendor_id: null,
      vendor_name: null,
      same_as_line: null,
      changed: [],
      errors: [{ field: "phone", code: "invalid_phone", message: { id: "Nomor HP salah", en: "Bad phone" } }],
      reasons: [],
    },
  ],
  counts: { create: 1, update: 0, unchanged: 0, invalid: 1, duplicate: 0, repeated: 0 },
  applied: false,
};

let mock: MockBackend;

function vendor(id: string, name: string): Vendor {
  return blankVendor({
    id,
    name,
    owner: "Siti",
    phone: "+6281234567890",
    kecamatan: "Tebet",
    kecamatan_code: "31.74.01",
    city: "Kota Administrasi Jakarta Selatan",
    city_code: "31.74",
    category: "makanan-minuman",
  });
}

beforeEach(async () => {
  setLang("id");
  mock = new MockBackend([vendor("a", "CV Berkah Jaya"), vendor("b", "berkah jaya")]);
  mock.importPlan = PLAN;
  setBackend(mock);
  await loadReference();
});

async function chooseFile() {
  render(VendorImport);
  const input = screen.getByTestId("import-file") as HTMLInputElement;
  const file = new File(["Nama Usaha,Siapa\nKeripik Ani,Ani\n"], "daftar.csv", { type: "text/csv" });
  await fireEvent.change(input, { target: { files: [file] } });
  await screen.findByTestId("import-summary");
}

describe("VendorImport", () => {
  it("stages the chosen file, previews it and lists the bad rows with their reasons", async () => {
    await chooseFile();
    expect(mock.calls.find((c) => c.method === "stageImport")?.args[0]).toBe("daftar.csv");
    expect(screen.getByText("Pratinjau: belum ada yang disimpan")).toBeTruthy();
    expect(screen.getByTestId("import-problems").textContent).toContain("Baris 3");
    expect(screen.getByTestId("import-problems").textContent).toContain("Nomor HP salah");
    expect(screen.getByRole("note").textContent).toContain("Pemilik");
    expect(mock.calls.some((c) => c.method === "importVendors")).toBe(false);
  });

  it("sends a changed column mapping back for a new preview", async () => {
    await chooseFile();
    const select = screen.getByLabelText("Isian untuk kolom Siapa") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "owner" } });
    await waitFor(() => {
      const last = mock.calls.filter((c) => c.method === "previewImport").at(-1);
      expect((last?.args[1] as { mapping: (string | null)[] }).mapping).toEqual(["name", "owner"]);
    });
  });

  it("imports with the preview's fingerprint and counts, then shows the result", async () => {
    await chooseFile();
    await fireEvent.click(screen.getByTestId("import-run"));
    await screen.findByText("Impor selesai");
    const call = mock.calls.find((c) => c.method === "importVendors");
    expect(call?.args[2]).toEqual({ fingerprint: "abc", counts: PLAN.counts });
  });

  it("discards the staged file when the import is cancelled", async () => {
    await chooseFile();
    await fireEvent.click(screen.getByText("Batal"));
    await waitFor(() => expect(mock.staged).toEqual([]));
  });
});

describe("DuplicateReport and MergeVendors", () => {
  it("lists pairs with their reasons and a link to merge them", async () => {
    mock.pairs = [
      {
        first: mock.vendors[0],
        second: mock.vendors[1],
        name_score: 1,
        reasons: [{ code: "same_phone", text: { id: "Nomor HP sama", en: "Same phone" } }],
      },
    ];
    render(DuplicateReport);
    await screen.findByTestId("duplicate-report");
    expect(screen.getByText("Nomor HP sama")).toBeTruthy();
    expect(screen.getByTestId("merge-pair").getAttribute("href")).toBe("#/vendors/merge/a/b");
  });

  it("merges after a confirmation, sending the fields chosen from the other record", async () => {
    render(MergeVendors, { keep: "a", other: "b" });
    await screen.findByTestId("merge-fields");
    await fireEvent.click(screen.getByTestId("take-phone"));
    await fireEvent.click(screen.getByTestId("merge-run"));
    expect(mock.calls.some((c) => c.method === "mergeVendors")).toBe(false);
    await fireEvent.click(screen.getByTestId("confirm"));
    await waitFor(() => expect(mock.calls.some((c) => c.method === "mergeVendors")).toBe(true));
    const call = mock.calls.find((c) => c.method === "mergeVendors");
    expect(call?.args).toEqual(["a", "b", { from_other: ["phone", "brand"] }]);
    expect(mock.vendors.map((v) => v.id)).toEqual(["a"]);
  });
});
