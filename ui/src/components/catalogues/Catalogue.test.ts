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
    expect(within(preview).getByRole("img").getAttribute("src")).toMatch(/^mock-catalogue:pratinjau\/a4-1\.jpg\?v=1$/);
    expect(await screen.findByText(/#JumatBeliLokal/)).toBeTruthy();
  });
});
