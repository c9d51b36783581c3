// End-to-end: the real Etalase window, driven through tauri-driver and WebKitWebDriver.
// Registers a vendor through the window, is refused on bad input, and checks with the CLI
// that exactly what was accepted is in the registry.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openApp, stopDriver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const app = join(target, "debug", "etalase-desktop");
const cli = join(target, "debug", "etalase");
const dataDir = mkdtempSync(join(tmpdir(), "etalase-e2e-"));

let driver;
let session;

function vendors() {
  const out = execFileSync(cli, ["--data-dir", dataDir, "vendor", "list", "--archived", "--json"]);
  return JSON.parse(out.toString());
}

before(async () => {
  ({ driver, session } = await openApp(app, dataDir));
});

after(async () => {
  await session?.end().catch(() => {});
  stopDriver(driver);
  rmSync(dataDir, { recursive: true, force: true });
});

test("first start offers demo data or an empty registry", async () => {
  const empty = await session.find('[data-testid="welcome-empty"]');
  await empty.click();
  await session.waitFor("the welcome to close", async () => {
    const open = await session.execute("return !!document.querySelector('dialog[open]')");
    return !open;
  });
  assert.equal(vendors().length, 0, "starting empty writes no vendor");
});

test("bad input is refused beside each field and nothing is written", async () => {
  await (await session.find('[data-testid="nav-vendors"]')).click();
  await (await session.find('[data-testid="new-vendor"]')).click();
  await (await session.find('[data-testid="field-owner"]')).type("Siti Rahayu");
  await (await session.find('[data-testid="field-phone"]')).type("12ab");
  await (await session.find('[data-testid="save-vendor"]')).click();

  const phoneError = await session.waitFor("the phone error", async () => {
    const text = await (await session.find('[data-testid="error-phone"]')).text();
    return text.includes("tidak valid") && text;
  });
  assert.match(phoneError, /Nomor HP "12ab" tidak valid/);
  assert.match(await (await session.find('[data-testid="error-name"]')).text(), /Nama usaha wajib diisi/);
  assert.match(await (await session.find('[data-testid="error-kecamatan"]')).text(), /Kecamatan wajib diisi/);
  assert.equal(await (await session.find('[data-testid="field-phone"]')).attribute("aria-invalid"), "true");
  assert.equal(vendors().length, 0, "a refused form writes nothing");
});

test("a vendor registered through the window is in the registry", async () => {
  // Hostile markup in a name must show as text and never run.
  const name = 'Kue Lapis <img src=x onerror="window.__pwn=1">';
  await (await session.find('[data-testid="field-name"]')).type(name);
  const phone = await session.find('[data-testid="field-phone"]');
  await phone.clear();
  await phone.type("0812-3456-7890");
  await (await session.find('[data-testid="field-city"] option[value="31.74"]')).click();
  await (await session.find('[data-testid="field-kecamatan"] option[value="31.74.01"]')).click();
  await (await session.find('[data-testid="category-makanan-minuman"]')).click();
  await (await session.find('[data-testid="save-vendor"]')).click();

  const heading = await session.waitFor("the vendor page", async () => {
    const text = await (await session.find('[data-testid="vendor-name"]', { timeout: 500 })).text();
    return text || false;
  });
  assert.equal(heading, name, "the name is shown literally");
  assert.equal(await session.execute("return window.__pwn === undefined"), true, "no markup ran");

  const saved = vendors();
  assert.equal(saved.length, 1);
  assert.equal(saved[0].name, name);
  assert.equal(saved[0].owner, "Siti Rahayu");
  assert.equal(saved[0].phone, "+6281234567890");
  assert.equal(saved[0].kecamatan, "Tebet");
  assert.equal(saved[0].category, "makanan-minuman");
});

test("archiving asks first, then can be undone", async () => {
  await (await session.find('[data-testid="archive-vendor"]')).click();
  await (await session.find('[data-testid="confirm"]')).click();
  await session.waitFor("the archive to land", () => vendors()[0]?.archived === true);
  const undo = await session.find(".toast .action");
  await undo.click();
  await session.waitFor("the undo to land", () => vendors()[0]?.archived === false);
  const history = await session.waitFor("the history to show both", async () => {
    const text = await (await session.find('[data-testid="vendor-history"]')).text();
    return text.includes("Diaktifkan kembali") && text;
  });
  assert.match(history, /Diarsipkan/);
  assert.match(history, /Didaftarkan/);
});

