//! The Friday catalogue: the PDF (checked with qpdf and pdftotext), social images of exact
//! sizes, captions, repeatable builds, edited templates, and the privacy canary.

use etalase::Registry;
use etalase::catalogue::{BuildOptions, BuildReport, Formats};
use etalase::consent::{ConsentForm, Purpose};
use etalase::error::Error;
use etalase::planner::edition::EditionPlan;
use etalase::product::ProductDraft;
use etalase::vendor::VendorDraft;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

use crate::photos::product_shot;
use crate::support::{AddVendor, registry};

/// Markers put in every private field; no output may contain one.
const CANARY: &str = "KENARI7731";
const CANARY_NIK: &str = "3174015205850007";
const CANARY_PHONE: &str = "81277310000";
const CANARY_MONEY: &str = "987654321";

fn tool(name: &str) -> Command {
    // The CI installs poppler-utils and qpdf (scripts/setup.sh); a missing tool is a failure.
    assert!(
        Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .is_ok_and(|o| o.status.success()),
        "{name} is needed: apt-get install poppler-utils qpdf"
    );
    Command::new(name)
}

/// Three vendors in two cities, each with a ready, curated food product; the first consents
/// to show its public contact, the second wrote one but did not consent.
fn published(r: &Registry, dir: &Path) -> String {
    let shot = dir.join("shot.jpg");
    product_shot(1200, 1200, 5).save(&shot).expect("photo");
    let places = ["Tebet", "Gambir", "Cilandak"];
    for (i, place) in places.iter().enumerate() {
        let v = r
            .add_vendor(&VendorDraft {
                name: format!("Dapur Enak {place}"),
                owner: format!("Pemilik {CANARY} {i}"),
                phone: format!("0{}{i}", &CANARY_PHONE[..CANARY_PHONE.len() - 1]),
                kecamatan: (*place).into(),
                category: "makanan-minuman".into(),
                nik: CANARY_NIK.into(),
                birth_date: "12-05-1985".into(),
                gender: "female".into(),
                email: format!("{}{i}@contoh.id", CANARY.to_lowercase()),
                home_address: format!("Jl. {CANARY} No. {i}"),
                street: format!("Gg. {CANARY} {i}"),
                capital: CANARY_MONEY.into(),
                annual_sales: CANARY_MONEY.into(),
                notes: format!("catatan {CANARY}"),
                mentor: format!("Pendamping {CANARY}"),
                public_contact: if i < 2 {
                    "0813-5555-120{i}".replace("{i}", &i.to_string())
                } else {
                    String::new()
                },
                ..Default::default()
            })
            .expect("vendor");
        r.grant_consent(&v.id, Purpose::Publish, ConsentForm::Written)
            .expect("consent");
        if i == 0 {
            r.grant_consent(&v.id, Purpose::Contact, ConsentForm::Written)
                .expect("contact");
        }
        let p = r
            .create_product(
                &v.id,
                &ProductDraft {
                    name: format!("Kue Lapis {place} <b>&amp;</b>"),
                    description: "Lapis legit dengan rempah, dipanggang berlapis-lapis.".into(),
                    description_en: if i == 0 {
                        "Spiced layer cake.".into()
                    } else {
                        String::new()
                    },
                    category: "makanan-minuman".into(),
                    price: format!("{}", 25_000 + i * 5_000),
                    stock: "10".into(),
                    weight_g: "500".into(),
                    permit_exempt: "fresh".into(),
                    ..Default::default()
                },
            )
            .expect("product");
        r.import_photos(
            &p.id,
            std::slice::from_ref(&shot),
            1,
            &AtomicBool::new(false),
            &mut |_| {},
        )
        .expect("photo");
        r.review_product(&p.id, &crate::planner::ok_review())
            .expect("review");
    }
    let e = r
        .plan_edition(&EditionPlan {
            friday: "2021-12-03".into(),
            theme: "makanan-minuman".into(),
            ..Default::default()
        })
        .expect("plan");
    r.accept_suggestion(&e.id).expect("accept");
    r.publish_edition(&e.id).expect("publish");
    "2021-12-03".into()
}

