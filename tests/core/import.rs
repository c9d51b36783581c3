//! Spreadsheet import: local CSV conventions (T27), dry runs that write nothing, idempotent
//! re-import, matching registered vendors, and hostile files refused with their reason.

use std::io::Write;
use std::path::{Path, PathBuf};

use etalase::vendor::{ImportConfirmation, ImportOptions, RowAction, VendorDraft, VendorQuery};
use etalase::{Error, Lang};

use crate::cli::etalase;
use crate::support::{AddVendor, draft, dump, registry};

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// A file as Excel in an Indonesian locale saves it: BOM, `;`, amounts with dots, phones in
/// both forms, a quoted cell across two lines, and one bad row.
const LOCAL_CSV: &str = "\u{feff}Nama Usaha;Nama Pemilik;No. HP;Kecamatan;Kategori;Modal;Catatan\n\
    Keripik Singkong Ani;Ani Lestari;0812-9999-0001;Tebet;Makanan;Rp 15.000.000;\n\
    Batik Tulis Budi;Budi Santoso;+62 812 9999 0002;Gambir;fesyen-kerajinan;2.500.000;\"dua\nbaris\"\n\
    Jamu Citra;Citra;0812 999;Cilandak;kesehatan;;\n\
    Sabun Dewi;Dewi;081299990004;Koja;rumah-tangga;;\n";

fn options() -> ImportOptions {
    ImportOptions::default()
}

#[test]
fn a_locally_formatted_csv_is_read_and_its_bad_row_named() {
    let (dir, r) = registry();
    let path = write_file(dir.path(), "daftar.csv", LOCAL_CSV.as_bytes());
    let before = dump(&r);
    let plan = r.preview_import(&path, &options()).expect("preview");
    assert_eq!(dump(&r), before, "a preview writes nothing");
    assert!(
        plan.unmapped_required.is_empty(),
        "{:?}",
        plan.unmapped_required
    );
    assert_eq!(plan.counts.create, 3);
    assert_eq!(plan.counts.invalid, 1);
    let bad = plan
        .rows
        .iter()
        .find(|row| row.action == RowAction::Invalid)
        .expect("the bad row");
    // The quoted cell spans lines 3 and 4, so the bad row is the file's line 5.
    assert_eq!(bad.line, 5);
    assert_eq!(bad.name, "Jamu Citra");
    assert_eq!(bad.errors[0].field, "phone");

    let done = r.import_vendors(&path, &options(), None).expect("import");
    assert!(done.applied);
    let page = r.list_vendors(&VendorQuery::default()).expect("list");
    assert_eq!(page.total, 3, "the good rows are in, the bad one is not");
    let ani = page
        .items
        .iter()
        .find(|v| v.name == "Keripik Singkong Ani")
        .expect("Ani");
    assert_eq!(ani.phone, "+6281299990001");
    assert_eq!(ani.capital_rp, Some(15_000_000));
    assert_eq!(ani.category, "makanan-minuman");
    let budi = r
        .get_vendor(
            &page
                .items
                .iter()
                .find(|v| v.owner == "Budi Santoso")
                .expect("Budi")
                .id,
        )
        .expect("Budi");
    assert_eq!(budi.capital_rp, Some(2_500_000));
    assert_eq!(budi.phone, "+6281299990002");
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let (dir, r) = registry();
    let path = write_file(dir.path(), "daftar.csv", LOCAL_CSV.as_bytes());
    r.import_vendors(&path, &options(), None)
        .expect("first import");
    let after_first = dump(&r);
    let again = r
        .import_vendors(&path, &options(), None)
        .expect("second import");
    assert_eq!(again.counts.create, 0);
    assert_eq!(again.counts.unchanged, 3);
    assert_eq!(again.counts.invalid, 1);
    assert_eq!(dump(&r), after_first, "no new rows, versions or history");
}

#[test]
fn windows_1252_files_are_read() {
    let (dir, r) = registry();
    let mut bytes = b"Nama Usaha,Pemilik,HP,Kecamatan,Kategori\n".to_vec();
    bytes.extend(b"Caf\xe9 Betawi,Jos\xe9,081299990005,Tebet,makanan-minuman\n");
    let path = write_file(dir.path(), "lama.csv", &bytes);
    r.import_vendors(&path, &options(), None).expect("import");
    let page = r.list_vendors(&VendorQuery::default()).expect("list");
    assert_eq!(page.items[0].name, "Café Betawi");
    assert_eq!(page.items[0].owner, "José");
}

