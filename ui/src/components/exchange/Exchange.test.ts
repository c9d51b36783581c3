import { describe, it, expect, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { setBackend, type BundlePlan } from "../../backend";
import { MockBackend } from "../../backend/mock";
import { loadReference } from "../../lib/reference.svelte";
import { setLang } from "../../i18n/index.svelte";
import ExchangePage from "./ExchangePage.svelte";
import BackupSection from "../settings/BackupSection.svelte";

const PLAN: BundlePlan = {
  sha256: "cafe",
  source_device: "01a24f64-ba42-71bb-9d14-33104de35042",
  made_at: Date.UTC(2026, 11, 4, 2, 30),
  whole: false,
  tables: [
    { table: "vendor", added: 2, changed: 1, deleted: 0, unchanged: 5 },
    { table: "product", added: 0, changed: 0, deleted: 0, unchanged: 3 },
  ],
  conflicts: [
    {
      table: "vendor",
      key: "v1",
      row: "Kue Basah Bu Siti",
      field: "business_name",
      here: "Kue Basah Siti A",
      there: "Kue Basah Siti B",
      here_at: Date.UTC(2026, 11, 3),
      here_device: "01a24f64-0000-7000-8000-00000000aaaa",
      there_at: Date.UTC(2026, 11, 4),
      there_device: "01a24f64-ba42-71bb-9d14-33104de35042",
      choice: "there",
    },
  ],
  erased_rows: 0,
  erased_here: 0,
  warnings: [],
  changes: true,
  applied: false,
};

let mock: MockBackend;

beforeEach(async () => {
  setLang("id");
  mock = new MockBackend([]);
  mock.bundlePlan = PLAN;
  setBackend(mock);
  await loadReference();
});

async function chooseBundle() {
  render(ExchangePage);
  const input = screen.getByTestId("bundle-file") as HTMLInputElement;
  const file = new File([new Uint8Array([1, 2, 3])], "tukar.etalase");
  await fireEvent.change(input, { target: { files: [file] } });
  await screen.findByTestId("bundle-preview");
}

describe("ExchangePage", () => {
  it("previews a bundle: what changes per kind of data and the fields both laptops changed", async () => {
    await chooseBundle();
    expect(mock.calls.find((c) => c.method === "stageImport")?.args[0]).toBe("tukar.etalase");
    expect(screen.getByTestId("bundle-table-vendor").textContent).toContain("Pelaku usaha");
    expect(screen.queryByTestId("bundle-table-product")).toBeNull();
    const conflicts = screen.getByTestId("bundle-conflicts").textContent ?? "";
    expect(conflicts).toContain("Kue Basah Siti A");
    expect(conflicts).toContain("Kue Basah Siti B");
    expect(conflicts).toContain("pilihan aturan");
    expect(mock.calls.some((c) => c.method === "importBundle")).toBe(false);
  });

  it("imports after a confirmation, with the preview's checksum and the person's choice", async () => {
    await chooseBundle();
    const [keepHere] = screen.getAllByTestId("keep-here");
    await fireEvent.click(keepHere);
    await fireEvent.click(screen.getByTestId("bundle-import"));
    expect(mock.calls.some((c) => c.method === "importBundle")).toBe(false);
    await fireEvent.click(screen.getByTestId("confirm"));
    await screen.findByText("Selesai diimpor");
    const call = mock.calls.find((c) => c.method === "importBundle");
    expect(call?.args[2]).toBe("cafe");
    expect(call?.args[3]).toEqual([{ table: "vendor", key: "v1", field: "business_name", keep: "here" }]);
    await waitFor(() => expect(screen.getByTestId("exchange-history").textContent).toContain("Diterima"));
  });

  it("exports everything or only what changed since a laptop, with a passphrase", async () => {
    render(ExchangePage);
    await fireEvent.input(screen.getByTestId("export-passphrase"), { target: { value: "kata sandi panjang" } });
    await fireEvent.click(screen.getByTestId("export-bundle"));
    await screen.findByTestId("export-result");
    expect(mock.calls.find((c) => c.method === "exportBundle")?.args).toEqual([null, "kata sandi panjang"]);
    expect(screen.getByTestId("export-result").textContent).toContain("Dilindungi kata sandi");
  });
});

describe("BackupSection", () => {
  it("backs up now and restores only after a confirmation", async () => {
    let restored = false;
    render(BackupSection, { onrestored: () => (restored = true) });
    await fireEvent.click(await screen.findByTestId("backup-now"));
    await screen.findByTestId("backup-row");
    await fireEvent.click(screen.getByTestId("backup-restore"));
    expect(mock.calls.some((c) => c.method === "restoreBackup")).toBe(false);
    await fireEvent.click(screen.getByTestId("confirm"));
    await waitFor(() => expect(restored).toBe(true));
    expect(mock.calls.find((c) => c.method === "restoreBackup")?.args[0]).toMatch(/manual/);
  });
});