fn build(r: &Registry, friday: &str, out: &Path, templates: Option<&Path>) -> BuildReport {
    r.build_catalogue(
        friday,
        out,
        &BuildOptions {
            formats: Formats::default(),
            templates,
        },
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("build")
}

#[test]
fn a_published_edition_builds_a_checked_pdf_exact_images_and_captions() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let out = dir.path().join("out");
    let report = build(&r, &friday, &out, None);
    let folder = Path::new(&report.folder);
    assert_eq!(
        folder.file_name().and_then(|f| f.to_str()),
        Some("2021-12-03-makanan-minuman")
    );
    for pdf in ["katalog-a4.pdf", "katalog-hp.pdf"] {
        let path = folder.join(pdf);
        let check = tool("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf");
        assert!(
            check.status.success(),
            "{pdf}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let text = tool("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        // Lines break inside names on narrow cards: compare with spacing folded.
        let text = String::from_utf8_lossy(&text.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains("Jumat, 3 Desember 2021"), "{text}");
        for (place, price) in [
            ("Tebet", "Rp25.000"),
            ("Gambir", "Rp30.000"),
            ("Cilandak", "Rp35.000"),
        ] {
            assert!(
                text.contains(&format!("Kue Lapis {place} <b>&amp;</b>")),
                "{place} in {pdf}"
            );
            assert!(text.contains(price), "{price} in {pdf}");
        }
        assert!(text.contains("Indeks pelaku usaha"));
        let size = std::fs::metadata(&path).expect("pdf").len();
        assert!(size < 2_000_000, "{pdf} is {size} bytes for three products");
    }
    let sizes = [
        ("1x1", 1080, 1080),
        ("4x5", 1080, 1350),
        ("9x16", 1080, 1920),
    ];
    let social: Vec<_> = report
        .files
        .iter()
        .filter(|f| f.path.starts_with("sosial/"))
        .collect();
    assert_eq!(
        social.len(),
        3 * 3 + 1,
        "three sizes per product and the cover"
    );
    for f in &social {
        let (w, h) = image::image_dimensions(folder.join(&f.path)).expect("jpeg");
        let want = sizes
            .iter()
            .find(|(s, _, _)| f.path.ends_with(&format!("-{s}.jpg")))
            .map(|(_, w, h)| (*w, *h))
            .expect("a known size");
        assert_eq!((w, h), want, "{}", f.path);
    }
    let insta = std::fs::read_to_string(folder.join("teks/instagram.txt")).expect("captions");
    let wa = std::fs::read_to_string(folder.join("teks/whatsapp.txt")).expect("captions");
    assert!(insta.contains("#JumatBeliLokal") && !wa.contains("#JumatBeliLokal"));
    assert!(
        wa.contains("https://wa.me/6281355551200"),
        "the consenting vendor's link: {wa}"
    );
    assert!(
        !wa.contains("6281355551201"),
        "no consent to show the contact: {wa}"
    );
    assert!(insta.contains("EN: Spiced layer cake."));
    // A second build goes beside the first, never over it.
    let again = build(&r, &friday, &out, None);
    assert_ne!(again.folder, report.folder);
}

#[test]
fn building_twice_gives_identical_files() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let a = build(&r, &friday, &dir.path().join("a"), None);
    let b = build(&r, &friday, &dir.path().join("b"), None);
    assert_eq!(a.files.len(), b.files.len());
    for f in &a.files {
        let x = std::fs::read(Path::new(&a.folder).join(&f.path)).expect("a");
        let y = std::fs::read(Path::new(&b.folder).join(&f.path)).expect("b");
        assert!(x == y, "{} differs between two builds", f.path);
    }
}

