//! Exchange on a large registry: 10,000 vendors and 2,000 products on laptop A. Measures a
//! whole bundle (export, preview and import into an empty laptop, a second import that changes
//! nothing) and an incremental one after 100 edits, and a backup of the result.
//! Run with `cargo bench --bench exchange`; figures are recorded in docs/BENCHMARKS.md.

use std::time::Instant;

use etalase::Registry;
use etalase::demo;
use etalase::vendor::{VendorDraft, VendorPatch};

const VENDORS: usize = 10_000;
const PRODUCTS: usize = 2_000;

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    println!("{label:<56} {:>9.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    out
}

fn main() {
    let a_dir = tempfile::tempdir().expect("dir");
    let a = Registry::open(a_dir.path()).expect("open");
    let seeds = demo::drafts();
    let regions = etalase::region::jakarta();
    let drafts: Vec<VendorDraft> = (0..VENDORS)
        .map(|i| VendorDraft {
            name: format!("{} {i}", seeds[i % seeds.len()].name),
            owner: seeds[(i / 7) % seeds.len()].owner.clone(),
            phone: format!("0812{:08}", i),
            kecamatan: regions.kecamatan[i % regions.kecamatan.len()].code.clone(),
            category: seeds[i % seeds.len()].category.clone(),
            mentor: "Bu Rina".into(),
            ..Default::default()
        })
        .collect();
    for chunk in drafts.chunks(2_000) {
        a.create_vendors(chunk).expect("vendors");
    }
    let ids: Vec<String> = a
        .read(|c| {
            let mut s = c.prepare("SELECT id FROM vendor ORDER BY id")?;
            let rows = s.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .expect("ids");
    for (i, id) in ids.iter().take(PRODUCTS).enumerate() {
        a.create_product(
            id,
            &etalase::product::ProductDraft {
                name: format!("Produk {i}"),
                category: "makanan-minuman".into(),
                price: "25000".into(),
                ..Default::default()
            },
        )
        .expect("product");
    }
    println!("registry A: {VENDORS} vendors, {PRODUCTS} products");

    let whole = a_dir.path().join("semua.etalase");
    let report = timed("export the whole registry", || {
        a.export_bundle(&whole, None, None).expect("export")
    });
    println!("  bundle: {:.1} MB", report.bytes as f64 / 1e6);
    let b_dir = tempfile::tempdir().expect("dir");
    let b = Registry::open(b_dir.path()).expect("open");
    timed("preview it on an empty laptop", || {
        b.preview_bundle(&whole, None).expect("preview")
    });
    timed("import it (backup first, one transaction)", || {
        b.import_bundle(&whole, None, None, &[]).expect("import")
    });
    let again = timed("import it again (nothing changes)", || {
        b.import_bundle(&whole, None, None, &[]).expect("again")
    });
    assert!(!again.changes);

    // B tells A what it has; A edits 100 vendors and sends only those.
    let from_b = b_dir.path().join("b.etalase");
    b.export_bundle(&from_b, Some(a.device_id()), None)
        .expect("b export");
    a.import_bundle(&from_b, None, None, &[]).expect("ack");
    for id in ids.iter().take(100) {
        a.update_vendor(
            id,
            &VendorPatch {
                mentor: Some("Pak Joko".into()),
                ..Default::default()
            },
        )
        .expect("edit");
    }
    let part = a_dir.path().join("sebagian.etalase");
    let report = timed("export changes since B (100 edited vendors)", || {
        a.export_bundle(&part, Some(b.device_id()), None)
            .expect("export since")
    });
    println!(
        "  bundle: {:.1} kB, {} vendor rows",
        report.bytes as f64 / 1e3,
        report.counts["vendor"]
    );
    timed("import the changes", || {
        b.import_bundle(&part, None, None, &[])
            .expect("import part")
    });
    timed("a verified backup of B", || {
        b.create_backup(etalase::backup::Reason::Manual)
            .expect("backup")
    });
    let sealed = a_dir.path().join("rahasia.etalase");
    timed(
        "export the whole registry sealed (Argon2id + XChaCha20)",
        || {
            a.export_bundle(&sealed, None, Some("kata sandi panjang"))
                .expect("sealed")
        },
    );
}