#[test]
fn one_bad_row_in_ten_thousand_is_found_and_only_it_is_skipped() {
    let (dir, r) = registry();
    let kecamatan: Vec<String> = etalase::region::jakarta()
        .kecamatan
        .iter()
        .map(|k| k.code.clone())
        .collect();
    let syllables = [
        "ka", "ri", "pu", "so", "me", "la", "di", "nu", "ba", "te", "go", "wi", "ra", "jo", "se",
        "mu", "ha", "ki", "lo", "pe",
    ];
    let word = |n: u32| -> String {
        (0..3)
            .map(|k| syllables[((n / 20u32.pow(k)) % 20) as usize])
            .collect()
    };
    let mut csv = String::from("Nama Usaha;Pemilik;No HP;Kecamatan;Kategori\n");
    for i in 0..10_000u32 {
        let phone = if i == 6_789 {
            "12345".to_owned()
        } else {
            format!("0813{i:08}")
        };
        let k = &kecamatan[i as usize % kecamatan.len()];
        csv.push_str(&format!(
            "Usaha {} {};Pemilik {i};{phone};{k};makanan-minuman\n",
            word(i),
            word(i.wrapping_mul(7919) % 8000)
        ));
    }
    let path = write_file(dir.path(), "besar.csv", csv.as_bytes());
    let plan = r.preview_import(&path, &options()).expect("preview");
    assert_eq!(plan.counts.invalid, 1);
    // Generated names can happen to look alike in one kecamatan; those are held back.
    assert_eq!(plan.counts.create + plan.counts.duplicate, 9_999);
    assert!(plan.counts.duplicate < 300, "{:?}", plan.counts);
    let bad: Vec<_> = plan
        .rows
        .iter()
        .filter(|row| row.action == RowAction::Invalid)
        .collect();
    assert_eq!(bad[0].line, 6_791, "heading line + 1-based row");
    let confirmed = ImportConfirmation {
        fingerprint: plan.fingerprint.clone(),
        counts: plan.counts,
    };
    r.import_vendors(&path, &options(), Some(&confirmed))
        .expect("import");
    assert_eq!(r.count_vendors().expect("count"), plan.counts.create);
}

#[test]
fn a_row_that_surely_is_a_registered_vendor_updates_it() {
    let (dir, r) = registry();
    let siti = r.add_vendor(&draft()).expect("Siti");
    // Same phone, the name with a legal form and other case: the same business.
    let csv = "Nama Usaha,Pemilik,HP,Kecamatan,Kategori,Jumlah karyawan\n\
               CV KUE BASAH BU SITI,Siti Rahayu,+62 812 3456 7890,Tebet,makanan-minuman,4\n";
    let path = write_file(dir.path(), "ubah.csv", csv.as_bytes());
    let plan = r.preview_import(&path, &options()).expect("preview");
    assert_eq!(plan.rows[0].action, RowAction::Update);
    assert_eq!(plan.rows[0].vendor_id.as_deref(), Some(siti.id.as_str()));
    assert!(plan.rows[0].changed.contains(&"employees".to_owned()));
    r.import_vendors(&path, &options(), None).expect("import");
    let now = r.get_vendor(&siti.id).expect("Siti");
    assert_eq!(now.employees, Some(4));
    assert_eq!(r.count_vendors().expect("count"), 1);
    let history = r.vendor_history(&siti.id).expect("history");
    assert_eq!(history[0].action, "import");
}

#[test]
fn an_id_column_updates_that_vendor_and_an_unknown_id_is_an_error() {
    let (dir, r) = registry();
    let siti = r.add_vendor(&draft()).expect("Siti");
    let csv = format!(
        "ID,Nama usaha,Pendamping\n{},Kue Basah Bu Siti,Bu Rina\n0190aaaa-0000-7000-8000-000000000000,X,Y\n",
        siti.id
    );
    let path = write_file(dir.path(), "id.csv", csv.as_bytes());
    let plan = r.preview_import(&path, &options()).expect("preview");
    assert_eq!(plan.rows[0].action, RowAction::Update);
    assert_eq!(plan.rows[1].action, RowAction::Invalid);
    assert_eq!(plan.rows[1].errors[0].code, "unknown_id");
}