#[test]
fn no_private_field_reaches_any_output() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let report = build(&r, &friday, &dir.path().join("out"), None);
    let folder = Path::new(&report.folder);
    let markers = [
        CANARY,
        &CANARY.to_lowercase(),
        CANARY_NIK,
        CANARY_PHONE,
        CANARY_MONEY,
        "12-05-1985",
        "1985-05-12",
    ];
    for f in &report.files {
        let path = folder.join(&f.path);
        let mut haystack = std::fs::read(&path).expect("file");
        if f.path.ends_with(".xlsx") || f.path.ends_with(".zip") {
            // Compressed containers: read every entry, and the names of the entries.
            let mut zip =
                zip::ZipArchive::new(std::io::Cursor::new(haystack.clone())).expect("zip");
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).expect("entry");
                haystack.extend_from_slice(entry.name().expect("name").as_bytes());
                std::io::Read::read_to_end(&mut entry, &mut haystack).expect("read");
            }
        }
        if f.path.ends_with(".pdf") {
            // The PDF's text is compressed: read it back as text too.
            let text = tool("pdftotext")
                .arg(&path)
                .arg("-")
                .output()
                .expect("pdftotext");
            haystack.extend_from_slice(&text.stdout);
        }
        let haystack = String::from_utf8_lossy(&haystack);
        for m in markers {
            assert!(!haystack.contains(m), "{m} found in {}", f.path);
        }
        for m in markers {
            assert!(!f.path.contains(m), "{m} in the file name {}", f.path);
        }
    }
}

#[test]
fn an_unpublished_edition_is_refused_and_an_edited_template_with_an_error_falls_back() {
    let (dir, r) = registry();
    r.plan_edition(&EditionPlan {
        friday: "2021-12-10".into(),
        ..Default::default()
    })
    .expect("plan");
    let refused = r.build_catalogue(
        "2021-12-10",
        dir.path(),
        &BuildOptions {
            formats: Formats::default(),
            templates: None,
        },
        &mut |_| {},
        &AtomicBool::new(false),
    );
    let Err(Error::Conflict(why)) = refused else {
        panic!("built an unpublished edition")
    };
    assert!(why.id.contains("belum terbit"), "{}", why.id);
    let friday = published(&r, dir.path());
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).expect("dir");
    std::fs::write(
        templates.join("catalogue.typ"),
        "#let data = json(\"/data.json\")\n= Katalog\n#data.nothing\n",
    )
    .expect("template");
    let report = build(&r, &friday, &dir.path().join("out"), Some(&templates));
    assert_eq!(
        report.template_problems.len(),
        1,
        "{:?}",
        report.template_problems
    );
    assert!(
        report.template_problems[0].contains("catalogue.typ:3:"),
        "{:?}",
        report.template_problems
    );
    assert!(
        report.files.iter().any(|f| f.path == "katalog-a4.pdf"),
        "the default was used"
    );
    // A cancelled build leaves no folder behind.
    let cancelled = r
        .build_catalogue(
            &friday,
            &dir.path().join("cancelled"),
            &BuildOptions {
                formats: Formats::default(),
                templates: None,
            },
            &mut |_| {},
            &AtomicBool::new(true),
        )
        .expect("cancel");
    assert!(cancelled.cancelled);
    assert_eq!(
        std::fs::read_dir(dir.path().join("cancelled"))
            .expect("dir")
            .count(),
        0
    );
}

