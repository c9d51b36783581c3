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
    // The CI installs poppler-utils, qpdf and LibreOffice Calc (scripts/setup.sh); a missing
    // tool is a failure.
    assert!(
        Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .is_ok_and(|o| o.status.success()),
        "{name} is needed: apt-get install poppler-utils qpdf libreoffice-calc-nogui"
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
                // The third sells online: its QR code leads to the shop.
                shop_link: if i == 2 {
                    "tokopedia.com/dapur-enak-cilandak".into()
                } else {
                    String::new()
                },
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
    // The PDF alone, made without a build (what the benchmark times), is the build's own.
    let alone = r.catalogue_pdf(&friday, "print").expect("pdf");
    let built = std::fs::read(Path::new(&a.folder).join("katalog-a4.pdf")).expect("a4");
    assert!(
        alone == built,
        "the PDF made alone differs from the build's"
    );
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

/// The marketplace sheets open in LibreOffice (what many instructors have) and read back with
/// the expected columns and every product.
#[test]
fn the_sheets_open_in_libreoffice() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let report = build(&r, &friday, &dir.path().join("out"), None);
    let folder = Path::new(&report.folder).join("marketplace");
    let out = dir.path().join("csv");
    // A profile of its own, so a LibreOffice already open (or another test) does not interfere.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("lo").display()
    );
    for (file, first) in [
        ("tokopedia.xlsx", "Nama Produk*"),
        ("shopee.xlsx", "Kategori"),
    ] {
        let status = tool("libreoffice")
            .args(["--headless", &profile, "--convert-to", "csv", "--outdir"])
            .arg(&out)
            .arg(folder.join(file))
            .output()
            .expect("libreoffice");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let csv = std::fs::read_to_string(out.join(file.replace(".xlsx", ".csv"))).expect("csv");
        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        let headers = rows.headers().expect("headers").clone();
        assert_eq!(&headers[0], first, "{file}");
        let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
        assert_eq!(records.len(), 3, "{file}: three products");
        assert!(
            records
                .iter()
                .all(|r| r.iter().any(|c| c.starts_with("Kue Lapis"))),
            "{file}"
        );
        // The product's own "<b>&amp;</b>" stays text, as typed.
        assert!(csv.contains("<b>&amp;</b>"), "{file}");
    }
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
    let mut wanted = r.catalogue_options().expect("options");
    assert_eq!((wanted.paper.as_str(), wanted.logo), ("a4", false));
    wanted.price_style = "spaced".into();
    wanted.grouping = "kecamatan".into();
    let options = r.set_catalogue_options(&wanted).expect("set");
    assert_eq!(options.price_style, "spaced");
    let bad = etalase::catalogue::CatalogueOptions {
        price_style: "bold".into(),
        ..options.clone()
    };
    assert!(matches!(
        r.set_catalogue_options(&bad),
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

/// The look: colours checked against white text, the paper size, the logo; the preview shows
/// unsaved choices without writing anything; a shop link becomes the card's QR code.
#[test]
fn colours_paper_and_logo_change_the_catalogue_and_preview_first() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let before = r.catalogue_options().expect("options");
    // A pale yellow under white text is refused, naming the contrast; nothing is saved.
    let pale = etalase::catalogue::CatalogueOptions {
        colour: "#ffe680".into(),
        paper: "f4".into(),
        ..before.clone()
    };
    match r.set_catalogue_options(&pale) {
        Err(Error::Invalid(errors)) => {
            assert_eq!(errors[0].field, "colour");
            assert!(errors[0].message.id.contains("kontras"), "{:?}", errors[0]);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(r.catalogue_options().expect("options"), before);
    for bad in ["0f5f5c", "#12345", "#zzzzzz", "red"] {
        let o = etalase::catalogue::CatalogueOptions {
            accent: bad.into(),
            ..before.clone()
        };
        assert!(r.set_catalogue_options(&o).is_err(), "{bad}");
    }
    let paper = etalase::catalogue::CatalogueOptions {
        paper: "b5".into(),
        ..before.clone()
    };
    assert!(r.set_catalogue_options(&paper).is_err());

    // The preview renders unsaved choices: the cover takes the colour at once.
    let navy = etalase::catalogue::CatalogueOptions {
        colour: "#1d3557".into(),
        paper: "f4".into(),
        ..before.clone()
    };
    let (pages, problems) = r.catalogue_look_preview(&friday, &navy).expect("preview");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(pages.len(), 3, "two PDF pages and a social image");
    let cover = image::load_from_memory(&pages[0])
        .expect("jpeg")
        .into_rgb8();
    let p = cover.get_pixel(5, 5).0;
    assert!(
        p.iter()
            .zip([0x1d, 0x35, 0x57])
            .all(|(a, b)| a.abs_diff(b) < 10),
        "{p:?}"
    );
    // 215 x 330 mm at the preview's scale keeps the folio's proportion.
    let ratio = f64::from(cover.height()) / f64::from(cover.width());
    assert!((ratio - 330.0 / 215.0).abs() < 0.01, "{ratio}");
    let social = image::load_from_memory(&pages[2]).expect("jpeg");
    assert_eq!((social.width(), social.height()), (1080, 1350));
    assert_eq!(
        r.catalogue_options().expect("options"),
        before,
        "nothing saved"
    );

    // Saved, with a logo: the build follows.
    let logo = dir.path().join("logo.png");
    product_shot(900, 300, 2).save(&logo).expect("logo");
    r.set_catalogue_options(&navy).expect("set");
    let options = r.set_catalogue_logo(&logo).expect("logo");
    assert!(options.logo);
    let not_image = dir.path().join("logo.txt.png");
    std::fs::write(&not_image, b"not an image").expect("write");
    assert!(matches!(
        r.set_catalogue_logo(&not_image),
        Err(Error::BadFile { .. })
    ));
    assert!(
        r.catalogue_options().expect("options").logo,
        "the logo stays"
    );
    let report = build(&r, &friday, &dir.path().join("out"), None);
    let folder = Path::new(&report.folder);
    assert!(folder.join("katalog-f4.pdf").is_file());
    assert!(!folder.join("katalog-a4.pdf").exists());
    let info = tool("pdfinfo")
        .arg(folder.join("katalog-f4.pdf"))
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("609.449 x 935.433 pts"), "{info}");
    let images = tool("pdfimages")
        .arg("-list")
        .arg(folder.join("katalog-f4.pdf"))
        .output()
        .expect("pdfimages");
    let list = String::from_utf8_lossy(&images.stdout);
    // The logo (900 x 300 made 400 x 133) is on the cover.
    assert!(list.contains(" 400   133 "), "{list}");
    assert!(folder.join("web/logo.jpg").is_file());
    let html = std::fs::read_to_string(folder.join("web/index.html")).expect("html");
    assert!(html.contains("background:#1d3557"));
    // The shop link is printed and is what the third card's QR code opens.
    let text = tool("pdftotext")
        .arg(folder.join("katalog-f4.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    // (pdftotext drops a hyphen where the narrow card broke the line.)
    let folded: String = text
        .chars()
        .filter(|c| *c != '-' && !c.is_whitespace())
        .collect();
    assert!(
        folded.contains("Toko:tokopedia.com/dapurenakcilandak"),
        "{text}"
    );
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("data.json")).expect("data"))
            .expect("json");
    let cards: Vec<&serde_json::Value> = data["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["cards"].as_array().expect("cards"))
        .collect();
    let shop = cards
        .iter()
        .find(|c| c["vendor"] == "Dapur Enak Cilandak")
        .expect("card");
    assert_eq!(shop["qr_link"], "https://tokopedia.com/dapur-enak-cilandak");
    assert!(shop["qr"].is_string());
    r.clear_catalogue_logo().expect("clear");
    assert!(!r.catalogue_options().expect("options").logo);
}

/// The template folder in the settings: the preview shows an edited template's mistake with
/// its line and falls back, shows the fix as soon as the file is saved, and builds use it.
#[test]
fn the_template_folder_setting_is_previewed_and_built_with() {
    let (dir, r) = registry();
    let friday = published(&r, dir.path());
    let options = r.catalogue_options().expect("options");
    assert_eq!(options.templates, "");
    for bad in ["templat/relatif", "/tidak/ada/folder-ini"] {
        let o = etalase::catalogue::CatalogueOptions {
            templates: bad.into(),
            ..options.clone()
        };
        match r.set_catalogue_options(&o) {
            Err(Error::Invalid(e)) => assert_eq!(e[0].field, "templates"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    let folder = dir.path().join("templat");
    std::fs::create_dir_all(&folder).expect("dir");
    let file = folder.join("social.typ");
    std::fs::write(&file, "#set page(width: 1080pt, height: auto)\n#nothing\n").expect("write");
    let stamp = etalase::catalogue::template_stamp(&folder.display().to_string());
    let with_folder = etalase::catalogue::CatalogueOptions {
        templates: folder.display().to_string(),
        ..options.clone()
    };
    let (pages, problems) = r
        .catalogue_look_preview(&friday, &with_folder)
        .expect("preview");
    assert_eq!(pages.len(), 3, "the defaults stand in");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("social.typ:2:"), "{problems:?}");
    // Fixed: a band of a single colour; the stamp changes and the preview follows.
    std::fs::write(
        &file,
        "#let data = json(\"/data.json\")\n#set page(width: 1080pt, height: auto, fill: rgb(\"#7f1d1d\"))\n#for c in data.groups.map(g => g.cards).flatten() { block(height: 200pt)[#c.name]; pagebreak(weak: true) }\n",
    )
    .expect("write");
    assert_ne!(
        etalase::catalogue::template_stamp(&folder.display().to_string()),
        stamp
    );
    let (pages, problems) = r
        .catalogue_look_preview(&friday, &with_folder)
        .expect("preview");
    assert!(problems.is_empty(), "{problems:?}");
    let social = image::load_from_memory(&pages[2])
        .expect("jpeg")
        .into_rgb8();
    let p = social.get_pixel(540, 1340).0;
    assert!(
        p.iter()
            .zip([0x7f, 0x1d, 0x1d])
            .all(|(a, b)| a.abs_diff(b) < 12),
        "the edited band: {p:?}"
    );
    // Saved, the build uses the folder without being told.
    r.set_catalogue_options(&with_folder).expect("set");
    let report = build(&r, &friday, &dir.path().join("out"), None);
    assert!(report.template_problems.is_empty());
    let built = image::open(
        Path::new(&report.folder).join("sosial").join(
            std::fs::read_dir(Path::new(&report.folder).join("sosial"))
                .expect("dir")
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|n| n.ends_with("-9x16.jpg"))
                .expect("a story"),
        ),
    )
    .expect("story")
    .into_rgb8();
    assert_eq!(built.dimensions(), (1080, 1920));
    let p = built.get_pixel(540, 1910).0;
    assert!(
        p.iter()
            .zip([0x7f, 0x1d, 0x1d])
            .all(|(a, b)| a.abs_diff(b) < 12),
        "{p:?}"
    );
    // A template too large to be one is not read.
    std::fs::write(&file, "/".repeat(2 << 20)).expect("write");
    let (_, problems) = r
        .catalogue_look_preview(&friday, &with_folder)
        .expect("preview");
    assert!(problems[0].contains("not read"), "{problems:?}");
}