#[test]
fn a_look_alike_is_held_back_unless_allowed() {
    let (dir, r) = registry();
    r.add_vendor(&draft()).expect("Siti");
    // Same phone, another business: maybe the same owner's second shop, maybe a typo.
    let csv = "Nama Usaha,Pemilik,HP,Kecamatan,Kategori\n\
               Batik Lain Sama Sekali,Siti Rahayu,0812-3456-7890,Gambir,fesyen-kerajinan\n";
    let path = write_file(dir.path(), "mirip.csv", csv.as_bytes());
    let plan = r.preview_import(&path, &options()).expect("preview");
    assert_eq!(plan.rows[0].action, RowAction::Duplicate);
    assert_eq!(plan.rows[0].reasons[0].code, "same_phone");
    assert_eq!(
        plan.rows[0].vendor_name.as_deref(),
        Some("Kue Basah Bu Siti")
    );
    r.import_vendors(&path, &options(), None).expect("import");
    assert_eq!(r.count_vendors().expect("count"), 1, "held back");
    let allow = ImportOptions {
        allow_duplicates: true,
        ..options()
    };
    r.import_vendors(&path, &allow, None).expect("import");
    assert_eq!(r.count_vendors().expect("count"), 2, "allowed");
}

#[test]
fn a_file_that_lists_a_business_twice_imports_it_once() {
    let (dir, r) = registry();
    let csv = "Nama Usaha,Pemilik,HP,Kecamatan,Kategori\n\
               Toko Berkah Jaya,Ani,081299990010,Tebet,makanan-minuman\n\
               CV. Berkah Jaya,Ani,0812-9999-0010,Tebet,makanan-minuman\n";
    let path = write_file(dir.path(), "ganda.csv", csv.as_bytes());
    let plan = r.import_vendors(&path, &options(), None).expect("import");
    assert_eq!(plan.rows[1].action, RowAction::Repeated);
    assert_eq!(plan.rows[1].same_as_line, Some(2));
    assert_eq!(r.count_vendors().expect("count"), 1);
}

#[test]
fn an_export_imports_back_unchanged() {
    let (dir, r) = registry();
    r.fill_demo().expect("demo");
    for name in ["semua.xlsx", "semua.csv"] {
        let path = dir.path().join(name);
        let format = etalase::spreadsheet::SheetFormat::from_path(&path).expect("format");
        r.export_vendors(&VendorQuery::default(), &path, format, Lang::Id)
            .expect("export");
        let before = dump(&r);
        let plan = r.import_vendors(&path, &options(), None).expect(name);
        assert_eq!(plan.counts.unchanged, 60, "{name}: {:?}", plan.counts);
        assert_eq!(dump(&r), before, "{name}");
    }
}

#[test]
fn xlsx_numbers_and_dates_come_back_as_typed() {
    let (dir, r) = registry();
    let path = dir.path().join("daftar.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "Nama Usaha",
        "Pemilik",
        "No HP",
        "Kecamatan",
        "Kategori",
        "Tanggal lahir",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).expect("heading");
    }
    sheet.write_string(1, 0, "Kopi Pak Darto").expect("cell");
    sheet.write_string(1, 1, "Darto").expect("cell");
    // A phone typed as a number loses its leading zero in Excel.
    sheet.write_number(1, 2, 81299990020.0).expect("cell");
    sheet.write_string(1, 3, "Menteng").expect("cell");
    sheet.write_string(1, 4, "makanan-minuman").expect("cell");
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(1985, 5, 12).expect("date");
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_datetime_with_format(1, 5, &date, &format)
        .expect("cell");
    book.save(&path).expect("save");
    r.import_vendors(&path, &options(), None).expect("import");
    let id = r.list_vendors(&VendorQuery::default()).expect("list").items[0]
        .id
        .clone();
    let v = r.get_vendor(&id).expect("vendor");
    assert_eq!(v.phone, "+6281299990020");
    assert_eq!(v.birth_date.as_deref(), Some("1985-05-12"));
}