#[test]
fn the_web_page_and_marketplace_sheets() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let report = build(&r, &friday, &dir.path().join("out"), None);
    let folder = Path::new(&report.folder);
    let html = std::fs::read_to_string(folder.join("web/index.html")).expect("page");
    assert!(!html.to_lowercase().contains("<script"), "no script");
    assert!(html.starts_with("<!doctype html>\n<html lang=\"id\">"));
    assert!(
        html.contains("Kue Lapis Tebet &lt;b&gt;&amp;amp;&lt;/b&gt;"),
        "names are escaped"
    );
    assert!(!html.contains("<b>"));
    assert_eq!(html.matches("<li class=\"card\">").count(), 3);
    assert_eq!(
        html.matches("<img ").count(),
        html.matches(" alt=\"").count(),
        "every image has alt text"
    );
    for n in 1..=3 {
        assert!(folder.join(format!("web/foto/{n:02}.jpg")).is_file());
    }
    // Opening and closing tags balance (a crude check that the page parses cleanly).
    for tag in [
        "html", "head", "body", "main", "section", "ul", "li", "table", "tr", "p", "h2", "h3",
        "div",
    ] {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        assert_eq!(open, html.matches(&format!("</{tag}>")).count(), "<{tag}>");
    }
    use calamine::{Reader, open_workbook_auto};
    for (file, first, names) in [
        ("tokopedia.xlsx", "Nama Produk*", 0),
        ("shopee.xlsx", "Kategori", 1),
    ] {
        let mut book = open_workbook_auto(folder.join("marketplace").join(file)).expect("xlsx");
        let sheet = book.worksheet_range("Produk").expect("sheet");
        let rows: Vec<_> = sheet.rows().collect();
        assert_eq!(rows[0][0].to_string(), first);
        assert_eq!(rows.len(), 4, "{file}: header and three products");
        assert!(
            rows[1..]
                .iter()
                .all(|r| r[names].to_string().starts_with("Kue Lapis"))
        );
        let formulas = book.worksheet_formula("Produk").expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{file} has formulas"
        );
    }
    let zip = zip::ZipArchive::new(
        std::fs::File::open(folder.join("marketplace/foto-tokopedia.zip")).expect("zip"),
    )
    .expect("zip");
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("name").into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("-kue-lapis-tebet-b-amp-b-1.jpg")),
        "{names:?}"
    );
    let wa = std::fs::read_to_string(folder.join("marketplace/whatsapp-katalog.csv")).expect("csv");
    assert!(wa.starts_with("name,price,description,link,retailer_id\n"));
    assert!(wa.contains(",25000,"));
}

#[test]
fn a_name_too_long_for_tokopedia_is_left_out_of_its_sheet_only() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let e = r.edition_on(&friday).expect("edition");
    // Snapshots are frozen: make a new edition whose product has a 90-character name.
    let pid = e.snapshot[0].product_id.clone();
    let mut d = r.product_draft(&pid).expect("draft");
    d.name = format!("Kue Lapis {}", "Legit Rempah ".repeat(7));
    r.update_product(&pid, &d).expect("rename");
    let next = r
        .plan_edition(&EditionPlan {
            friday: "2021-12-31".into(),
            theme: "makanan-minuman".into(),
            channels: vec!["catalogue".into(), "shopee".into()],
            ..Default::default()
        })
        .expect("plan");
    r.add_to_edition(&next.id, &pid).expect("add");
    r.publish_edition(&next.id).expect("publish");
    let report = build(&r, "2021-12-31", &dir.path().join("out"), None);
    assert_eq!(report.left_out.len(), 1, "{:?}", report.left_out);
    assert!(
        report.left_out[0].en.starts_with("Tokopedia:"),
        "{:?}",
        report.left_out
    );
    assert!(report.left_out[0].id.contains("paling banyak 70"));
    let notes = std::fs::read_to_string(Path::new(&report.folder).join("marketplace/laporan.txt"))
        .expect("notes");
    assert!(notes.contains("paling banyak 70"));
}

#[test]
fn settings_change_how_prices_are_written_and_cards_grouped() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let options = r
        .set_catalogue_options(&etalase::catalogue::CatalogueOptions {
            price_style: "spaced".into(),
            grouping: "kecamatan".into(),
        })
        .expect("set");
    assert_eq!(options.price_style, "spaced");
    assert!(matches!(
        r.set_catalogue_options(&etalase::catalogue::CatalogueOptions {
            price_style: "bold".into(),
            grouping: "city".into(),
        }),
        Err(Error::Invalid(_))
    ));
    let captions = r.catalogue_captions(&friday).expect("captions");
    assert!(
        captions[0].text.contains("Rp 25.000"),
        "{}",
        captions[0].text
    );
    let report = build(&r, &friday, &dir.path().join("out"), None);
    let data: serde_json::Value = serde_json::from_slice(
        &std::fs::read(Path::new(&report.folder).join("data.json")).expect("data"),
    )
    .expect("json");
    assert_eq!(data["version"], 1);
    assert_eq!(
        data["groups"].as_array().map(Vec::len),
        Some(3),
        "one group per kecamatan"
    );
    assert!(
        data["groups"][0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Kec. "))
    );
}
