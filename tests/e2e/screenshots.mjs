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
} finally {
  await session.end().catch(() => {});
  stopDriver(driver);
  rmSync(dataDir, { recursive: true, force: true });
}
