import { describe, it, expect, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor, within } from "@testing-library/svelte";
import { setBackend } from "../../backend";
import { MockBackend, sitiVendor } from "../../backend/mock";
import { loadReference } from "../../lib/reference.svelte";
import { setLang } from "../../i18n/index.svelte";
import CataloguePage from "./CataloguePage.svelte";

let mock: MockBackend;

beforeEach(async () => {
  setLang("id");
  mock = new MockBackend([sitiVendor()]);
  setBackend(mock);
  await loadReference();
});

describe("CataloguePage", () => {
  it("says to publish first when no edition is published", async () => {
    await mock.planEdition({ friday: "2021-09-10", theme: "", scope_level: "", scope_code: "", quota: null, channels: [], hashtags: [] });
    render(CataloguePage);
    expect(await screen.findByText("Belum ada edisi terbit")).toBeTruthy();
  });

  it("builds the chosen edition with the chosen outputs and previews it", async () => {
    const e = await mock.planEdition({ friday: "2021-09-10", theme: "", scope_level: "", scope_code: "", quota: null, channels: [], hashtags: [] });
    await mock.publishEdition(e.id);
    render(CataloguePage);
    const select = (await screen.findByTestId("catalogue-edition")) as HTMLSelectElement;
    expect(select.value).toBe("2021-09-10");
    await fireEvent.click(screen.getByLabelText("Lembar marketplace"));
    await fireEvent.click(screen.getByTestId("build-catalogue"));
    await waitFor(() => expect(screen.getByTestId("catalogue-folder").textContent).toContain("2021-09-10"));
    const call = mock.calls.find((c) => c.method === "buildCatalogue")!;
    expect(call.args).toEqual(["2021-09-10", { pdf: true, social: true, captions: true, web: true, sheets: false }]);
    const preview = screen.getByTestId("catalogue-preview");
    expect(within(preview).getByRole("img").getAttribute("src")).toMatch(/^mock-catalogue:pratinjau\/cetak-1\.jpg\?v=1$/);
    expect(await screen.findByText(/#JumatBeliLokal/)).toBeTruthy();
  });

  it("previews an unsaved look, refuses a pale colour beside its field and saves on request", async () => {
    const e = await mock.planEdition({ friday: "2021-09-10", theme: "", scope_level: "", scope_code: "", quota: null, channels: [], hashtags: [] });
    await mock.publishEdition(e.id);
    render(CataloguePage);
    const look = await screen.findByTestId("catalogue-look");
    // The first render shows the saved look.
    await waitFor(() => expect(within(screen.getByTestId("look-preview")).getAllByRole("img")).toHaveLength(3));
    const colour = within(look).getByTestId("look-colour") as HTMLInputElement;
    await fireEvent.input(colour, { target: { value: "#ffe680" } });
    expect(await within(look).findByRole("alert")).toHaveProperty("textContent", "Warna terlalu terang untuk tulisan putih.");
    expect((within(look).getByTestId("look-save") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(colour, { target: { value: "#1d3557" } });
    await fireEvent.change(within(look).getByTestId("look-paper"), { target: { value: "f4" } });
    await waitFor(() => {
      const last = mock.calls.filter((c) => c.method === "previewCatalogueLook").at(-1)!;
      expect(last.args[1]).toMatchObject({ colour: "#1d3557", paper: "f4" });
    });
    await waitFor(() => expect(within(look).queryByRole("alert")).toBeNull());
    // Nothing saved until asked.
    expect(mock.calls.some((c) => c.method === "setCatalogueOptions")).toBe(false);
    await fireEvent.click(within(look).getByTestId("look-save"));
    await waitFor(() => expect(mock.catalogueOptionsSetting).toMatchObject({ colour: "#1d3557", paper: "f4" }));
    const img = within(screen.getByTestId("look-preview")).getAllByRole("img")[0];
    expect(img.getAttribute("src")).toMatch(/^mock-catalogue:look\/1\.jpg\?v=\d+$/);
  });

  it("redraws the preview when an edited template is saved and shows its mistakes", async () => {
    const e = await mock.planEdition({ friday: "2021-09-10", theme: "", scope_level: "", scope_code: "", quota: null, channels: [], hashtags: [] });
    await mock.publishEdition(e.id);
    render(CataloguePage);
    const look = await screen.findByTestId("catalogue-look");
    await waitFor(() => expect(mock.calls.some((c) => c.method === "previewCatalogueLook")).toBe(true));
    mock.templateStamp = "1:100/2:200";
    await fireEvent.change(within(look).getByTestId("look-templates"), { target: { value: "/home/ratna/templat-rusak" } });
    expect((await within(look).findByTestId("look-template-problems")).textContent).toContain("catalogue.typ:3:7");
    await waitFor(() => expect(mock.calls.some((c) => c.method === "catalogueTemplateStamp")).toBe(true));
    const before = mock.calls.filter((c) => c.method === "previewCatalogueLook").length;
    // The instructor saves the file: the stamp changes and the preview is made again.
    mock.templateStamp = "3:120/2:200";
    await waitFor(() => expect(mock.calls.filter((c) => c.method === "previewCatalogueLook").length).toBeGreaterThan(before), { timeout: 3000 });
  });
});
