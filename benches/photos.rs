//! The photo import against `vipsthumbnail` (Debian libvips-tools), on the same 30 photo-like
//! 12 MP JPEGs in the same run: `cargo bench --bench photos`.
//!
//! The set is generated here (some files carry EXIF orientation 3, 6 or 8) and kept in
//! `target/bench-photos/`. Each import runs in a child process of this benchmark so its peak
//! memory (VmHWM) is its own; vipsthumbnail makes the same two outputs (a 2560 px master at
//! q90 and a 400 px thumbnail at q85, metadata stripped), one process per output size, with
//! `VIPS_CONCURRENCY=1` per process. Rounds alternate ours and theirs; medians are compared.
//! The master's quality is the mean SSIM (luma, 8×8 windows) against a Lanczos3 reference made
//! by the `image` crate from the same upright original.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use etalase::Registry;
use etalase::product::ProductDraft;
use etalase::vendor::{Duplicates, VendorDraft};

const PHOTOS: u32 = 30;
const ROUNDS: usize = 5;

fn exif_orientation(o: u16) -> Vec<u8> {
    let mut t = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    t.extend(1u16.to_be_bytes());
    t.extend(0x0112u16.to_be_bytes());
    t.extend(3u16.to_be_bytes());
    t.extend(1u32.to_be_bytes());
    t.extend(o.to_be_bytes());
    t.extend([0, 0, 0, 0, 0, 0]);
    t
}

/// The photo set, made once.
fn photo_set(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("photo dir");
    (0..PHOTOS)
        .map(|i| {
            let path = dir.join(format!("foto-{i:02}.jpg"));
            if !path.exists() {
                let mut jpeg = etalase_pipeline::demo_shot::product_shot(i * 7 + 3, 4000, 3000);
                // Every fifth photo is stored turned, as phones do, with its orientation tag.
                if i % 5 == 0 {
                    let o = [6u16, 3, 8][(i / 5) as usize % 3];
                    let exif = exif_orientation(o);
                    let mut segment = vec![0xFF, 0xE1];
                    segment.extend(((exif.len() + 2) as u16).to_be_bytes());
                    segment.extend(exif);
                    jpeg.splice(2..2, segment);
                }
                std::fs::write(&path, jpeg).expect("write photo");
            }
            path
        })
        .collect()
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// In the child: import the set with `workers` threads; print seconds and peak KiB.
fn child(dir: &Path, workers: usize) {
    let data = tempfile::tempdir().expect("temp");
    let r = Registry::open(data.path()).expect("open");
    let v = r
        .create_vendor(
            &VendorDraft {
                name: "Bench".into(),
                owner: "Bench".into(),
                phone: "0812-0000-0000".into(),
                kecamatan: "Tebet".into(),
                category: "makanan-minuman".into(),
                ..Default::default()
            },
            Duplicates::Allow,
        )
        .expect("vendor");
    let p = r
        .create_product(
            &v.id,
            &ProductDraft {
                name: "Bench".into(),
                category: "makanan-minuman".into(),
                price: "1000".into(),
                ..Default::default()
            },
        )
        .expect("product");
    let t = Instant::now();
    let report = r
        .import_photos(
            &p.id,
            &[dir.to_path_buf()],
            workers,
            &AtomicBool::new(false),
            &mut |_| {},
        )
        .expect("import");
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(report.added, PHOTOS, "{:?}", report.outcomes);
    if workers == 1 {
        // Keep the masters for the quality check.
        let out = dir.parent().expect("parent").join("masters");
        std::fs::create_dir_all(&out).expect("masters dir");
        for o in &report.outcomes {
            let id = o.photo_id.as_ref().expect("id");
            let bytes = r
                .photo_bytes(id, etalase::photo::Variant::Master)
                .expect("master");
            std::fs::write(out.join(&o.file), bytes).expect("write master");
        }
    }
    println!("{secs} {}", peak_kib());
}

fn run_child(dir: &Path, workers: usize) -> (f64, u64) {
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args([
            "--child",
            dir.to_str().expect("utf-8 path"),
            &workers.to_string(),
        ])
        .output()
        .expect("child");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    (
        parts.next().and_then(|v| v.parse().ok()).expect("seconds"),
        parts.next().and_then(|v| v.parse().ok()).expect("kib"),
    )
}

/// vipsthumbnail making both outputs for `files`, as `processes` parallel process groups.
fn vips(files: &[PathBuf], out: &Path, processes: usize) -> (f64, u64) {
    std::fs::create_dir_all(out).expect("vips out");
    let chunks: Vec<&[PathBuf]> = files.chunks(files.len().div_ceil(processes)).collect();
    let t = Instant::now();
    let children: Vec<_> = chunks
        .iter()
        .flat_map(|chunk| {
            [("2560", "d", 90), ("400", "t", 85)].map(|(size, tag, q)| {
                Command::new("/usr/bin/time")
                    .arg("-f")
                    .arg("%M")
                    .arg("vipsthumbnail")
                    .args(chunk.iter())
                    .args(["-s", size, "-o"])
                    .arg(format!("{}/%s_{tag}.jpg[Q={q},strip]", out.display()))
                    .env("VIPS_CONCURRENCY", "1")
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("vipsthumbnail (apt install libvips-tools)")
            })
        })
        .collect();
    // The two sizes run one after the other in performance.md; here each chunk's two
    // processes overlap, so `processes` = 1 still uses one process per size: count it as such.
    let mut peak = 0;
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(out.status.success(), "vipsthumbnail failed");
        let kib: u64 = String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
        peak = peak.max(kib);
    }
    (t.elapsed().as_secs_f64(), peak)
}