test("a vendor whose phone matches an existing one shows the duplicate panel", async () => {
  await session.execute("document.querySelectorAll('.toast .close').forEach((b) => b.click())");
  await (await session.find('a[href="#/vendors"]')).click();
  await (await session.find('[data-testid="new-vendor"]')).click();
  await (await session.find('[data-testid="field-name"]')).type("Jamu Gendong Wati");
  await (await session.find('[data-testid="field-owner"]')).type("Wati Lestari");
  // The same number as the vendor registered above, written the international way.
  await (await session.find('[data-testid="field-phone"]')).type("+62 812 3456 7890");
  await (await session.find('[data-testid="field-city"] option[value="31.75"]')).click();
  await (await session.find('[data-testid="field-kecamatan"] option[value="31.75.06"]')).click();
  await (await session.find('[data-testid="category-kesehatan"]')).click();
  await (await session.find('[data-testid="save-vendor"]')).click();

  const panel = await session.waitFor("the duplicate panel", async () => {
    const text = await (await session.find('[data-testid="duplicate-panel"]', { timeout: 500 })).text();
    return text || false;
  });
  assert.match(panel, /Mungkin sudah terdaftar/);
  await session.waitFor("the panel to scroll into view", () =>
    session.execute(
      "const r = document.querySelector('[data-testid=duplicate-panel]').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight / 2;",
    ),
  );
  assert.match(panel, /Kue Lapis/, "names the existing vendor");
  assert.match(panel, /Nomor HP sama/, "says why");
  assert.equal(vendors().length, 1, "nothing is saved before the person decides");

  await (await session.find('[data-testid="save-anyway"]')).click();
  await session.waitFor("the second vendor to be saved", () => vendors().length === 2);
});

test("consent to publish is recorded from the vendor page after reading the notice", async () => {
  // The previous test left the window on the new vendor's page.
  await (await session.find('[data-testid="grant-publish"]')).click();
  const notice = await (await session.find("dialog[open] blockquote")).text();
  assert.match(notice, /katalog Jumat Beli Lokal/, "the notice is shown before recording");
  await (await session.find('[data-testid="confirm-grant"]')).click();
  await session.find('[data-testid="withdraw-publish"]');
  const id = vendors().find((v) => v.name === "Jamu Gendong Wati").id;
  const status = JSON.parse(execFileSync(cli, ["--data-dir", dataDir, "consent", "show", id, "--json"]).toString());
  const publish = status.find((s) => s.purpose === "publish");
  assert.ok(publish.active, "the CLI sees the consent");
  assert.equal(publish.active.form, "written");
  assert.equal(status.find((s) => s.purpose === "contact").active, null, "other purposes stay unconsented");
});

test("a Jakpreneur stage set on the vendor page is saved and recorded", async () => {
  await (await session.find('[data-testid="stage-pelatihan"] option[value="selesai"]')).click();
  const id = vendors().find((v) => v.name === "Jamu Gendong Wati").id;
  const stages = await session.waitFor("the stage to be saved", () => {
    const s = JSON.parse(execFileSync(cli, ["--data-dir", dataDir, "stage", "show", id, "--json"]).toString());
    return s[1].status === "selesai" && s;
  });
  assert.equal(stages[1].stage, "pelatihan");
  const history = await session.waitFor("the history entry", async () => {
    const text = await (await session.find('[data-testid="vendor-history"]')).text();
    return text.includes("Pelatihan") && text;
  });
  assert.match(history, /Tahap Jakpreneur: Pelatihan/);
});

test("a P-IRT added on the vendor page is checked and stored", async () => {
  await (await session.find('[data-testid="add-legality"]')).click();
  await (await session.find('[data-testid="field-number"]')).type("12345");
  await (await session.find('[data-testid="save-legality"]')).click();
  const error = await session.waitFor("the number's error", async () => {
    const text = await (await session.find('[data-testid="error-number"]')).text();
    return text.includes("15 angka") && text;
  });
  assert.match(error, /P-IRT harus 15 angka/);
  const number = await session.find('[data-testid="field-number"]');
  await number.clear();
  await number.type("P-IRT No. 2063174010128-30");
  await (await session.find('[data-testid="save-legality"]')).click();
  const id = vendors().find((v) => v.name === "Jamu Gendong Wati").id;
  const docs = await session.waitFor("the document to be saved", () => {
    const d = JSON.parse(execFileSync(cli, ["--data-dir", dataDir, "legality", "list", id, "--json"]).toString());
    return d.length === 1 && d;
  });
  assert.equal(docs[0].number, "206317401012830");
  assert.equal(docs[0].valid_until, "2030-12-31");
});

