// Takes the documentation's screenshots from the real window (demo registry), through the same
// WebDriver setup as the end-to-end tests. Run: xvfb-run -a node tests/e2e/screenshots.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session, sleep, startDriver, stopDriver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const dataDir = mkdtempSync(join(tmpdir(), "etalase-shots-"));
const exportDir = mkdtempSync(join(tmpdir(), "etalase-shots-export-"));
process.env.ETALASE_EXPORT_DIR = exportDir;
execFileSync(join(target, "debug", "etalase"), ["--data-dir", dataDir, "demo"]);
const first = JSON.parse(
  execFileSync(join(target, "debug", "etalase"), ["--data-dir", dataDir, "vendor", "list", "--limit", "1", "--json"]),
)[0];

const port = 5555;
const driver = startDriver(port);
await sleep(1500);
const session = await Session.start(`http://127.0.0.1:${port}`, {
  "tauri:options": { application: join(target, "debug", "etalase-desktop"), args: ["--data-dir", dataDir] },
});
await session.cmd("POST", "/window/rect", { width: 1280, height: 820 });

async function shot(name) {
  await sleep(900); // let smooth scrolling settle
  const png = await session.cmd("GET", "/screenshot");
  writeFileSync(join(root, "docs", "screenshots", `${name}.png`), Buffer.from(png, "base64"));
  console.log(`docs/screenshots/${name}.png`);
}

