// End-to-end: the Friday planner in the real window, on the demo registry. A curator sends a
// product back for revision; the next Friday is planned, the suggestion accepted and the
// edition published. The CLI checks what the registry holds afterwards.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openApp, stopDriver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const app = join(target, "debug", "etalase-desktop");
const cli = join(target, "debug", "etalase");
const dataDir = mkdtempSync(join(tmpdir(), "etalase-e2e-planner-"));
// Where the window saves the catalogue (the app inherits it through tauri-driver).
const exportDir = mkdtempSync(join(tmpdir(), "etalase-e2e-export-"));
process.env.ETALASE_EXPORT_DIR = exportDir;

let driver;
let session;

function json(...args) {
  return JSON.parse(execFileSync(cli, ["--data-dir", dataDir, ...args]).toString());
}

before(async () => {
  execFileSync(cli, ["--data-dir", dataDir, "demo"]);
  ({ driver, session } = await openApp(app, dataDir));
});

after(async () => {
  await session?.end().catch(() => {});
  stopDriver(driver);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(exportDir, { recursive: true, force: true });
});

test("a curator's request for revision reaches the revision queue", async () => {
  const queued = json("curation", "queue", "--json").map((q) => q.product_id);
  const product = json("product", "list", "--json").find((p) => p.photo_count > 0 && !queued.includes(p.id));
  await session.execute(`location.hash = '#/products/${product.id}'`);
  await session.click('[data-testid="review-product"]');
  await (await session.find('[data-testid="review-form"] input[name="crit-packaging"][value="revise"]')).click();
  await (await session.find('[data-testid="review-form"] textarea')).type("Segel kemasan mudah terbuka.");
  const reviewer = await session.find('[data-testid="review-form"] input.input');
  // The window remembers the last curator's name; this test types its own.
  await reviewer.clear();
  await reviewer.type("Ratna Sari");
  await (await session.find('[data-testid="review-save"]')).click();
  await session.waitFor("the verdict", async () =>
    (await (await session.find('[data-testid="curation-verdict"]')).text()).includes("PERLU PERBAIKAN"),
  );
  const queue = json("curation", "queue", "--json");
  const mine = queue.find((q) => q.product_id === product.id);
  assert.ok(mine, "the product is in the queue");
  assert.equal(mine.review.notes, "Segel kemasan mudah terbuka.");
  assert.equal(mine.review.criteria.packaging, "revise");
  assert.equal(mine.review.reviewer, "Ratna Sari");
  await session.execute("location.hash = '#/friday/queue'");
  await session.waitFor("the queue to list it", async () =>
    (await (await session.find('[data-testid="revision-queue"]')).text()).includes("Segel kemasan mudah terbuka."),
  );
});

test("the next Friday is planned, the suggestion accepted and the edition published", async () => {
  const [next] = json("edition", "calendar", "--weeks", "1", "--json");
  await (await session.find('[data-testid="nav-friday"]')).click();
  const week = await session.find(`[data-testid="week-${next.friday}"] [data-testid="plan-week"]`);
  await week.click();
  await (await session.find('[data-testid="plan-submit"]')).click();
  await session.find('[data-testid="edition-title"]');
  await (await session.find('[data-testid="suggest"]')).click();
  const proposed = await session.waitFor("the proposal", async () => {
    const n = await session.execute("return document.querySelectorAll('[data-testid=proposal] li').length");
    return n > 0 && n;
  });
  await (await session.find('[data-testid="accept-suggestion"]')).click();
  await session.waitFor("the selection", async () =>
    (await session.execute("return document.querySelectorAll('[data-testid=selection-item]').length")) === proposed,
  );
  const planned = json("edition", "show", "--friday", next.friday, "--json");
  assert.equal(planned.state, "draft");
  assert.equal(planned.items.length, proposed);
  assert.ok(planned.items.every((i) => i.problems.length === 0 && i.product.category === next.theme));
  await (await session.find('[data-testid="publish"]')).click();
  await (await session.find('[data-testid="confirm"]')).click();
  await session.waitFor("the published state", async () =>
    (await (await session.find('[data-testid="edition-state"]')).text()).toLowerCase() === "terbit",
  );
  const published = json("edition", "show", "--friday", next.friday, "--json");
  assert.equal(published.state, "published");
  assert.equal(published.snapshot.length, proposed);
  assert.deepEqual(
    published.snapshot.map((s) => s.product_id),
    planned.items.map((i) => i.product.id),
  );
  assert.equal(published.log.filter((l) => l.action === "published").length, published.channels.length);
});

test("the published Friday's catalogue is built from the window and previewed", async () => {
  const [next] = json("edition", "calendar", "--weeks", "1", "--json");
  await (await session.find('[data-testid="nav-catalogues"]')).click();
  const select = await session.find('[data-testid="catalogue-edition"]');
  assert.equal(await session.execute("return document.querySelector('[data-testid=catalogue-edition]').value"), next.friday);
  assert.ok(select);
  await (await session.find('[data-testid="build-catalogue"]')).click();
  await session.waitFor(
    "the PDF's pages in the preview",
    async () =>
      session.execute(
        "const imgs = [...document.querySelectorAll('[data-testid=catalogue-preview] img')]; return imgs.length >= 2 && imgs.every((i) => i.complete && i.naturalWidth > 0)",
      ),
    { timeout: 120000 },
  );
  const folder = await (await session.find('[data-testid="catalogue-folder"]')).text();
  assert.ok(folder.startsWith(exportDir), folder);
  for (const file of ["katalog-a4.pdf", "katalog-hp.pdf", "web/index.html", "marketplace/tokopedia.xlsx", "teks/instagram.txt"]) {
    assert.ok(existsSync(join(folder, file)), file);
  }
  // The protocol serves only the build's own images.
  const outside = await session.execute(
    "return fetch('catalogue://localhost/../katalog-a4.pdf').then((r) => r.status).catch(() => 'refused')",
  );
  assert.notEqual(outside, 200);

  // The look: a new colour is previewed from memory before anything is saved, then saved.
  await session.waitFor(
    "the look preview",
    async () =>
      session.execute(
        "const imgs = [...document.querySelectorAll('[data-testid=look-preview] img')]; return imgs.length === 3 && imgs.every((i) => i.complete && i.naturalWidth > 0)",
      ),
    { timeout: 60000 },
  );
  const colour = await session.find('[data-testid="look-colour"]');
  await colour.clear();
  await colour.type("#1d3557");
  // (The core test checks the preview's pixels; a page cannot read another scheme's pixels.)
  await session.waitFor(
    "the preview redrawn with the new colour",
    async () =>
      session.execute(`
        const imgs = [...document.querySelectorAll('[data-testid=look-preview] img')];
        const v = Number(new URL(imgs[0]?.src ?? 'x:/?v=0').searchParams.get('v'));
        return v >= 2 && imgs.every((i) => i.complete && i.naturalWidth > 0) && !document.querySelector('[data-testid=catalogue-look] [role=alert]');
      `),
    { timeout: 30000 },
  );
  assert.equal(json("catalogue", "options", "--json").colour, "#0f5f5c", "not saved before asked");
  await (await session.find('[data-testid="look-save"]')).click();
  await session.waitFor("the saved colour", async () => json("catalogue", "options", "--json").colour === "#1d3557");
});