/// vipsthumbnail, strictly one process at a time (size after size), for the 1-worker pairing.
fn vips_serial(files: &[PathBuf], out: &Path) -> (f64, u64) {
    std::fs::create_dir_all(out).expect("vips out");
    let t = Instant::now();
    let mut peak = 0;
    for (size, tag, q) in [("2560", "d", 90), ("400", "t", 85)] {
        let o = Command::new("/usr/bin/time")
            .arg("-f")
            .arg("%M")
            .arg("vipsthumbnail")
            .args(files)
            .args(["-s", size, "-o"])
            .arg(format!("{}/%s_{tag}.jpg[Q={q},strip]", out.display()))
            .env("VIPS_CONCURRENCY", "1")
            .output()
            .expect("vipsthumbnail (apt install libvips-tools)");
        assert!(o.status.success(), "vipsthumbnail failed");
        peak = peak.max(
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
                .unwrap_or(0),
        );
    }
    (t.elapsed().as_secs_f64(), peak)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Mean SSIM of two equally sized luma images over 8×8 windows.
fn ssim(a: &image::GrayImage, b: &image::GrayImage) -> f64 {
    let (w, h) = a.dimensions();
    let (c1, c2) = ((0.01 * 255.0f64).powi(2), (0.03 * 255.0f64).powi(2));
    let mut total = 0.0;
    let mut n = 0;
    for by in (0..h.saturating_sub(8)).step_by(4) {
        for bx in (0..w.saturating_sub(8)).step_by(4) {
            let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for y in by..by + 8 {
                for x in bx..bx + 8 {
                    let (p, q) = (
                        f64::from(a.get_pixel(x, y)[0]),
                        f64::from(b.get_pixel(x, y)[0]),
                    );
                    sa += p;
                    sb += q;
                    saa += p * p;
                    sbb += q * q;
                    sab += p * q;
                }
            }
            let k = 64.0;
            let (ma, mb) = (sa / k, sb / k);
            let (va, vb, cov) = (saa / k - ma * ma, sbb / k - mb * mb, sab / k - ma * mb);
            total += ((2.0 * ma * mb + c1) * (2.0 * cov + c2))
                / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            n += 1;
        }
    }
    total / f64::from(n.max(1))
}

fn quality(files: &[PathBuf], masters: &Path) -> (f64, f64) {
    let mut scores = Vec::new();
    for f in files {
        let name = f.file_name().expect("name");
        let ours = image::open(masters.join(name)).expect("master").to_luma8();
        let mut original = {
            let mut dec = image::ImageReader::open(f)
                .expect("open")
                .with_guessed_format()
                .expect("format")
                .into_decoder()
                .expect("decoder");
            let o = image::ImageDecoder::orientation(&mut dec).expect("orientation");
            let mut img = image::DynamicImage::from_decoder(dec).expect("decode");
            img.apply_orientation(o);
            img
        };
        original = original.resize_exact(
            ours.width(),
            ours.height(),
            image::imageops::FilterType::Lanczos3,
        );
        scores.push(ssim(&ours, &original.to_luma8()));
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let worst = scores.iter().copied().fold(1.0, f64::min);
    (mean, worst)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(
            Path::new(&args[i + 1]),
            args[i + 2].parse().expect("workers"),
        );
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return; // `cargo test --benches` lists benchmarks; there is nothing to list.
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-photos");
    let dir = root.join("set");
    let t = Instant::now();
    let files = photo_set(&dir);
    println!(
        "{} photos of 4000×3000 ready in {:.1} s",
        files.len(),
        t.elapsed().as_secs_f64()
    );
    for workers in [1usize, 2] {
        let (mut ours, mut theirs, mut ours_peaks, mut theirs_peak) =
            (Vec::new(), Vec::new(), Vec::new(), 0);
        for _ in 0..ROUNDS {
            let (s, kib) = run_child(&dir, workers);
            ours.push(s);
            ours_peaks.push(kib as f64);
            let (s, kib) = if workers == 1 {
                vips_serial(&files, &root.join("vips"))
            } else {
                vips(&files, &root.join("vips"), workers)
            };
            theirs.push(s);
            theirs_peak = theirs_peak.max(kib);
        }
        let (o, v) = (median(ours), median(theirs));
        let worst = ours_peaks.iter().copied().fold(0.0, f64::max);
        println!(
            "{workers} worker(s): etalase {o:.2} s ({:.1} photos/s, peak {:.0} MiB median, {:.0} MiB worst) · vipsthumbnail {v:.2} s (peak {} MiB per process) · ratio {:.2}",
            f64::from(PHOTOS) / o,
            median(ours_peaks) / 1024.0,
            worst / 1024.0,
            theirs_peak / 1024,
            o / v
        );
    }
    let (mean, worst) = quality(&files, &root.join("masters"));
    println!("master SSIM against a Lanczos3 reference: mean {mean:.4}, worst {worst:.4}");
}
