//! Registry speed on 20,000 generated vendors: search and the first page of the list.
//! Run with `cargo bench --bench registry`; figures are recorded in docs/BENCHMARKS.md.
//! Goals (issue 3): search p95 under 20 ms, first list page under 50 ms, in the core.

use std::time::{Duration, Instant};

use etalase::Registry;
use etalase::demo;
use etalase::vendor::{VendorDraft, VendorQuery};

const VENDORS: usize = 20_000;
const RUNS: usize = 200;

fn drafts() -> Vec<VendorDraft> {
    let seeds = demo::drafts();
    (0..VENDORS)
        .map(|i| {
            let seed = &seeds[i % seeds.len()];
            VendorDraft {
                // Distinct, plausible names: the demo's patterns with another owner's name.
                name: format!(
                    "{} {}",
                    seed.name,
                    seeds[(i / seeds.len()) % seeds.len()].owner
                ),
                owner: seeds[(i / 7) % seeds.len()].owner.clone(),
                phone: format!("0812{:08}", i),
                kecamatan: seeds[(i * 7) % seeds.len()].kecamatan.clone(),
                category: seed.category.clone(),
                ..Default::default()
            }
        })
        .collect()
}

fn percentile(mut samples: Vec<Duration>, p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn measure(label: &str, runs: usize, mut f: impl FnMut(usize)) {
    f(0); // warm the page cache and statement cache
    let samples: Vec<Duration> = (0..runs)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms",
        ms(percentile(samples.clone(), 0.5)),
        ms(percentile(samples.clone(), 0.95)),
        ms(percentile(samples, 1.0))
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = Registry::open(dir.path()).expect("open");
    let t = Instant::now();
    for chunk in drafts().chunks(2_000) {
        r.create_vendors(chunk).expect("fill");
    }
    println!(
        "registered {VENDORS} vendors in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let words = [
        "kue",
        "batik",
        "jamu siti",
        "sambal roa",
        "tebet",
        "rahayu",
        "kerajinan",
        "0812000",
        "cv kopi",
        "lilin",
    ];
    measure("search (10 queries, first page of 100)", RUNS, |i| {
        let q = VendorQuery {
            search: Some(words[i % words.len()].into()),
            ..Default::default()
        };
        r.list_vendors(&q).expect("search");
    });
    for w in words {
        let q = VendorQuery {
            search: Some(w.into()),
            ..Default::default()
        };
        let total = r.list_vendors(&q).expect("search").total;
        measure(&format!("  search {w:?} ({total} found)"), 20, |_| {
            r.list_vendors(&q).expect("search");
        });
    }
    measure("list: first page of 100, no filter", RUNS, |_| {
        r.list_vendors(&VendorQuery::default()).expect("list");
    });
    measure(
        "list: first page, kecamatan + category filter",
        RUNS,
        |_| {
            let q = VendorQuery {
                kecamatan: Some("Tebet".into()),
                category: Some("makanan-minuman".into()),
                ..Default::default()
            };
            r.list_vendors(&q).expect("list");
        },
    );
    measure("list: page 150 of 200 (offset 15,000)", RUNS, |_| {
        r.list_vendors(&VendorQuery {
            offset: 15_000,
            ..Default::default()
        })
        .expect("list");
    });
    // The row at 15,000 in name order, found once; then keyset pages continue after it.
    let cursor = r
        .list_vendors(&VendorQuery {
            offset: 14_999,
            limit: 1,
            ..Default::default()
        })
        .expect("cursor")
        .items[0]
        .id
        .clone();
    measure("list: page after row 15,000 (keyset)", RUNS, |_| {
        r.list_vendors(&VendorQuery {
            after: Some(cursor.clone()),
            ..Default::default()
        })
        .expect("list");
    });
    let t = Instant::now();
    let pairs = r.duplicate_report().expect("report");
    println!(
        "whole-registry duplicate report: {} pairs in {:.2} s",
        pairs.len(),
        t.elapsed().as_secs_f64()
    );
    measure("duplicate check before saving one vendor", RUNS, |i| {
        let d = VendorDraft {
            name: format!("Kue Basah Baru {i}"),
            owner: "Siti".into(),
            phone: "0899-1234-5678".into(),
            kecamatan: "Tebet".into(),
            category: "makanan-minuman".into(),
            ..Default::default()
        };
        // Refused or saved, the check runs in full; save-anyway keeps the registry growing.
        let _ = r.create_vendor(&d, etalase::vendor::Duplicates::Refuse);
    });

    // A 10,000-row spreadsheet checked against the 20,000-vendor registry (nothing written).
    // Rows spread over the 44 kecamatan as a centre's list is; every name is compared with
    // those of its own kecamatan (the registry's and the file's).
    let kecamatan: Vec<String> = etalase::region::jakarta()
        .kecamatan
        .iter()
        .map(|k| k.code.clone())
        .collect();
    let mut csv = String::from("Nama Usaha;Pemilik;No HP;Kecamatan;Kategori;Modal\n");
    for i in 0..10_000 {
        csv.push_str(&format!(
            "Usaha Impor {i} {};Pemilik {i};0877{i:08};{};makanan-minuman;Rp 5.000.000\n",
            i * 7919 % 10_007,
            kecamatan[i % kecamatan.len()]
        ));
    }
    let sheet = dir.path().join("impor.csv");
    std::fs::write(&sheet, csv).expect("write sheet");
    measure("import preview: 10,000 rows vs 20,000 vendors", 5, |_| {
        r.preview_import(&sheet, &etalase::vendor::ImportOptions::default())
            .expect("preview");
    });
    let t = Instant::now();
    let plan = r
        .import_vendors(&sheet, &etalase::vendor::ImportOptions::default(), None)
        .expect("import");
    println!(
        "import of 10,000 rows: {} new, {} held back, in {:.2} s",
        plan.counts.create,
        plan.counts.duplicate + plan.counts.repeated,
        t.elapsed().as_secs_f64()
    );
}
