// End-to-end: exchange between two laptops in the real window. Laptop A writes a bundle from
// its Pertukaran Data page; laptop B (another data directory) opens it, sees the preview with
// the name both laptops changed, keeps its own, and imports. The CLI checks B afterwards.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openApp, stopDriver, sleep } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const app = join(target, "debug", "etalase-desktop");
const cli = join(target, "debug", "etalase");
const laptopA = mkdtempSync(join(tmpdir(), "etalase-e2e-a-"));
const laptopB = mkdtempSync(join(tmpdir(), "etalase-e2e-b-"));
const exportDir = mkdtempSync(join(tmpdir(), "etalase-e2e-export-"));
process.env.ETALASE_EXPORT_DIR = exportDir;

const run = (dir, ...args) => execFileSync(cli, ["--data-dir", dir, "--lang", "en", ...args]).toString();
const json = (dir, ...args) => JSON.parse(run(dir, ...args));
const add = (dir, name) =>
  json(dir, "vendor", "add", "--name", name, "--owner", "Ani", "--phone", "0812-1111-2222", "--kecamatan", "Gambir", "--category", "kesehatan", "--allow-duplicate", "--json").id;

let open = [];
after(() => {
  for (const { session, driver } of open) {
    session?.end().catch(() => {});
    stopDriver(driver);
  }
  for (const d of [laptopA, laptopB, exportDir]) rmSync(d, { recursive: true, force: true });
});

test("a bundle exported in one window is previewed, its conflict decided and imported in another", async () => {
  // Both laptops know the vendor; then each renames it, without seeing the other's name.
  const shared = add(laptopA, "Toko Satu");
  const first = join(exportDir, "awal.etalase");
  run(laptopA, "bundle", "export", first);
  run(laptopB, "bundle", "import", first);
  run(laptopA, "vendor", "edit", shared, "--name", "Toko Satu Cabang A");
  await sleep(20);
  run(laptopB, "vendor", "edit", shared, "--name", "Toko Satu Cabang B");
  const fresh = add(laptopA, "Toko Tiga Baru");
  // The later edit is B's, so the rule would keep B's name; the person on B chooses A's.

  // Laptop A: export from the window.
  let a = await openApp(app, laptopA);
  open.push(a);
  await a.session.execute(`location.hash = '#/exchange'`);
  await a.session.click('[data-testid="export-bundle"]');
  await a.session.find('[data-testid="export-result"]');
  const made = readdirSync(exportDir).filter((f) => f.endsWith(".etalase") && f !== "awal.etalase");
  assert.equal(made.length, 1, `one bundle in the export folder: ${made}`);
  await a.session.end();
  stopDriver(a.driver);
  open = [];

  // Laptop B: import through the preview.
  const b = await openApp(app, laptopB);
  open.push(b);
  await b.session.execute(`location.hash = '#/exchange'`);
  await (await b.session.find('[data-testid="bundle-file"]')).type(join(exportDir, made[0]));
  await b.session.find('[data-testid="bundle-preview"]');
  const vendors = await (await b.session.find('[data-testid="bundle-table-vendor"]')).text();
  assert.match(vendors, /1/, vendors);
  const conflicts = await (await b.session.find('[data-testid="bundle-conflicts"]')).text();
  assert.ok(conflicts.includes("Toko Satu Cabang A") && conflicts.includes("Toko Satu Cabang B"), conflicts);
  // Nothing is written by the preview.
  assert.ok(!run(laptopB, "vendor", "list").includes("Toko Tiga Baru"));
  await b.session.click('[data-testid="keep-there"]');
  await b.session.click('[data-testid="bundle-import"]');
  await b.session.click('[data-testid="confirm"]');
  await b.session.waitFor("the import to finish", async () =>
    (await (await b.session.find('[data-testid="bundle-preview"]')).text()).includes("Selesai diimpor"),
  );
  await b.session.waitFor("the history", async () =>
    (await (await b.session.find('[data-testid="exchange-history"]')).text()).includes("Diterima"),
  );

  assert.equal(json(laptopB, "vendor", "show", fresh, "--json").name, "Toko Tiga Baru");
  assert.equal(json(laptopB, "vendor", "show", shared, "--json").name, "Toko Satu Cabang A");
  assert.ok(run(laptopB, "backup", "list").includes("before-import"), "a backup was made first");
  assert.ok(run(laptopB, "check").includes("intact"));
});
