import { describe, it, expect, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { setBackend, EMPTY_PRODUCT } from "../../backend";
import { MockBackend, sitiVendor } from "../../backend/mock";
import { loadReference } from "../../lib/reference.svelte";
import { setLang } from "../../i18n/index.svelte";
import ProductPage from "./ProductPage.svelte";
import ProductForm from "./ProductForm.svelte";

let mock: MockBackend;

beforeEach(async () => {
  setLang("id");
  mock = new MockBackend([
    sitiVendor(),
  ]);
  setBackend(mock);
  await loadReference();
  await mock.createProduct("v1", { ...EMPTY_PRODUCT, name: "Kue Lapis", category: "makanan-minuman", price: "25.000" });
});

describe("ProductPage", () => {
  it("stages chosen photos, imports them with progress, shows thumbnails and the refused file", async () => {
    render(ProductPage, { id: "product-1" });
    await screen.findByText("Kue Lapis");
    expect(screen.getByText("Rp25.000")).toBeTruthy();
    const files = [
      new File([new Uint8Array([0xff, 0xd8])], "depan.jpg", { type: "image/jpeg" }),
      new File([new Uint8Array([0xff, 0xd8])], "samping.jpg", { type: "image/jpeg" }),
      new File(["teks"], "catatan.txt.jpg", { type: "image/jpeg" }),
    ];
    await fireEvent.change(screen.getByTestId("photo-file"), { target: { files } });
    await waitFor(() => expect(screen.getAllByTestId("photo-thumb")).toHaveLength(2));
    expect(mock.calls.filter((c) => c.method === "stageImport")).toHaveLength(3);
    expect(screen.getByTestId("photo-refused").textContent).toContain("catatan.txt.jpg");
    expect(screen.getByText("Sampul")).toBeTruthy();
    const img = screen.getAllByTestId("photo-thumb")[0] as HTMLImageElement;
    expect(img.getAttribute("src")).toBe("mock-photo:product-1-photo-1/thumb");
    await waitFor(() => expect(screen.getByTestId("photo-readiness").textContent).toContain("SIAP"));
    await fireEvent.click(screen.getAllByLabelText("Menampilkan orang")[0]);
    await waitFor(() => expect(mock.calls.some((c) => c.method === "setShowsPerson")).toBe(true));
  });

  it("imports photos dropped on the photo card", async () => {
    render(ProductPage, { id: "product-1" });
    await screen.findByText("Kue Lapis");
    const card = screen.getByRole("region", { name: /Foto/ });
    const file = new File([new Uint8Array([0xff, 0xd8])], "diseret.jpg", { type: "image/jpeg" });
    await fireEvent.drop(card, { dataTransfer: { files: [file] } });
    await waitFor(() => expect(screen.getAllByTestId("photo-thumb")).toHaveLength(1));
    expect(mock.calls.find((c) => c.method === "stageImport")?.args[0]).toBe("diseret.jpg");
  });

  it("moves a photo's frame with the keyboard and saves it", async () => {
    mock.photoList.set("product-1", []);
    await mock.importPhotos("product-1", [{ token: "t", name: "a.jpg" }], () => {});
    render(ProductPage, { id: "product-1" });
    await fireEvent.click(await screen.findByTestId("frame-photo"));
    const frame = await screen.findByTestId("crop-frame");
    await fireEvent.keyDown(frame, { key: "ArrowLeft", shiftKey: true });
    await fireEvent.click(screen.getByTestId("save-crop"));
    await waitFor(() => expect(mock.calls.some((c) => c.method === "setCrop")).toBe(true));
    const call = mock.calls.find((c) => c.method === "setCrop");
    expect(call?.args).toEqual(["product-1-photo-1", "square", { x: 100, y: 0, w: 1200, h: 1200 }]);
  });
});

describe("ProductForm", () => {
  it("sends the variants typed as text and shows a refusal beside its field", async () => {
    render(ProductForm, { vendorId: "v1" });
    // The form first reads the vendor's documents; the refusal is for the save.
    await waitFor(() => expect(mock.calls.some((c) => c.method === "legality")).toBe(true));
    mock.failNext({
      code: "invalid",
      message: { id: "Periksa isian", en: "Check" },
      fields: [{ field: "price", code: "required", message: { id: "Harga wajib diisi (rupiah).", en: "Price required" } }],
      duplicates: [],
    });
    await fireEvent.input(screen.getByTestId("field-name"), { target: { value: "Keripik" } });
    await fireEvent.input(screen.getByTestId("field-variants"), { target: { value: "Rasa=Pedas,Original" } });
    await fireEvent.click(screen.getByTestId("save-product"));
    await screen.findByText("Harga wajib diisi (rupiah).");
    await fireEvent.input(screen.getByTestId("field-price"), { target: { value: "15.000" } });
    await fireEvent.click(screen.getByTestId("save-product"));
    await waitFor(() => expect(mock.products).toHaveLength(2));
    expect(mock.products[1].variants).toEqual([{ name: "Rasa", options: ["Pedas", "Original"] }]);
  });
});
