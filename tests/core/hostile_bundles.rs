//! Hostile exchange files (reliability plan T10–T13): each is refused with a reason before
//! anything is written, and the registry stays exactly as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sha2::Digest;
use zip::write::SimpleFileOptions;

use crate::exchange::{Laptop, laptop};
use crate::support::{AddVendor, draft, dump};

/// A small valid bundle from another laptop, and a laptop to import it into.
struct Fixture {
    from: Laptop,
    to: Laptop,
    good: PathBuf,
}

fn fixture() -> Fixture {
    let from = laptop();
    from.r.add_vendor(&draft()).expect("vendor");
    let good = from.export("baik.etalase");
    let to = laptop();
    to.r.add_vendor(&etalase::vendor::VendorDraft {
        name: "Warung Lokal".into(),
        ..draft()
    })
    .expect("local vendor");
    Fixture { from, to, good }
}

/// The manifest and data file inside a bundle.
fn unpack(bundle: &Path, into: &Path) -> (serde_json::Value, PathBuf) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(bundle).expect("open")).expect("zip");
    let mut manifest = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("manifest.json").expect("manifest"),
        &mut manifest,
    )
    .expect("read manifest");
    let data = into.join("data.sqlite");
    let mut out = std::fs::File::create(&data).expect("create");
    std::io::copy(&mut zip.by_name("data.sqlite").expect("data"), &mut out).expect("copy");
    (serde_json::from_str(&manifest).expect("json"), data)
}

fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Packs a manifest and data file into a bundle whose checksums are right: what is wrong is
/// only what the test put there.
fn pack(mut manifest: serde_json::Value, data: &Path, out: &Path) {
    let bytes = std::fs::read(data).expect("data");
    manifest["parts"] = serde_json::json!([{
        "name": "data.sqlite", "bytes": bytes.len(), "sha256": sha256_hex(&bytes)
    }]);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out).expect("create"));
    let opts = SimpleFileOptions::default();
    zip.start_file("manifest.json", opts).expect("entry");
    zip.write_all(manifest.to_string().as_bytes())
        .expect("write");
    zip.start_file("data.sqlite", opts).expect("entry");
    zip.write_all(&bytes).expect("write");
    zip.finish().expect("finish");
}

/// Imports `file` expecting a refusal whose English text contains `reason`, and checks that
/// nothing changed.
#[track_caller]
fn refused(f: &Fixture, file: &Path, reason: &str) {
    let before = dump(&f.to.r);
    let preview = f.to.r.preview_bundle(file, None);
    let import = f.to.r.import_bundle(file, None, None, &[]);
    for outcome in [preview.map(|_| ()), import.map(|_| ())] {
        let err = outcome.expect_err("a hostile bundle is refused");
        assert!(
            err.to_string().contains(reason),
            "expected \"{reason}\" in: {err}"
        );
    }
    assert_eq!(before, dump(&f.to.r), "the registry is unchanged");
    let work = f.to.dir.path().join("exchange-work");
    assert!(
        !work.exists() || std::fs::read_dir(&work).expect("work").next().is_none(),
        "nothing is left unpacked"
    );
}

/// A bundle whose data file was changed by `edit` (on a read-write copy).
fn with_data(f: &Fixture, name: &str, edit: impl FnOnce(&rusqlite::Connection)) -> PathBuf {
    let tmp = tempfile::tempdir().expect("tmp");
    let (manifest, data) = unpack(&f.good, tmp.path());
    {
        let c = rusqlite::Connection::open(&data).expect("open data");
        edit(&c);
    }
    let out = f.from.bundle(name);
    pack(manifest, &data, &out);
    out
}