try {
  await (await session.find('[data-testid="nav-vendors"]')).click();
  await session.find('[data-testid="vendor-table"]');
  await shot("vendor-list");
  await (await session.find(`[data-testid="vendor-table"] tbody tr td.name`)).click();
  await session.find('[data-testid="vendor-history"]');
  await shot("vendor-page");
  await (await session.find('a[href="#/vendors"]')).click();
  await (await session.find('[data-testid="new-vendor"]')).click();
  await session.find('[data-testid="field-name"]');
  await shot("vendor-form");
  await (await session.find('[data-testid="field-name"]')).type(`${first.name.split(" ").slice(0, 2).join(" ")} Bu Yanti`);
  await (await session.find('[data-testid="field-owner"]')).type("Yanti Susanti");
  await (await session.find('[data-testid="field-phone"]')).type(first.phone.replace("+62", "0"));
  await (await session.find(`[data-testid="field-city"] option[value="${first.city_code}"]`)).click();
  await (await session.find(`[data-testid="field-kecamatan"] option[value="${first.kecamatan_code}"]`)).click();
  await (await session.find(`[data-testid="category-${first.category}"]`)).click();
  await (await session.find('[data-testid="save-vendor"]')).click();
  await session.find('[data-testid="duplicate-panel"]');
  await shot("vendor-duplicates");
  // A spreadsheet with one bad row, previewed before anything is saved.
  const sheet = join(dataDir, "..", `daftar-shots-${process.pid}.csv`);
  writeFileSync(
    sheet,
    "\uFEFFNama Usaha;Nama Pemilik;No. HP;Kecamatan;Kategori;Modal\n" +
      "Keripik Singkong Ani;Ani Lestari;0812-9999-0001;Tebet;Makanan;Rp 15.000.000\n" +
      "Batik Tulis Budi;Budi Santoso;+62 812 9999 0002;Gambir;fesyen-kerajinan;2.500.000\n" +
      "Jamu Citra;Citra;0812 999;Cilandak;kesehatan;\n" +
      "Sabun Dewi;Dewi;081299990004;Koja;rumah-tangga;\n",
  );
  await session.execute("location.hash = '#/vendors/import'");
  await (await session.find('[data-testid="import-file"]')).type(sheet);
  await session.find('[data-testid="import-problems"]');
  await shot("vendor-import");
  rmSync(sheet, { force: true });
  await session.execute("location.hash = '#/vendors/duplicates'");
  await session.find('[data-testid="duplicate-report"]');
  await shot("duplicate-report");
  await (await session.find('[data-testid="merge-pair"]')).click();
  await session.find('[data-testid="merge-fields"]');
  await shot("vendor-merge");
  await (await session.find('[data-testid="nav-training"]')).click();
  await (await session.find('[data-testid="class-table"] tbody tr:last-child td.topic')).click();
  await session.find('[data-testid="participants"]');
  await shot("training-class");
  // A demo product with two photos, then its framing.
  const products = JSON.parse(
    execFileSync(join(target, "debug", "etalase"), ["--data-dir", dataDir, "product", "list", "--json"]),
  );
  const withTwo = products.find((p) => p.photo_count === 2);
  await session.execute(`location.hash = '#/products/${withTwo.id}'`);
  await session.waitFor("thumbnails", () =>
    session.execute(
      "const imgs = [...document.querySelectorAll('[data-testid=photo-thumb]')]; return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0)",
    ),
  );
  await shot("product-page");
  await session.execute("document.querySelector('[data-testid=curation-card]').scrollIntoView()");
  await (await session.find('[data-testid="review-product"]')).click();
  await session.execute("document.querySelector('[data-testid=curation-card]').scrollIntoView()");
  await shot("product-curation");
  await session.execute("window.scrollTo(0, 0); document.querySelector('main').scrollTo(0, 0)");
  await (await session.find('[data-testid="frame-photo"]')).click();
  await session.find('[data-testid="crop-frame"]');
  await (await session.find('[data-testid="frame-portrait"]')).click();
  await shot("photo-framing");
  await session.execute("location.hash = '#/products'");
  await session.find('[data-testid="product-grid"] img');
  await shot("product-grid");
  // The Friday planner: the calendar, the next Friday planned with the suggestion, the queue.
  await (await session.find('[data-testid="nav-friday"]')).click();
  await session.find('[data-testid="calendar"]');
  await shot("friday-calendar");
  await (await session.find('[data-testid="calendar"] li.next [data-testid="plan-week"]')).click();
  await (await session.find('[data-testid="plan-submit"]')).click();
  await (await session.find('[data-testid="suggest"]')).click();
  await session.find('[data-testid="proposal"]');
  await shot("edition-suggestion");
  await (await session.find('[data-testid="accept-suggestion"]')).click();
  await session.find('[data-testid="selection"]');
  await session.waitFor("covers", () =>
    session.execute("return [...document.querySelectorAll('[data-testid=selection] img')].every((i) => i.complete && i.naturalWidth > 0)"),
  );
  await shot("edition-board");
  await session.execute("location.hash = '#/friday/queue'");
  await session.find('[data-testid="revision-queue"]');
  await shot("revision-queue");
  await (await session.find('[data-testid="nav-catalogues"]')).click();
  await (await session.find('[data-testid="build-catalogue"]')).click();
  await session.waitFor(
    "the preview",
    () =>
      session.execute(
        "const imgs = [...document.querySelectorAll('[data-testid=catalogue-preview] img')]; return imgs.length >= 2 && imgs.every((i) => i.complete && i.naturalWidth > 0)",
      ),
    { timeout: 120000 },
  );
  await session.execute("document.querySelector('[data-testid=catalogue-result]').scrollIntoView()");
  await shot("catalogue-build");
  // The look: a navy colour and folio paper tried before saving.
  const colour = await session.find('[data-testid="look-colour"]');
  await colour.clear();
  await colour.type("#1d3557");
  await session.execute("const s = document.querySelector('[data-testid=look-paper]'); s.value = 'f4'; s.dispatchEvent(new Event('change'))");
  await session.waitFor(
    "the look preview",
    () =>
      session.execute(
        "const p = document.querySelector('[data-testid=look-preview]'); const imgs = [...p.querySelectorAll('img')]; return p.getAttribute('aria-busy') === 'false' && imgs.length === 3 && imgs.every((i) => i.complete && i.naturalWidth > 0 && !i.src.endsWith('v=1')) && document.querySelector('[data-testid=catalogue-look] [role=status]').textContent.includes('ms')",
      ),
    { timeout: 60000 },
  );
  await new Promise((r) => setTimeout(r, 800));
  await session.execute("document.querySelector('[data-testid=catalogue-look]').scrollIntoView()");
  await shot("catalogue-look");

  // Exchange: a bundle from a second laptop that renamed one of the demo's vendors while this
  // one renamed it too, previewed with its conflict.
  const cli = (dir, ...args) => execFileSync(join(target, "debug", "etalase"), ["--data-dir", dir, ...args]).toString();
  const other = mkdtempSync(join(tmpdir(), "etalase-shots-other-"));
  const bundle = join(exportDir, "dari-laptop-b.etalase");
  cli(dataDir, "bundle", "export", join(exportDir, "awal.etalase"));
  cli(other, "bundle", "import", join(exportDir, "awal.etalase"));
  cli(dataDir, "vendor", "edit", first.id, "--name", `${first.name} Pusat`);
  await sleep(20);
  cli(other, "vendor", "edit", first.id, "--name", `${first.name} Cabang Tebet`, "--mentor", "Bu Rina Wulandari");
  cli(other, "vendor", "add", "--name", "Sambal Roa Mama Ita", "--owner", "Ita Manoppo", "--phone", "0813-2222-4545", "--kecamatan", "Pancoran", "--category", "makanan-minuman", "--allow-duplicate");
  cli(other, "bundle", "export", bundle);
  cli(dataDir, "backup", "create");
  await session.execute("location.hash = '#/exchange'");
  await (await session.find('[data-testid="bundle-file"]')).type(bundle);
  await session.find('[data-testid="bundle-conflicts"]');
  await session.execute("document.querySelector('[data-testid=bundle-preview]').scrollIntoView()");
  await shot("exchange-preview");
  rmSync(other, { recursive: true, force: true });
  await session.execute("location.hash = '#/settings'");
  await session.find('[data-testid="backup-row"]');
  await session.execute("document.querySelector('[data-testid=backups]').scrollIntoView()");
  await shot("settings-backups");
} finally {
  await session.end().catch(() => {});
  stopDriver(driver);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(exportDir, { recursive: true, force: true });
}