#[test]
fn a_chosen_mapping_is_checked_and_used() {
    let (dir, r) = registry();
    let csv =
        "Usaha,Siapa,Kontak,Wilayah,Jenis\nKue Lapis,Rina,081299990030,Tebet,makanan-minuman\n";
    let path = write_file(dir.path(), "aneh.csv", csv.as_bytes());
    let plan = r.preview_import(&path, &options()).expect("preview");
    assert!(plan.unmapped_required.contains(&"owner".to_owned()));
    assert_eq!(plan.counts.invalid, 1, "required fields missing");
    let mapping: Vec<Option<String>> = ["name", "owner", "phone", "kecamatan", "category"]
        .iter()
        .map(|s| Some((*s).to_owned()))
        .collect();
    let chosen = ImportOptions {
        mapping: mapping.clone(),
        ..options()
    };
    assert_eq!(
        r.preview_import(&path, &chosen)
            .expect("preview")
            .counts
            .create,
        1
    );
    let twice = ImportOptions {
        mapping: vec![Some("name".into()), Some("name".into()), None, None, None],
        ..options()
    };
    let err = r
        .preview_import(&path, &twice)
        .expect_err("a field from two columns");
    assert_eq!(err.fields()[0].code, "invalid_mapping");
    let short = ImportOptions {
        mapping: mapping[..2].to_vec(),
        ..options()
    };
    assert!(r.preview_import(&path, &short).is_err());
}

#[test]
fn a_confirmation_for_another_file_or_outcome_is_refused() {
    let (dir, r) = registry();
    let path = write_file(dir.path(), "daftar.csv", LOCAL_CSV.as_bytes());
    let plan = r.preview_import(&path, &options()).expect("preview");
    let confirmed = ImportConfirmation {
        fingerprint: plan.fingerprint.clone(),
        counts: plan.counts,
    };
    // The registry changes after the preview: Ani is registered from another window.
    r.add_vendor(&VendorDraft {
        name: "Keripik Singkong Ani".into(),
        owner: "Ani Lestari".into(),
        phone: "081299990001".into(),
        kecamatan: "Tebet".into(),
        category: "makanan-minuman".into(),
        ..Default::default()
    })
    .expect("Ani");
    let before = dump(&r);
    let err = r
        .import_vendors(&path, &options(), Some(&confirmed))
        .expect_err("outcome changed");
    assert_eq!(err.code(), "conflict");
    assert_eq!(dump(&r), before);
    // The file changes after the preview.
    let plan = r.preview_import(&path, &options()).expect("preview");
    let confirmed = ImportConfirmation {
        fingerprint: plan.fingerprint.clone(),
        counts: plan.counts,
    };
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("open");
    f.write_all(b"Baru;Baru;081299990099;Tebet;kesehatan;;\n")
        .expect("append");
    let err = r
        .import_vendors(&path, &options(), Some(&confirmed))
        .expect_err("file changed");
    assert_eq!(err.code(), "conflict");
    assert_eq!(dump(&r), before);
}

fn expect_bad_file(r: &etalase::Registry, path: &Path, words: &str) {
    let before = dump(r);
    match r.preview_import(path, &options()) {
        Err(Error::BadFile { path: p, reason }) => {
            assert_eq!(p, path);
            assert!(reason.en.contains(words), "{}", reason.en);
            assert!(!reason.id.is_empty());
        }
        other => panic!("{} should be refused: {other:?}", path.display()),
    }
    assert!(r.import_vendors(path, &options(), None).is_err());
    assert_eq!(dump(r), before);
}

