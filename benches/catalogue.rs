//! The catalogue against headless Chromium (issue 6): a 100-product edition built by Etalase,
//! and in the same run the equivalent page (the build's own web page: the same cards, photos
//! and texts) printed to PDF by Debian's `chromium --headless --print-to-pdf`.
//! Run with `bench/catalogue/run.sh` (or `cargo bench --bench catalogue`); figures are
//! recorded in docs/BENCHMARKS.md.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use etalase::Registry;
use etalase::catalogue::{BuildOptions, Formats};
use etalase::consent::{ConsentForm, Purpose};
use etalase::planner::curation::{Criteria, Mark, ReviewDraft};
use etalase::planner::edition::EditionPlan;
use etalase::product::ProductDraft;
use etalase::vendor::VendorDraft;

const PRODUCTS: usize = 100;
const ROUNDS: usize = 4;

/// Peak resident memory of this process so far, in MiB (Linux).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn build(r: &Registry, out: &Path, formats: Formats) -> (f64, String) {
    let t = Instant::now();
    let report = r
        .build_catalogue(
            "2021-12-03",
            out,
            &BuildOptions {
                formats,
                templates: None,
            },
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .expect("build");
    (t.elapsed().as_secs_f64(), report.folder)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = Registry::open(&dir.path().join("registry")).expect("open");
    let regions = etalase::region::jakarta();
    let names = [
        "Kue Lapis Legit",
        "Keripik Singkong Balado",
        "Sambal Roa",
        "Kopi Robusta Bubuk",
        "Dodol Betawi",
        "Bir Pletok",
        "Kerak Telor Beku",
        "Roti Gambang",
        "Asinan Betawi",
        "Madu Hutan",
    ];
    let drafts: Vec<VendorDraft> = (0..PRODUCTS)
        .map(|i| VendorDraft {
            name: format!("Dapur Nomor {i}"),
            owner: format!("Pemilik {i}"),
            phone: format!("0812{:08}", 30_000_000 + i),
            kecamatan: regions.kecamatan[i % regions.kecamatan.len()].code.clone(),
            category: "makanan-minuman".into(),
            public_contact: format!("0813{:08}", 40_000_000 + i),
            ..Default::default()
        })
        .collect();
    let vendors = r.create_vendors(&drafts).expect("vendors");
    let shots: Vec<_> = (0..10)
        .map(|k| {
            let p = dir.path().join(format!("shot-{k}.jpg"));
            std::fs::write(&p, etalase_pipeline::demo_shot::product_shot(k, 1600, 1600))
                .expect("shot");
            p
        })
        .collect();
    let ok = ReviewDraft {
        criteria: Criteria {
            legality: Mark::Ok,
            quality: Mark::Ok,
            packaging: Mark::Ok,
            taste: Mark::Ok,
            hygiene: Mark::Ok,
            photo: Mark::Ok,
        },
        reviewer: "Ratna".into(),
        ..Default::default()
    };
    for (i, v) in vendors.iter().enumerate() {
        r.grant_consent(&v.id, Purpose::Publish, ConsentForm::Written)
            .expect("consent");
        r.grant_consent(&v.id, Purpose::Contact, ConsentForm::Written)
            .expect("contact");
        let p = r
            .create_product(
                &v.id,
                &ProductDraft {
                    name: format!("{} {}", names[i % names.len()], i + 1),
                    description: "Dibuat setiap pagi dari bahan pilihan pasar setempat, tanpa pengawet, dikemas rapat agar tahan dalam perjalanan.".into(),
                    category: "makanan-minuman".into(),
                    price: format!("{}", 15_000 + (i % 12) * 5_000),
                    stock: "25".into(),
                    weight_g: "300".into(),
                    permit_exempt: "fresh".into(),
                    ..Default::default()
                },
            )
            .expect("product");
        r.import_photos(
            &p.id,
            &[shots[i % shots.len()].clone()],
            2,
            &AtomicBool::new(false),
            &mut |_| {},
        )
        .expect("photo");
        r.review_product(&p.id, &ok).expect("review");
    }
    let e = r
        .plan_edition(&EditionPlan {
            friday: "2021-12-03".into(),
            theme: "makanan-minuman".into(),
            quota: Some(10),
            ..Default::default()
        })
        .expect("plan");
    let e = r.accept_suggestion(&e.id).expect("accept");
    assert_eq!(e.items.len(), PRODUCTS, "every product in the edition");
    r.publish_edition(&e.id).expect("publish");

    let only = |pdf, social, sheets, web| Formats {
        pdf,
        social,
        captions: false,
        web,
        sheets,
    };
    let mut pdf_times = Vec::new();
    let mut all_times = Vec::new();
    let mut pdf_folder = String::new();
    let mut web_folder = String::new();
    for round in 0..ROUNDS {
        let (t, folder) = build(
            &r,
            &dir.path().join(format!("pdf-{round}")),
            only(true, false, false, false),
        );
        pdf_times.push(t);
        pdf_folder = folder;
        let (t, _) = build(
            &r,
            &dir.path().join(format!("all-{round}")),
            only(true, true, true, false),
        );
        all_times.push(t);
    }
    // The printed PDF alone, as a build writes it (frames cached by now).
    let mut a4_times = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let pdf = r.catalogue_pdf("2021-12-03", "print").expect("pdf");
        a4_times.push(t.elapsed().as_secs_f64());
        assert!(pdf.starts_with(b"%PDF"));
    }
    // The look preview (two pages and a social image) after a colour change.
    let mut look = r.catalogue_options().expect("options");
    let mut look_times = Vec::new();
    for colour in ["#1d3557", "#0f5f5c", "#5a189a", "#7f1d1d"] {
        look.colour = colour.into();
        let t = Instant::now();
        let (pages, _) = r
            .catalogue_look_preview("2021-12-03", &look)
            .expect("preview");
        look_times.push(t.elapsed().as_secs_f64());
        assert_eq!(pages.len(), 3);
    }
    let peak = peak_mib();
    let (_, folder) = build(&r, &dir.path().join("web"), only(false, false, false, true));
    web_folder.push_str(&folder);
    let a4 = Path::new(&pdf_folder).join("katalog-a4.pdf");
    let pdf_bytes = std::fs::metadata(&a4).map(|m| m.len()).unwrap_or(0);
    let pages = |p: &Path| {
        Command::new("pdfinfo")
            .arg(p)
            .output()
            .ok()
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .find(|l| l.starts_with("Pages:"))
                    .map(|l| l.trim_start_matches("Pages:").trim().to_owned())
            })
            .unwrap_or_else(|| "?".into())
    };
    // Chromium prints the same cards (the web page) to A4, each round in a fresh process.
    let html = Path::new(&web_folder).join("web/index.html");
    let mut chromium_times = Vec::new();
    let mut chromium_peak = 0.0;
    let chromium_pdf = dir.path().join("chromium.pdf");
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                "--run-all-compositor-stages-before-draw",
            ])
            .arg(format!("--print-to-pdf={}", chromium_pdf.display()))
            .arg(format!("file://{}", html.display()))
            .output()
            .expect("chromium (apt-get install chromium)");
        chromium_times.push(t.elapsed().as_secs_f64());
        let kb: f64 = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter_map(|l| l.trim().parse::<f64>().ok())
            .next_back()
            .unwrap_or(0.0);
        chromium_peak = f64::max(chromium_peak, kb / 1024.0);
    }
    // The first round frames every photo (cold); later rounds find them in the frame cache.
    let (pdf_cold, all_cold) = (pdf_times[0], all_times[0]);
    let (pdf, all, chromium) = (
        median(pdf_times[1..].to_vec()),
        median(all_times[1..].to_vec()),
        median(chromium_times),
    );
    println!(
        "{PRODUCTS}-product edition, {ROUNDS} rounds: cold is the first (photos not yet framed), warm the median of the rest"
    );
    println!("Etalase A4 + phone PDFs, cold      {pdf_cold:>7.2} s");
    println!(
        "Etalase A4 + phone PDFs, warm      {pdf:>7.2} s   A4: {} pages, {:.1} MB",
        pages(&a4),
        pdf_bytes as f64 / 1e6
    );
    let a4_alone = median(a4_times);
    println!("Etalase A4 PDF alone, warm         {a4_alone:>7.2} s");
    println!(
        "Etalase look preview               {:>7.2} s (median of 4 colour changes)",
        median(look_times)
    );
    println!("Etalase PDFs + social + sheets     {all:>7.2} s warm, {all_cold:.2} s cold");
    println!(
        "Chromium print-to-pdf (web page)   {chromium:>7.2} s   {} pages",
        pages(&chromium_pdf)
    );
    println!(
        "ratio A4 PDF alone / Chromium      {:>7.3}",
        a4_alone / chromium
    );
    println!(
        "ratio PDFs / Chromium              {:>7.3} warm, {:.3} cold",
        pdf / chromium,
        pdf_cold / chromium
    );
    println!(
        "ratio everything / Chromium        {:>7.3} warm, {:.3} cold",
        all / chromium,
        all_cold / chromium
    );
    println!(
        "peak memory: Etalase process {peak:.0} MiB (whole bench), Chromium {chromium_peak:.0} MiB (largest process)"
    );
}