test("erasing a vendor needs its name typed, then removes it everywhere", async () => {
  const before = vendors().length;
  await (await session.find('[data-testid="erase-vendor"]')).click();
  const confirm = await session.find('[data-testid="confirm-erase"]');
  assert.equal(await confirm.attribute("disabled"), "true", "disabled until the name is typed");
  await (await session.find('[data-testid="erase-name"]')).type("Jamu Gendong Wati");
  await (await session.find('[data-testid="confirm-erase"]')).click();
  await session.waitFor("the erasure", () => vendors().length === before - 1);
  assert.ok(!vendors().some((v) => v.name === "Jamu Gendong Wati"));
});

test("a spreadsheet chosen in the window is previewed, then imported", async () => {
  const before = vendors().length;
  const file = join(dataDir, "..", `daftar-${process.pid}.csv`);
  writeFileSync(
    file,
    "\uFEFFNama Usaha;Nama Pemilik;No. HP;Kecamatan;Kategori;Modal\n" +
      "Keripik Singkong Ani;Ani Lestari;0812-9999-0001;Tebet;Makanan;Rp 15.000.000\n" +
      "Batik Tulis Budi;Budi Santoso;+62 812 9999 0002;Gambir;fesyen-kerajinan;2.500.000\n" +
      "Jamu Citra;Citra;0812 999;Cilandak;kesehatan;\n" +
      "Sabun Dewi;Dewi;081299990004;Koja;rumah-tangga;\n",
  );
  try {
    await session.execute("location.hash = '#/vendors/import'");
    // WebDriver puts the file into the same <input type=file> a person's choice fills.
    await (await session.find('[data-testid="import-file"]')).type(file);
    const summary = await session.waitFor("the preview", async () => {
      const text = await (await session.find('[data-testid="import-summary"]')).text();
      return text.includes("baru") && text;
    });
    assert.match(summary, /3\s*baru/);
    assert.match(summary, /1\s*salah/);
    const problems = await (await session.find('[data-testid="import-problems"]')).text();
    assert.match(problems, /Baris 4/);
    assert.match(problems, /Jamu Citra/);
    assert.equal(vendors().length, before, "a preview writes nothing");
    await (await session.find('[data-testid="import-run"]')).click();
    await session.waitFor("the import", () => vendors().length === before + 3);
    const ani = vendors().find((v) => v.name === "Keripik Singkong Ani");
    assert.equal(ani.phone, "+6281299990001");
    assert.ok(!vendors().some((v) => v.name === "Jamu Citra"));
  } finally {
    rmSync(file, { force: true });
  }
});

test("two records of one business are merged from the duplicates page", async () => {
  const add = (name, brand) =>
    JSON.parse(
      execFileSync(cli, [
        "--data-dir", dataDir, "vendor", "add", "--name", name, "--owner", "Rudi", "--phone", "0857-1111-3333",
        "--kecamatan", "Menteng", "--category", "makanan-minuman", "--brand", brand, "--allow-duplicate", "--json",
      ]).toString(),
    );
  const keep = add("Kopi Tubruk Rudi", "Tubruk");
  const other = add("kopi tubruk rudi", "Tubruk Asli");
  await session.execute("location.hash = '#/vendors/duplicates'");
  const report = await session.waitFor("the report", async () => {
    const text = await (await session.find('[data-testid="duplicate-report"]')).text();
    return text.includes("kopi tubruk rudi") && text;
  });
  assert.match(report, /Nomor HP sama/);
  await session.execute(`location.hash = '#/vendors/merge/${keep.id}/${other.id}'`);
  await (await session.find('[data-testid="take-brand"]')).click();
  await (await session.find('[data-testid="merge-run"]')).click();
  await (await session.find('[data-testid="confirm"]')).click();
  await session.waitFor("the merge", () => !vendors().some((v) => v.id === other.id));
  const kept = vendors().find((v) => v.id === keep.id);
  assert.equal(kept.name, "Kopi Tubruk Rudi");
  assert.equal(kept.brand, "Tubruk Asli", "the brand chosen from the other record");
  const history = JSON.parse(
    execFileSync(cli, ["--data-dir", dataDir, "vendor", "history", keep.id, "--json"]).toString(),
  );
  assert.equal(history[0].action, "merge");
  assert.equal(history.filter((h) => h.action === "create").length, 2, "both histories are kept");
});

