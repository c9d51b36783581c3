//! Products: validation, channel warnings, lists, archive, search by product name, and the
//! product and photo commands of the CLI.

use etalase::legality::{LegalityDraft, LegalityKind};
use etalase::product::{ProductDraft, ProductQuery, Variant};
use etalase::vendor::VendorQuery;

use crate::cli::etalase;
use crate::photos::product_shot;
use crate::support::{AddVendor, draft, dump, registry};

fn keripik() -> ProductDraft {
    ProductDraft {
        name: "Keripik Singkong Balado".into(),
        category: "Makanan".into(),
        price: "Rp 25.000".into(),
        weight_g: "250".into(),
        stock: "40".into(),
        variants: vec![Variant {
            name: "Rasa".into(),
            options: vec!["Pedas".into(), "Original".into()],
        }],
        ..Default::default()
    }
}

#[test]
fn a_product_is_checked_and_stored_with_whole_rupiah() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    let p = r.create_product(&v.id, &keripik()).expect("product");
    assert_eq!(p.price_rp, 25_000);
    assert_eq!(p.category, "makanan-minuman");
    assert_eq!(p.weight_g, Some(250));
    assert_eq!(p.variants[0].options, ["Pedas", "Original"]);
    assert_eq!(p.condition, "baru");
    assert!(p.warnings.is_empty());
    let before = dump(&r);
    let bad = ProductDraft {
        name: String::new(),
        price: "dua puluh".into(),
        category: "mainan".into(),
        stock: "-1".into(),
        preorder_days: "120".into(),
        variants: vec![
            Variant {
                name: "A".into(),
                options: vec!["1".into()],
            },
            Variant {
                name: "B".into(),
                options: vec!["1".into()],
            },
            Variant {
                name: "C".into(),
                options: vec!["1".into()],
            },
        ],
        ..Default::default()
    };
    let err = r.create_product(&v.id, &bad).expect_err("invalid");
    let mut fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "category",
            "name",
            "preorder_days",
            "price",
            "stock",
            "variants"
        ]
    );
    assert_eq!(dump(&r), before, "nothing written");
    assert_eq!(
        r.create_product("no-vendor", &keripik())
            .expect_err("vendor")
            .code(),
        "not_found"
    );
}

#[test]
fn channel_limits_warn_without_refusing() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    let long = ProductDraft {
        name: "Keripik Singkong Balado Super Pedas Khas Betawi Asli Buatan Rumah Tangga Tebet"
            .into(),
        preorder_days: "45".into(),
        ..keripik()
    };
    let p = r.create_product(&v.id, &long).expect("saved");
    let codes: Vec<&str> = p.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["name_long_for_marketplace", "preorder_long"]);
}

#[test]
fn legality_references_must_be_the_vendors_own() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    let doc = r
        .add_legality(
            &v.id,
            &LegalityDraft {
                kind: LegalityKind::Pirt,
                number: "206317401012830".into(),
                issued_on: String::new(),
                valid_until: String::new(),
                note: String::new(),
            },
        )
        .expect("doc");
    let ok = ProductDraft {
        legality_ids: vec![doc.id.clone()],
        ..keripik()
    };
    assert_eq!(
        r.create_product(&v.id, &ok).expect("ok").legality_ids,
        [doc.id]
    );
    let wrong = ProductDraft {
        legality_ids: vec!["someone-elses".into()],
        ..keripik()
    };
    assert_eq!(
        r.create_product(&v.id, &wrong)
            .expect_err("foreign")
            .fields()[0]
            .code,
        "unknown_document"
    );
}

#[test]
fn lists_archive_and_search_by_product_name() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    let p = r.create_product(&v.id, &keripik()).expect("product");
    r.create_product(
        &v.id,
        &ProductDraft {
            name: "Dodol Betawi".into(),
            ..keripik()
        },
    )
    .expect("second");
    let mine = ProductQuery {
        vendor_id: Some(v.id.clone()),
        ..Default::default()
    };
    let names: Vec<String> = r
        .list_products(&mine)
        .expect("list")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Dodol Betawi", "Keripik Singkong Balado"]);
    r.archive_product(&p.id).expect("archive");
    assert_eq!(r.list_products(&mine).expect("list").len(), 1);
    r.restore_product(&p.id).expect("restore");
    assert_eq!(r.list_products(&mine).expect("list").len(), 2);
    // The vendor list's search finds the vendor by what it sells.
    let found = r
        .list_vendors(&VendorQuery {
            search: Some("dodol".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, v.id);
}

#[test]
fn the_cli_adds_a_product_and_imports_its_photos() {
    let (dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    drop(r);
    let d = dir.path();
    let out = etalase(
        d,
        &[
            "product",
            "add",
            "--vendor",
            &v.id,
            "--name",
            "Kue Lapis Legit",
            "--price",
            "85.000",
            "--category",
            "makanan-minuman",
            "--weight-g",
            "500",
            "--variant",
            "Ukuran=Kecil,Besar",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let product: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let id = product["id"].as_str().expect("id").to_owned();
    assert_eq!(product["price_rp"], 85_000);
    let photo = d.join("lapis.jpg");
    product_shot(1200, 1200, 7)
        .save_with_format(&photo, image::ImageFormat::Jpeg)
        .expect("save");
    let text = d.join("bukan.jpg");
    std::fs::write(&text, "teks").expect("text");
    let out = etalase(
        d,
        &[
            "photo",
            "import",
            "--product",
            &id,
            photo.to_str().expect("p"),
            text.to_str().expect("t"),
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "one of two stored: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["added"], 1);
    assert_eq!(report["refused"], 1);
    assert_eq!(report["outcomes"][1]["code"], "not_an_image");
    let out = etalase(
        d,
        &[
            "photo",
            "import",
            "--product",
            &id,
            text.to_str().expect("t"),
        ],
    );
    assert_ne!(out.status.code(), Some(0), "nothing stored is a failure");
    let out = etalase(d, &["photo", "list", "--product", &id, "--json"]);
    let photos: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(photos.as_array().map(Vec::len), Some(1));
    let photo_id = photos[0]["id"].as_str().expect("id").to_owned();
    assert_eq!(photos[0]["hash"].as_str().map(str::len), Some(64));
    let square = d.join("kotak.jpg");
    let out = etalase(
        d,
        &[
            "photo",
            "export",
            &photo_id,
            "--variant",
            "4x5",
            "--out",
            square.to_str().expect("o"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let img = image::open(&square).expect("open");
    assert_eq!((img.width(), img.height()), (864, 1080));
}

#[test]
fn vendors_filter_by_whether_they_have_product_photos() {
    let (dir, r) = registry();
    let with = r.add_vendor(&draft()).expect("with");
    let without = r
        .add_vendor(&etalase::vendor::VendorDraft {
            name: "Tanpa Foto".into(),
            phone: "0813-7777-8888".into(),
            ..draft()
        })
        .expect("without");
    let p = r.create_product(&with.id, &keripik()).expect("product");
    r.create_product(&without.id, &keripik())
        .expect("product without photo");
    let file = dir.path().join("f.jpg");
    product_shot(900, 900, 3)
        .save_with_format(&file, image::ImageFormat::Jpeg)
        .expect("save");
    r.import_photos(
        &p.id,
        &[file],
        1,
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("import");
    let ids = |has: bool| -> Vec<String> {
        r.list_vendors(&VendorQuery {
            has_photos: Some(has),
            ..Default::default()
        })
        .expect("list")
        .items
        .into_iter()
        .map(|v| v.id)
        .collect()
    };
    assert_eq!(ids(true), [with.id]);
    assert_eq!(ids(false), [without.id]);
}