#[test]
fn t10_entries_with_paths_links_or_strange_names_are_refused_and_nothing_is_written_outside() {
    let f = fixture();
    let outside = f.to.dir.path().join("outside.txt");
    std::fs::write(&outside, "kanari").expect("canary");
    let tmp = tempfile::tempdir().expect("tmp");
    let (manifest, data) = unpack(&f.good, tmp.path());
    let data_bytes = std::fs::read(&data).expect("data");
    for (i, name) in [
        "../../outside.txt",
        "/etc/passwd",
        "..\\..\\x",
        "data\0.sqlite",
        "C:\\Windows\\x",
        "C:data.sqlite",
        "sub/data.sqlite",
    ]
    .iter()
    .enumerate()
    {
        let out = f.from.bundle(&format!("slip{i}.etalase"));
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&out).expect("create"));
        let opts = SimpleFileOptions::default();
        zip.start_file("manifest.json", opts).expect("entry");
        zip.write_all(manifest.to_string().as_bytes())
            .expect("write");
        zip.start_file(*name, opts).expect("entry");
        zip.write_all(&data_bytes).expect("write");
        zip.finish().expect("finish");
        refused(&f, &out, "is not expected");
    }
    // The CVE-2025-29787 shape: a link entry, then a file "through" it.
    let out = f.from.bundle("link.etalase");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&out).expect("create"));
    zip.add_symlink(
        "data.sqlite",
        "../outside.txt",
        SimpleFileOptions::default(),
    )
    .expect("link");
    zip.start_file("manifest.json", SimpleFileOptions::default())
        .expect("entry");
    zip.write_all(manifest.to_string().as_bytes())
        .expect("write");
    zip.finish().expect("finish");
    refused(&f, &out, "a folder or a link");
    assert_eq!(
        std::fs::read_to_string(&outside).expect("canary"),
        "kanari",
        "the file outside is untouched"
    );
    let links = walk(f.to.dir.path())
        .into_iter()
        .filter(|p| p.is_symlink())
        .count();
    assert_eq!(links, 0, "no link was created");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() && !p.is_symlink() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[test]
fn t11_bombs_stop_at_the_caps() {
    let f = fixture();
    let tmp = tempfile::tempdir().expect("tmp");
    let (manifest, _) = unpack(&f.good, tmp.path());
    // (a) 400 MB of zeros deflated to a few hundred KB: a ratio no SQLite file has.
    let out = f.from.bundle("bomb.etalase");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&out).expect("create"));
        let opts =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("manifest.json", opts).expect("entry");
        zip.write_all(manifest.to_string().as_bytes())
            .expect("write");
        zip.start_file("data.sqlite", opts).expect("entry");
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..400 {
            zip.write_all(&zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    assert!(std::fs::metadata(&out).expect("size").len() < 4 << 20);
    refused(&f, &out, "too large");
    // (b) the same stream under a declared size of 1 KB.
    let lying = f.from.bundle("lying.etalase");
    let mut bytes = std::fs::read(&out).expect("bomb");
    let declared = (400u32 << 20).to_le_bytes();
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(4) {
        if bytes[i..i + 4] == declared {
            bytes[i..i + 4].copy_from_slice(&1024u32.to_le_bytes());
            patched += 1;
        }
    }
    assert!(patched >= 1, "the declared size was found");
    std::fs::write(&lying, &bytes).expect("write");
    let before = dump(&f.to.r);
    assert!(f.to.r.preview_bundle(&lying, None).is_err());
    assert_eq!(before, dump(&f.to.r));
    // (c) 200,000 empty entries.
    let many = f.from.bundle("many.etalase");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&many).expect("create"));
        let opts = SimpleFileOptions::default();
        for i in 0..200_000 {
            zip.start_file(format!("{i}"), opts).expect("entry");
        }
        zip.finish().expect("finish");
    }
    refused(&f, &many, "entries instead of 2");
    assert!(
        peak_rss_kib() < 600 * 1024,
        "peak memory {} KiB (the test binary runs other tests beside)",
        peak_rss_kib()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// T12: a bundle cut short or with flipped bytes is refused as damaged, never a panic,
    /// and nothing changes.
    #[test]
    fn t12_truncated_or_flipped_bundles_are_refused(cut in any::<prop::sample::Index>(),
                                                    flips in proptest::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 0..4),
                                                    truncate in any::<bool>()) {
        thread_local! {
            static F: (Fixture, Vec<u8>) = {
                let f = fixture();
                let bytes = std::fs::read(&f.good).expect("good");
                (f, bytes)
            };
        }
        F.with(|(f, good)| {
            let mut bytes = good.clone();
            if truncate || flips.is_empty() {
                bytes.truncate(cut.index(good.len()));
            }
            for (at, x) in &flips {
                let i = at.index(bytes.len().max(1));
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= x;
                }
            }
            let file = f.from.bundle("kaput.etalase");
            std::fs::write(&file, &bytes).expect("write");
            let before = dump(&f.to.r);
            match f.to.r.preview_bundle(&file, None) {
                Err(e) => {
                    let text = e.to_string();
                    assert!(
                        text.contains("damaged or incomplete") || text.contains("refused") || text.contains("too large"),
                        "{text}"
                    );
                }
                // A flip in a byte no reader uses (ZIP padding, a comment) can leave a
                // bundle that is still whole: then its content must be the original's.
                Ok(plan) => assert!(plan.tables.iter().any(|t| t.added > 0)),
            }
            assert_eq!(before, dump(&f.to.r));
        });
    }
}