test("attendance recorded in a class completes the participant's training stage", async () => {
  await (await session.find('[data-testid="nav-training"]')).click();
  await (await session.find('[data-testid="new-class"]')).click();
  await (await session.find('[data-testid="class-topic"]')).type("Foto produk dengan ponsel");
  // The native date picker cannot be typed into portably; set the value as the picker would.
  await session.execute(
    "const i = document.querySelector('[data-testid=class-starts-on]'); i.value = '2026-11-20'; i.dispatchEvent(new Event('input', { bubbles: true }))",
  );
  await (await session.find('[data-testid="save-class"]')).click();
  await (await session.find('[data-testid="participant-search"]')).type("Kopi Tubruk");
  await (await session.find('[data-testid="enrol"]')).click();
  await session.find('[data-testid="participants"]');
  await (await session.find('[data-testid="attendance-attended"]')).click();
  const rudi = vendors().find((v) => v.name === "Kopi Tubruk Rudi");
  const stage = await session.waitFor("the stage to move", () => {
    const stages = JSON.parse(execFileSync(cli, ["--data-dir", dataDir, "stage", "show", rudi.id, "--json"]).toString());
    const p2 = stages.find((s) => s.stage === "pelatihan");
    return p2.status === "selesai" && p2;
  });
  assert.equal(stage.date, "2026-11-20");
  const classes = JSON.parse(execFileSync(cli, ["--data-dir", dataDir, "class", "list", "--json"]).toString());
  assert.equal(classes.length, 1);
  assert.equal(classes[0].attended, 1);
});

test("a product gets two photos whose thumbnails the window loads through its protocol", async () => {
  // Two photo files, made by the demo's generator and exported by the CLI.
  const source = mkdtempSync(join(tmpdir(), "etalase-e2e-photos-"));
  try {
    execFileSync(cli, ["--data-dir", source, "demo"]);
    const withPhotos = JSON.parse(execFileSync(cli, ["--data-dir", source, "product", "list", "--json"]).toString())
      .filter((p) => p.photo_count > 0)
      .slice(0, 2);
    const files = withPhotos.map((p, i) => {
      const photo = JSON.parse(
        execFileSync(cli, ["--data-dir", source, "photo", "list", "--product", p.id, "--json"]).toString(),
      )[0];
      const out = join(source, `foto-${i + 1}.jpg`);
      execFileSync(cli, ["--data-dir", source, "photo", "export", photo.id, "--variant", "master", "--out", out]);
      return out;
    });
    const rudi = vendors().find((v) => v.name === "Kopi Tubruk Rudi");
    await session.execute(`location.hash = '#/products/new/${rudi.id}'`);
    await (await session.find('[data-testid="field-name"]')).type("Kopi Tubruk Robusta 250 g");
    await (await session.find('[data-testid="field-category"] option[value="makanan-minuman"]')).click();
    await (await session.find('[data-testid="field-price"]')).type("35.000");
    await (await session.find('[data-testid="save-product"]')).click();
    await (await session.find('[data-testid="photo-file"]')).type(files.join("\n"));
    await session.waitFor(
      "two thumbnails, loaded",
      async () =>
        session.execute(
          "const imgs = [...document.querySelectorAll('[data-testid=photo-thumb]')]; return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0)",
        ),
      { timeout: 30000 },
    );
    const products = JSON.parse(
      execFileSync(cli, ["--data-dir", dataDir, "product", "list", "--vendor", rudi.id, "--json"]).toString(),
    );
    assert.equal(products.length, 1);
    assert.equal(products[0].price_rp, 35000);
    assert.equal(products[0].photo_count, 2);
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
});
