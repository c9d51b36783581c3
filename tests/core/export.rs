//! Vendor spreadsheets: formula injection is neutralised (T18) and private data stays out.

use std::io::Read;

use etalase::Lang;
use etalase::spreadsheet::SheetFormat;
use etalase::vendor::{VendorDraft, VendorQuery};

use crate::cli::etalase;
use crate::support::{AddVendor, draft, registry};

const HOSTILE: &[&str] = &[
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "=cmd|' /C calc'!A0",
];

fn hostile_registry() -> (tempfile::TempDir, etalase::Registry) {
    let (dir, r) = registry();
    for (i, name) in HOSTILE.iter().enumerate() {
        r.add_vendor(&VendorDraft {
            name: (*name).into(),
            owner: format!("Pemilik {i}"),
            nik: "3174015205850007".into(),
            home_address: "Jl. Rahasia Pribadi 1".into(),
            email: "pribadi@contoh.id".into(),
            notes: "catatan internal".into(),
            ..draft()
        })
        .expect(name);
    }
    (dir, r)
}

#[test]
fn csv_cells_that_would_be_formulas_get_a_leading_quote() {
    let (dir, r) = hostile_registry();
    let path = dir.path().join("vendors.csv");
    assert_eq!(
        r.export_vendors(&VendorQuery::default(), &path, SheetFormat::Csv, Lang::Id)
            .expect("export"),
        HOSTILE.len()
    );
    let bytes = std::fs::read(&path).expect("read");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a BOM, so Excel reads UTF-8"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[1], "Nama usaha");
    let mut names = Vec::new();
    for record in reader.records() {
        let record = record.expect("record");
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a live formula trigger in {cell:?}"
            );
        }
        names.push(record[1].to_owned());
    }
    for name in HOSTILE {
        assert!(
            names.contains(&format!("'{name}")),
            "{name} is kept, as text"
        );
    }
}

#[test]
fn xlsx_has_only_strings_and_no_formulas_and_no_private_data() {
    let (dir, r) = hostile_registry();
    let path = dir.path().join("vendors.xlsx");
    r.export_vendors(&VendorQuery::default(), &path, SheetFormat::Xlsx, Lang::En)
        .expect("export");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("a zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let mut text = String::new();
        part.read_to_string(&mut text).expect("xml");
        all.push_str(&text);
    }
    assert!(
        !all.contains("<f>") && !all.contains("<f "),
        "no formula elements"
    );
    assert!(
        all.contains("=HYPERLINK(\"http://x\",\"y\")")
            || all.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"),
        "the text itself is kept, as a string"
    );
    for private in [
        "3174015205850007",
        "Rahasia Pribadi",
        "pribadi@contoh.id",
        "catatan internal",
    ] {
        assert!(
            !all.contains(private),
            "{private} leaked into the spreadsheet"
        );
    }
}

#[test]
fn the_cli_exports_what_the_filters_select_and_refuses_unknown_formats() {
    let dir = tempfile::tempdir().expect("dir");
    assert!(etalase(dir.path(), &["demo"]).status.success());
    let file = dir.path().join("tebet.csv");
    let out = etalase(
        dir.path(),
        &[
            "vendor",
            "export",
            file.to_str().expect("path"),
            "--kecamatan",
            "Tebet",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = etalase(
        dir.path(),
        &["vendor", "list", "--kecamatan", "Tebet", "--json"],
    );
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("json");
    let rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(&file)
        .expect("csv")
        .records()
        .count();
    assert_eq!(rows, listed.as_array().map_or(0, Vec::len));
    assert!(rows > 0);
    let bad = etalase(
        dir.path(),
        &[
            "vendor",
            "export",
            dir.path().join("x.pdf").to_str().expect("path"),
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("x.pdf").exists());
}