#[test]
fn t13_a_data_file_with_a_trigger_view_extra_table_or_column_is_refused_by_its_schema() {
    let f = fixture();
    let cases: [(&str, &str); 4] = [
        (
            "trigger",
            "CREATE TRIGGER evil AFTER INSERT ON vendor BEGIN DELETE FROM vendor; END;",
        ),
        (
            "view",
            "CREATE VIEW v AS SELECT load_extension('x') AS y FROM vendor;",
        ),
        ("table", "CREATE TABLE extra (x);"),
        ("column", "ALTER TABLE vendor ADD COLUMN extra TEXT;"),
    ];
    for (name, sql) in cases {
        let file = with_data(&f, &format!("{name}.etalase"), |c| {
            c.execute_batch(sql).expect(name);
        });
        refused(&f, &file, "unexpected tables, columns, triggers or views");
    }
}

#[test]
fn t13_a_corrupted_page_a_huge_value_a_newer_format_or_a_wal_file_is_refused() {
    let f = fixture();
    // (d) a corrupted page: overwrite the middle of the second page.
    let tmp = tempfile::tempdir().expect("tmp");
    let (manifest, data) = unpack(&f.good, tmp.path());
    let mut bytes = std::fs::read(&data).expect("data");
    let page = 4096;
    assert!(bytes.len() > 3 * page);
    for b in &mut bytes[page + 8..page + 200] {
        *b = 0xA5;
    }
    std::fs::write(&data, &bytes).expect("write");
    let out = f.from.bundle("corrupt.etalase");
    pack(manifest.clone(), &data, &out);
    refused(&f, &out, "damaged");

    // (e) a 2 MB business name: over the length any Etalase text can have.
    // Letters that do not compress, so it is the length check that refuses it.
    let mut x = 12345u32;
    let huge: String = (0..(2 << 20))
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(b'a' + ((x >> 16) % 26) as u8)
        })
        .collect();
    let file = with_data(&f, "huge.etalase", |c| {
        c.execute("UPDATE vendor SET business_name = ?1", [huge.as_str()])
            .expect("update");
    });
    refused(&f, &file, "text too long");

    // (f) a data file from a newer format, and a manifest from one.
    let file = with_data(&f, "newer-data.etalase", |c| {
        c.pragma_update(None, "user_version", 99).expect("version");
    });
    refused(&f, &file, "newer Etalase");
    let tmp = tempfile::tempdir().expect("tmp");
    let (mut m, data) = unpack(&f.good, tmp.path());
    m["format"] = serde_json::json!(2);
    m["something_new"] = serde_json::json!({"x": 1});
    let out = f.from.bundle("newer.etalase");
    pack(m, &data, &out);
    refused(&f, &out, "Update Etalase on this laptop first");

    // (g) a data file in write-ahead-log mode.
    let file = with_data(&f, "wal.etalase", |c| {
        c.pragma_update(None, "journal_mode", "WAL").expect("wal");
    });
    refused(&f, &file, "write-ahead log");

    // Not SQLite at all, and a SQLite file that is a registry rather than bundle data.
    let tmp = tempfile::tempdir().expect("tmp");
    let (m, data) = unpack(&f.good, tmp.path());
    std::fs::write(&data, b"not a database at all, just text that is long enough to pass the first read of one hundred bytes............").expect("write");
    let out = f.from.bundle("text.etalase");
    pack(m.clone(), &data, &out);
    refused(&f, &out, "not a SQLite file");
    let registry_file = f.from.dir.path().join(etalase::paths::REGISTRY_FILE);
    f.from.r.checkpoint().expect("checkpoint");
    let out = f.from.bundle("registry.etalase");
    pack(m, &registry_file, &out);
    refused(&f, &out, "refused");
}

#[test]
fn a_row_that_breaks_the_registrys_rules_is_refused_whole() {
    let f = fixture();
    // A product pointing at a vendor that exists nowhere.
    let file = with_data(&f, "orphan.etalase", |c| {
        c.execute(
            "INSERT INTO product (id, vendor_id, name, category_slug, created_at, updated_at, device_id)
             VALUES ('p-orphan', 'no-such-vendor', 'Yatim', 'makanan-minuman', 1, 1, 'x')",
            [],
        )
        .expect("insert");
    });
    let before = dump(&f.to.r);
    let err =
        f.to.r
            .import_bundle(&file, None, None, &[])
            .expect_err("refused");
    assert!(
        err.to_string().contains("break Etalase's data rules"),
        "{err}"
    );
    assert_eq!(before, dump(&f.to.r), "nothing of it was written");
}
