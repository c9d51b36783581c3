//! The Friday planner on a large registry: 10,000 vendors with 20,000 products (5,000 per
//! theme over the 44 kecamatan), every product with a cover, a publishing consent and a passing
//! review. Measures what the window waits for: readiness over the product grid, the suggestion
//! for a province-wide edition, accepting it, opening the board, publishing.
//! Run with `cargo bench --bench planner`; figures are recorded in docs/BENCHMARKS.md.

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use etalase::Registry;
use etalase::demo;
use etalase::planner::edition::EditionPlan;
use etalase::planner::readiness::ReadinessFilter;
use etalase::product::ProductQuery;
use etalase::vendor::VendorDraft;
use rusqlite::params;

const VENDORS: usize = 10_000;
const PRODUCTS_PER_VENDOR: usize = 2;

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut out = f(); // warm
    let mut samples: Vec<Duration> = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        out = f();
        samples.push(t.elapsed());
    }
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<52} median {:>8.1} ms   max {:>8.1} ms",
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() - 1])
    );
    out
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = Registry::open(dir.path()).expect("open");
    let seeds = demo::drafts();
    let regions = etalase::region::jakarta();
    let drafts: Vec<VendorDraft> = (0..VENDORS)
        .map(|i| VendorDraft {
            name: format!("{} {i}", seeds[i % seeds.len()].name),
            owner: seeds[(i / 7) % seeds.len()].owner.clone(),
            phone: format!("0812{:08}", i),
            // Blocks of all 60 demo patterns (all four categories) share a kecamatan.
            kecamatan: regions.kecamatan[(i / seeds.len()) % regions.kecamatan.len()]
                .code
                .clone(),
            category: seeds[i % seeds.len()].category.clone(),
            ..Default::default()
        })
        .collect();
    let t = Instant::now();
    for chunk in drafts.chunks(2_000) {
        r.create_vendors(chunk).expect("vendors");
    }
    // One real photo through the pipeline; every product links to its pixels.
    let vendors: Vec<(String, String)> = r
        .read(|c| {
            let mut s = c.prepare("SELECT id, category_slug FROM vendor ORDER BY id")?;
            let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .expect("vendors");
    let first = r
        .create_product(
            &vendors[0].0,
            &etalase::product::ProductDraft {
                name: "Produk 0".into(),
                category: vendors[0].1.clone(),
                price: "25000".into(),
                ..Default::default()
            },
        )
        .expect("product");
    let shot = dir.path().join("shot.jpg");
    std::fs::write(
        &shot,
        etalase_pipeline::demo_shot::product_shot(1, 1200, 1200),
    )
    .expect("shot");
    r.import_photos(&first.id, &[shot], 1, &AtomicBool::new(false), &mut |_| {})
        .expect("photo");
    let hash: String = r
        .read(|c| Ok(c.query_row("SELECT hash FROM photo_blob", [], |r| r.get(0))?))
        .expect("hash");
    let ids: Vec<String> = (0..VENDORS * PRODUCTS_PER_VENDOR * 4)
        .map(|_| r.new_id())
        .collect();
    r.write(|tx, stamp| {
        let mut next = ids.iter();
        for (v, (vendor, category)) in vendors.iter().enumerate() {
            tx.execute(
                "INSERT INTO consent (id, vendor_id, purpose, form, notice_version, granted_at,
                   created_at, updated_at, device_id)
                 VALUES (?1, ?2, 'publish', 'written', '1', ?3, ?3, ?3, ?4)",
                params![next.next(), vendor, stamp.time, stamp.device],
            )?;
            for k in 0..PRODUCTS_PER_VENDOR {
                let product = next.next().expect("id");
                tx.execute(
                    "INSERT INTO product (id, vendor_id, name, description, category_slug, price_rp,
                       stock, weight_g, permit_exempt, created_at, updated_at, device_id,
                       created_device)
                     VALUES (?1, ?2, ?3, 'Deskripsi', ?4, 25000, 10, 250, 'fresh', ?5, ?5, ?6, ?6)",
                    params![product, vendor, format!("Produk {v}-{k}"), category, stamp.time, stamp.device],
                )?;
                tx.execute(
                    "INSERT INTO product_photo (id, product_id, blob_hash, position, created_at,
                       updated_at, device_id) VALUES (?1, ?2, ?3, 0, ?4, ?4, ?5)",
                    params![next.next(), product, hash, stamp.time, stamp.device],
                )?;
                tx.execute(
                    "INSERT INTO curation_review (id, product_id, legality, quality, packaging, taste,
                       hygiene, photo, verdict, reviewer, reviewed_on, created_at, updated_at,
                       device_id)
                     VALUES (?1, ?2, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'Ratna', '2026-11-20',
                       ?3, ?3, ?4)",
                    params![next.next(), product, stamp.time, stamp.device],
                )?;
            }
        }
        Ok(())
    })
    .expect("products");
    println!(
        "made {VENDORS} vendors and {} products in {:.1} s",
        VENDORS * PRODUCTS_PER_VENDOR,
        t.elapsed().as_secs_f64()
    );

    let grid = time("readiness of the product grid (first 5,000)", 10, || {
        r.products_with_readiness(&ProductQuery::default(), ReadinessFilter::All, true)
            .expect("grid")
    });
    println!("  {} products judged", grid.len());
    let theme = time("readiness of one theme's products", 10, || {
        r.products_with_readiness(
            &ProductQuery {
                category: Some("makanan-minuman".into()),
                ..Default::default()
            },
            ReadinessFilter::Ready,
            false,
        )
        .expect("theme")
    });
    println!("  {} ready", theme.len());
    let e = r
        .plan_edition(&EditionPlan {
            friday: "2021-09-10".into(),
            ..Default::default()
        })
        .expect("plan");
    let picks = time("suggestion, province, quota 10 (44 kecamatan)", 10, || {
        r.suggest_edition(&e.id).expect("suggest")
    });
    println!("  {} proposed", picks.len());
    let t = Instant::now();
    let accepted = r.accept_suggestion(&e.id).expect("accept");
    println!(
        "{:<52} {:>8.1} ms ({} products)",
        "accepting the suggestion",
        t.elapsed().as_secs_f64() * 1000.0,
        accepted.items.len()
    );
    time("opening the board", 10, || {
        r.edition(&e.id).expect("edition")
    });
    let t = Instant::now();
    let published = r.publish_edition(&e.id).expect("publish");
    println!(
        "{:<52} {:>8.1} ms ({} snapshots)",
        "publishing",
        t.elapsed().as_secs_f64() * 1000.0,
        published.snapshot.len()
    );
}