#[test]
fn hostile_files_are_refused_with_their_reason() {
    let (dir, r) = registry();
    let d = dir.path();
    // A zip bomb named .xlsx: 20 MB of zeros in a few kilobytes.
    let bomb = d.join("bom.xlsx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).expect("create"));
        zip.start_file(
            "xl/worksheets/sheet1.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("entry");
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..20 {
            zip.write_all(&zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    expect_bad_file(&r, &bomb, "zip bomb");
    expect_bad_file(
        &r,
        &write_file(d, "teks.xlsx", b"Nama,Pemilik\nA,B\n"),
        "Excel",
    );
    expect_bad_file(
        &r,
        &write_file(d, "gambar.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "binary",
    );
    expect_bad_file(
        &r,
        &write_file(d, "daftar.pdf", b"%PDF-1.7"),
        "xlsx or .csv",
    );
    expect_bad_file(&r, &write_file(d, "kosong.csv", b""), "headings");
    let long = format!("Nama Usaha\n{}\n", "a".repeat(20_000));
    expect_bad_file(
        &r,
        &write_file(d, "panjang.csv", long.as_bytes()),
        "too long",
    );
}

#[test]
fn the_cli_dry_run_prints_row_errors_and_writes_nothing() {
    let (dir, r) = registry();
    let path = write_file(dir.path(), "daftar.csv", LOCAL_CSV.as_bytes());
    let before = dump(&r);
    drop(r);
    let p = path.to_str().expect("path");
    let out = etalase(dir.path(), &["vendor", "import", p, "--dry-run"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("line 5: Jamu Citra (invalid)"), "{text}");
    assert!(text.contains("phone: Mobile number \"0812 999\""), "{text}");
    assert!(text.contains("3 new"), "{text}");
    // Without --dry-run a file with bad rows writes nothing unless --skip-invalid.
    let out = etalase(dir.path(), &["vendor", "import", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--skip-invalid"));
    let r = etalase::Registry::open(dir.path()).expect("open");
    assert_eq!(dump(&r), before);
    drop(r);
    let out = etalase(
        dir.path(),
        &["vendor", "import", p, "--skip-invalid", "--json"],
    );
    assert!(out.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(plan["counts"]["create"], 3);
    assert_eq!(plan["applied"], true);
    // --map moves a field to another column.
    let out = etalase(
        dir.path(),
        &[
            "vendor",
            "import",
            p,
            "--dry-run",
            "--map",
            "Catatan=-",
            "--map",
            "Modal=annual_sales",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Modal                        → Annual sales [annual_sales]"),
        "{text}"
    );
    assert!(
        text.contains("Catatan                      → (ignored)"),
        "{text}"
    );
}

#[test]
fn vendor_search_finds_by_words() {
    let (dir, r) = registry();
    r.add_vendor(&draft()).expect("Siti");
    r.add_vendor(&VendorDraft {
        name: "Batik Betawi".into(),
        ..draft()
    })
    .expect("Batik");
    drop(r);
    let out = etalase(dir.path(), &["vendor", "search", "batik", "--json"]);
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    assert_eq!(found[0]["name"], "Batik Betawi");
}

#[test]
fn staged_files_are_named_by_the_core_and_nothing_else_is_reachable() {
    let (dir, r) = registry();
    let token = r
        .stage_file("Daftar Pelaku.CSV", LOCAL_CSV.as_bytes())
        .expect("stage");
    assert!(token.ends_with(".csv"));
    let path = r.staged_path(&token).expect("path");
    assert!(path.starts_with(dir.path().join(etalase::staging::STAGING_DIR)));
    assert_eq!(
        r.preview_import(&path, &options())
            .expect("preview")
            .counts
            .create,
        3
    );
    // A canary outside the staging folder must stay out of reach.
    std::fs::write(dir.path().join("canary.csv"), "secret").expect("canary");
    for hostile in [
        "../canary.csv",
        "../../etc/passwd",
        "/etc/passwd",
        "canary.csv",
        "%2e%2e%2fcanary.csv",
        "0190aaaa-0000-7000-8000-000000000000.csv",
        "0190aaaa-0000-7000-8000-000000000000.sqlite",
        "",
    ] {
        assert_eq!(
            r.staged_path(hostile).expect_err(hostile).code(),
            "not_found",
            "{hostile}"
        );
    }
    assert!(r.stage_file("animasi.gif", b"x").is_err());
    assert!(r.stage_file("skrip.sh", b"x").is_err());
    assert!(r.stage_file("registry.sqlite", b"x").is_err());
    r.discard_staged(&token).expect("discard");
    assert!(r.staged_path(&token).is_err());
}

#[test]
fn an_export_into_a_folder_never_replaces_a_file() {
    let (dir, r) = registry();
    r.add_vendor(&draft()).expect("Siti");
    let format = etalase::spreadsheet::SheetFormat::Xlsx;
    let (first, n) = r
        .export_vendors_into(&VendorQuery::default(), dir.path(), format, Lang::Id)
        .expect("export");
    let (second, _) = r
        .export_vendors_into(&VendorQuery::default(), dir.path(), format, Lang::Id)
        .expect("export again");
    assert_eq!(n, 1);
    assert_ne!(first, second);
    let name = first.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(
        name.starts_with("pelaku-usaha-") && name.ends_with(".xlsx"),
        "{name}"
    );
    assert!(second.to_string_lossy().ends_with("-2.xlsx"));
}
