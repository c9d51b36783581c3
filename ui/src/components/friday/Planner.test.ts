import { describe, it, expect, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor, within } from "@testing-library/svelte";
import { setBackend, EMPTY_PRODUCT } from "../../backend";
import { MockBackend, sitiVendor, mockPhoto } from "../../backend/mock";
import { loadReference } from "../../lib/reference.svelte";
import { setLang } from "../../i18n/index.svelte";
import FridayCalendar from "./FridayCalendar.svelte";
import EditionBoard from "./EditionBoard.svelte";
import RevisionQueue from "./RevisionQueue.svelte";
import CurationCard from "../products/CurationCard.svelte";
import { toasts } from "../../lib/toast.svelte";

let mock: MockBackend;

/** Two food products, one with a photo and curated "ok", one without either. */
async function seed() {
  const ready = await mock.createProduct("v1", { ...EMPTY_PRODUCT, name: "Kue Lapis", category: "makanan-minuman", price: "25000" });
  mock.photoList.set(ready.id, [mockPhoto("ph1", ready.id, true)]);
  const criteria = { legality: "ok", quality: "ok", packaging: "ok", taste: "ok", hygiene: "ok", photo: "ok" } as const;
  await mock.reviewProduct(ready.id, { criteria, notes: "", reviewer: "Ratna", reviewed_on: "" });
  const raw = await mock.createProduct("v1", { ...EMPTY_PRODUCT, name: "Dodol", category: "makanan-minuman", price: "15000" });
  return { ready, raw };
}

beforeEach(async () => {
  setLang("id");
  mock = new MockBackend([
    sitiVendor(),
  ]);
  setBackend(mock);
  await loadReference();
});

describe("FridayCalendar", () => {
  it("lists the coming Fridays with their themes and plans one with the rotation's theme", async () => {
    render(FridayCalendar);
    const calendar = await screen.findByTestId("calendar");
    expect(within(calendar).getAllByRole("listitem")).toHaveLength(12);
    const week = screen.getByTestId("week-2026-12-04");
    expect(within(week).getByText("Fesyen dan Kerajinan")).toBeTruthy();
    await fireEvent.click(within(week).getByTestId("plan-week"));
    const form = await screen.findByTestId("plan-form");
    expect((within(form).getByTestId("plan-theme") as HTMLSelectElement).value).toBe("fesyen-kerajinan");
    await fireEvent.input(within(form).getByTestId("plan-quota"), { target: { value: "3" } });
    await fireEvent.click(screen.getByTestId("plan-submit"));
    await waitFor(() => expect(mock.editionList).toHaveLength(1));
    const plan = mock.calls.find((c) => c.method === "planEdition")!.args[0] as { friday: string; theme: string; quota: number };
    expect(plan).toMatchObject({ friday: "2026-12-04", theme: "fesyen-kerajinan", quota: 3 });
  });
});

describe("EditionBoard", () => {
  it("shows why each product is proposed, accepts the suggestion and publishes after a confirmation", async () => {
    const { ready, raw } = await seed();
    const e = await mock.planEdition({ friday: "2021-09-10", theme: "", scope_level: "", scope_code: "", quota: null, channels: [], hashtags: [] });
    render(EditionBoard, { id: e.id });
    await fireEvent.click(await screen.findByTestId("suggest"));
    const proposal = await screen.findByTestId("proposal");
    expect(within(proposal).getByText("Kue Lapis")).toBeTruthy();
    expect(within(proposal).queryByText("Dodol")).toBeNull();
    expect(within(proposal).getByText(/belum pernah tampil/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("accept-suggestion"));
    const selection = await screen.findByTestId("selection");
    expect(within(selection).getAllByTestId("selection-item")).toHaveLength(1);
    expect(mock.editionList[0].items.map((i) => i.product.id)).toEqual([ready.id]);
    expect(raw.id).not.toBe(ready.id);
    await fireEvent.click(screen.getByTestId("publish"));
    // Nothing is published before the confirmation.
    expect(mock.editionList[0].state).toBe("draft");
    await fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Terbitkan" }));
    await waitFor(() => expect(screen.getByTestId("edition-state").textContent).toBe("Terbit"));
    expect(within(screen.getByTestId("snapshot")).getByText("Kue Lapis")).toBeTruthy();
    expect(screen.getByTestId("publish-log").textContent).toContain("Katalog");
  });

  it("moves a product with Alt+ArrowDown", async () => {
    const { ready } = await seed();
    const other = await mock.createProduct("v1", { ...EMPTY_PRODUCT, name: "Bir Pletok", category: "makanan-minuman", price: "20000" });
    const e = await mock.planEdition({ friday: "2021-09-10", theme: "", scope_level: "", scope_code: "", quota: null, channels: [], hashtags: [] });
    await mock.addToEdition(e.id, ready.id);
    await mock.addToEdition(e.id, other.id);
    render(EditionBoard, { id: e.id });
    const rows = await screen.findAllByTestId("selection-item");
    await fireEvent.keyDown(rows[0], { key: "ArrowDown", altKey: true });
    await waitFor(() => expect(mock.editionList[0].items.map((i) => i.product.id)).toEqual([other.id, ready.id]));
  });
});

describe("Taking a product out", () => {
  it("can be undone, back in its place", async () => {
    const { ready } = await seed();
    const other = await mock.createProduct("v1", { ...EMPTY_PRODUCT, name: "Bir Pletok", category: "makanan-minuman", price: "20000" });
    const e = await mock.planEdition({ friday: "2021-09-10", theme: "", scope_level: "", scope_code: "", quota: null, channels: [], hashtags: [] });
    await mock.addToEdition(e.id, ready.id);
    await mock.addToEdition(e.id, other.id);
    render(EditionBoard, { id: e.id });
    await fireEvent.click(await screen.findByRole("button", { name: "Keluarkan Kue Lapis" }));
    await waitFor(() => expect(mock.editionList[0].items.map((i) => i.product.id)).toEqual([other.id]));
    const undo = toasts().find((x) => x.message.includes("Kue Lapis"))!.action!;
    undo.run();
    await waitFor(() => expect(mock.editionList[0].items.map((i) => i.product.id)).toEqual([ready.id, other.id]));
  });
});

describe("Curation", () => {
  it("asks for a revision with notes and the product appears in the revision queue", async () => {
    const { raw } = await seed();
    render(CurationCard, { productId: raw.id, food: true });
    await fireEvent.click(await screen.findByTestId("review-product"));
    const form = screen.getByTestId("review-form");
    await fireEvent.click(within(form).getAllByLabelText("Perbaiki")[2]);
    await fireEvent.input(within(form).getByLabelText(/Catatan/), { target: { value: "Kemasan bocor" } });
    await fireEvent.input(within(form).getByLabelText("Nama kurator"), { target: { value: "Ratna" } });
    await fireEvent.click(screen.getByTestId("review-save"));
    await waitFor(() => expect(screen.getByTestId("curation-verdict").textContent).toContain("PERLU PERBAIKAN"));
    const sent = mock.calls.filter((c) => c.method === "reviewProduct").at(-1)!.args[1] as { criteria: { packaging: string } };
    expect(sent.criteria, JSON.stringify(sent.criteria)).toMatchObject({ packaging: "revise" });
    render(RevisionQueue);
    const queue = await screen.findByTestId("revision-queue");
    expect(within(queue).getByText("Kemasan bocor")).toBeTruthy();
  });
});
