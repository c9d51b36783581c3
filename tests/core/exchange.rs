//! Exchange between laptops: bundles, the preview, the merge rule, conflicts, clocks,
//! erasures and merged duplicates (docs/EXCHANGE.md).

use std::path::{Path, PathBuf};

use etalase::Registry;
use etalase::exchange::ConflictChoice;
use etalase::exchange::tables::TABLES;
use etalase::stage::{Stage, StageStatus, StageUpdate};
use etalase::vendor::{MergeChoice, VendorDraft, VendorPatch};

use crate::support::{AddVendor, draft, dump};

/// A laptop: its own data directory and registry.
pub struct Laptop {
    pub dir: tempfile::TempDir,
    pub r: Registry,
}

pub fn laptop() -> Laptop {
    let dir = tempfile::tempdir().expect("dir");
    let r = Registry::open(dir.path()).expect("open");
    Laptop { dir, r }
}

impl Laptop {
    pub fn bundle(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Exports everything into a new file and returns its path.
    pub fn export(&self, name: &str) -> PathBuf {
        let out = self.bundle(name);
        self.r.export_bundle(&out, None, None).expect("export");
        out
    }

    /// Exports what changed since `peer` last confirmed.
    pub fn export_for(&self, name: &str, peer: &Laptop) -> PathBuf {
        let out = self.bundle(name);
        self.r
            .export_bundle(&out, Some(peer.r.device_id()), None)
            .expect("export since");
        out
    }

    pub fn import(&self, file: &Path) -> etalase::exchange::BundlePlan {
        self.r.import_bundle(file, None, None, &[]).expect("import")
    }
}

/// What every laptop must agree on: the exchanged rows and their field clocks (not the local
/// change counter, the exchange history or settings).
pub fn content(r: &Registry) -> String {
    r.read(|c| {
        let mut out = String::new();
        for t in TABLES {
            let cols = t.all_columns();
            let mut stmt = c.prepare(&format!(
                "SELECT {} FROM {} ORDER BY {}",
                cols.join(", "),
                t.name,
                t.key.join(", ")
            ))?;
            let n = cols.len();
            let rows = stmt.query_map([], |row| {
                (0..n)
                    .map(|i| {
                        row.get_ref(i).map(|v| match v {
                            rusqlite::types::ValueRef::Blob(b) => format!("blob {}", b.len()),
                            rusqlite::types::ValueRef::Text(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                            other => format!("{other:?}"),
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })?;
            for row in rows {
                out.push_str(&format!("{}: {}\n", t.name, row?.join(" | ")));
            }
        }
        let mut stmt = c.prepare(
            "SELECT tbl, row_key, field, time, device FROM field_clock ORDER BY tbl, row_key, field",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "clock {} {} {} {} {}\n",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?
            ))
        })?;
        for row in rows {
            out.push_str(&row?);
        }
        Ok(out)
    })
    .expect("content")
}

/// Asserts two texts of lines are equal, showing the first lines that differ.
#[track_caller]
pub fn assert_same_lines(x: &str, y: &str, what: &str) {
    if x != y {
        let only = |p: &str, q: &str| {
            let other: std::collections::HashSet<&str> = q.lines().collect();
            p.lines()
                .filter(|l| !other.contains(l))
                .take(6)
                .map(|l| l.chars().take(400).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{what}: they differ\nonly in the first:\n{}\nonly in the second:\n{}",
            only(x, y),
            only(y, x)
        );
    }
}

/// Asserts two laptops agree on every exchanged row and clock.
#[track_caller]
pub fn assert_same(a: &Registry, b: &Registry, what: &str) {
    assert_same_lines(&content(a), &content(b), what);
}

pub fn keripik(name: &str) -> etalase::product::ProductDraft {
    etalase::product::ProductDraft {
        name: name.into(),
        category: "Makanan".into(),
        price: "Rp 25.000".into(),
        weight_g: "250".into(),
        stock: "40".into(),
        ..Default::default()
    }
}

fn rename(r: &Registry, id: &str, name: &str) {
    r.update_vendor(
        id,
        &VendorPatch {
            name: Some(name.into()),
            ..Default::default()
        },
    )
    .expect("rename");
}

#[test]
fn a_whole_registry_arrives_whole_and_a_second_import_changes_nothing() {
    let a = laptop();
    a.r.fill_demo().expect("demo");
    a.r.fill_demo_photos(etalase::demo::DEMO_PHOTOS)
        .expect("photos");
    a.r.fill_demo_planner(etalase::vendor::today_in_jakarta())
        .expect("planner");
    let file = a.export("semua.etalase");
    let b = laptop();
    let preview = b.r.preview_bundle(&file, None).expect("preview");
    assert!(preview.changes && !preview.applied && preview.whole);
    let vendors = preview
        .tables
        .iter()
        .find(|t| t.table == "vendor")
        .expect("vendor counts");
    assert_eq!(vendors.added, 60, "{preview:?}");
    assert!(preview.conflicts.is_empty());
    assert_same_lines(
        &content(&b.r),
        &content(&laptop().r),
        "a preview writes nothing",
    );

    let done = b.import(&file);
    assert!(done.applied);
    assert_eq!(
        done.tables, preview.tables,
        "the import does what the preview said"
    );
    assert_same(&a.r, &b.r, "every row and clock arrived");
    assert_eq!(b.r.check().expect("check"), Vec::<String>::new());
    // Search works on what arrived.
    let found =
        b.r.list_vendors(&etalase::vendor::VendorQuery {
            search: Some("Siti".into()),
            ..Default::default()
        })
        .expect("search");
    assert!(found.total > 0, "imported vendors are searchable");

    let before = dump(&b.r);
    let again = b.import(&file);
    assert!(!again.changes, "{again:?}");
    let after = dump(&b.r);
    let data = |d: &str| {
        d.lines()
            .filter(|l| !l.starts_with("exchange:") && !l.starts_with("peer:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_same_lines(
        &data(&before),
        &data(&after),
        "importing twice changes nothing",
    );
    assert_eq!(b.r.exchanges().expect("history").len(), 2);
    assert!(
        b.r.backups()
            .expect("backups")
            .iter()
            .any(|x| x.reason == "before-import"),
        "a backup was made before the import"
    );
}

#[test]
fn a_laptop_does_not_import_its_own_bundle_and_a_bundle_changed_after_its_preview_is_refused() {
    let a = laptop();
    a.r.add_vendor(&draft()).expect("vendor");
    let file = a.export("a.etalase");
    let err = a.r.import_bundle(&file, None, None, &[]).expect_err("own");
    assert!(err.to_string().contains("this laptop"), "{err}");

    let b = laptop();
    let plan = b.r.preview_bundle(&file, None).expect("preview");
    a.r.add_vendor(&VendorDraft {
        name: "Toko Lain".into(),
        ..draft()
    })
    .expect("another");
    a.r.export_bundle(&file, None, None).expect("export again");
    let before = dump(&b.r);
    let err =
        b.r.import_bundle(&file, None, Some(&plan.sha256), &[])
            .expect_err("changed since the preview");
    assert!(
        err.to_string().contains("changed since the preview"),
        "{err}"
    );
    assert_eq!(before, dump(&b.r));
}

#[test]
fn fields_merge_one_by_one_and_a_conflict_can_be_decided_by_the_person() {
    let a = laptop();
    let b = laptop();
    let v = a.r.add_vendor(&draft()).expect("vendor");
    b.import(&a.export("1.etalase"));

    // Different fields on each laptop: both edits survive.
    a.r.update_vendor(
        &v.id,
        &VendorPatch {
            brand: Some("Rasa Ibu".into()),
            ..Default::default()
        },
    )
    .expect("brand on A");
    b.r.update_vendor(
        &v.id,
        &VendorPatch {
            mentor: Some("Pak Joko".into()),
            ..Default::default()
        },
    )
    .expect("mentor on B");
    // The same field on both: B's edit is later, so the rule keeps it.
    rename(&a.r, &v.id, "Kue Basah Siti A");
    std::thread::sleep(std::time::Duration::from_millis(5));
    rename(&b.r, &v.id, "Kue Basah Siti B");

    let from_b = b.export_for("2.etalase", &a);
    let preview = a.r.preview_bundle(&from_b, None).expect("preview");
    assert_eq!(preview.conflicts.len(), 1, "{:?}", preview.conflicts);
    let c = &preview.conflicts[0];
    assert_eq!(
        (
            c.field.as_str(),
            c.here.as_deref(),
            c.there.as_deref(),
            c.choice.as_str()
        ),
        (
            "business_name",
            Some("Kue Basah Siti A"),
            Some("Kue Basah Siti B"),
            "there"
        )
    );
    assert_eq!(c.there_device, b.r.device_id());
    assert_eq!(c.here_device, a.r.device_id());
    assert!(c.there_at > c.here_at);

    // The person keeps A's name: that choice is a new edit and wins on B too.
    let keep_here = ConflictChoice {
        table: c.table.clone(),
        key: c.key.clone(),
        field: c.field.clone(),
        keep: "here".into(),
    };
    a.r.import_bundle(&from_b, None, Some(&preview.sha256), &[keep_here])
        .expect("import with a choice");
    let merged = a.r.get_vendor(&v.id).expect("vendor");
    assert_eq!(merged.name, "Kue Basah Siti A");
    assert_eq!(merged.brand.as_deref(), Some("Rasa Ibu"));
    assert_eq!(merged.mentor.as_deref(), Some("Pak Joko"));

    b.import(&a.export_for("3.etalase", &b));
    assert_eq!(
        b.r.get_vendor(&v.id).expect("vendor").name,
        "Kue Basah Siti A"
    );
    assert_same(&a.r, &b.r, "after the exchange");
}

#[test]
fn an_edit_made_after_receiving_the_other_laptops_value_is_not_a_conflict() {
    let a = laptop();
    let b = laptop();
    let v = a.r.add_vendor(&draft()).expect("vendor");
    b.import(&a.export("1.etalase"));
    rename(&a.r, &v.id, "Nama dari A");
    b.import(&a.export_for("2.etalase", &b));
    // B saw A's name, then changed it: a later edit, not two people disagreeing.
    rename(&b.r, &v.id, "Nama dari B");
    let plan =
        a.r.preview_bundle(&b.export_for("3.etalase", &a), None)
            .expect("preview");
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    a.import(&b.bundle("3.etalase"));
    assert_eq!(a.r.get_vendor(&v.id).expect("vendor").name, "Nama dari B");
}

#[test]
fn a_wrong_date_on_one_laptop_does_not_reorder_edits() {
    let a = laptop();
    let b = laptop();
    // A's battery died: its clock says 2001.
    a.r.set_clock_offset(-25 * 365 * 24 * 3600 * 1000);
    let v = a.r.add_vendor(&draft()).expect("vendor");
    rename(&a.r, &v.id, "Nama Pertama");
    rename(&a.r, &v.id, "Nama Kedua");
    b.import(&a.export("1.etalase"));
    assert_eq!(b.r.get_vendor(&v.id).expect("on B").name, "Nama Kedua");

    // B edits with the right date; A receives it, then edits again: A's later edit must win
    // everywhere although A's clock is 25 years behind.
    rename(&b.r, &v.id, "Nama dari B");
    a.import(&b.export_for("2.etalase", &a));
    assert_eq!(a.r.get_vendor(&v.id).expect("on A").name, "Nama dari B");
    rename(&a.r, &v.id, "Nama Ketiga dari A");
    b.import(&a.export_for("3.etalase", &b));
    assert_eq!(
        b.r.get_vendor(&v.id).expect("on B").name,
        "Nama Ketiga dari A"
    );
    assert_same(&a.r, &b.r, "after the exchange");

    // A laptop whose clock says 2099: its bundle imports with a warning naming the date.
    let c = laptop();
    c.r.set_clock_offset(73 * 365 * 24 * 3600 * 1000);
    c.r.add_vendor(&VendorDraft {
        name: "Toko Masa Depan".into(),
        ..draft()
    })
    .expect("vendor on C");
    let plan =
        b.r.preview_bundle(&c.export("4.etalase"), None)
            .expect("preview");
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.en.contains("clock looks wrong") && w.en.contains("20")),
        "{:?}",
        plan.warnings
    );
}

#[test]
fn an_erasure_travels_and_an_old_bundle_cannot_bring_the_person_back() {
    let a = laptop();
    let b = laptop();
    let v =
        a.r.add_vendor(&VendorDraft {
            nik: "3174015205850007".into(),
            ..draft()
        })
        .expect("vendor");
    let old = a.export("lama.etalase");
    b.import(&old);
    assert!(b.r.get_vendor(&v.id).is_ok());
    let from_b_old = b.export("b-lama.etalase");

    a.r.erase_vendor(&v.id).expect("erase on A");
    let plan = b.import(&a.export_for("hapus.etalase", &b));
    assert_eq!(plan.erased_here, 1);
    assert!(b.r.get_vendor(&v.id).is_err(), "erased on B too");
    assert!(
        !dump(&b.r).contains("3174015205850007"),
        "no trace of the NIK"
    );

    // Old bundles made before the erasure, imported anywhere, do not bring it back.
    let again =
        a.r.import_bundle(&from_b_old, None, None, &[])
            .expect("old from B");
    assert!(again.erased_rows > 0);
    assert!(a.r.get_vendor(&v.id).is_err());
    let c = laptop();
    c.import(&a.export("c.etalase"));
    c.import(&old);
    assert!(
        c.r.get_vendor(&v.id).is_err(),
        "the erasure came first and holds"
    );
    assert_same(&a.r, &b.r, "after the exchange");
}

#[test]
fn duplicates_merged_on_one_laptop_and_edited_on_another_end_the_same_everywhere() {
    let a = laptop();
    let b = laptop();
    let keep = a.r.add_vendor(&draft()).expect("keep");
    let other =
        a.r.add_vendor(&VendorDraft {
            name: "Kue Basah Siti".into(),
            ..draft()
        })
        .expect("other");
    let product =
        a.r.create_product(&other.id, &keripik("Keripik Bu Siti"))
            .expect("product of the other record");
    b.import(&a.export("1.etalase"));
    a.r.merge_vendors(&keep.id, &other.id, &MergeChoice::default())
        .expect("merge on A");
    b.r.update_vendor(
        &other.id,
        &VendorPatch {
            mentor: Some("Bu Rina".into()),
            ..Default::default()
        },
    )
    .expect("edit on B");
    a.import(&b.export_for("2.etalase", &a));
    b.import(&a.export_for("3.etalase", &b));
    assert_same(&a.r, &b.r, "after the exchange");
    for r in [&a.r, &b.r] {
        let into: Option<String> = r
            .read(|c| {
                Ok(c.query_row(
                    "SELECT merged_into FROM vendor WHERE id = ?1 AND deleted_at IS NOT NULL",
                    [&other.id],
                    |row| row.get(0),
                )?)
            })
            .expect("the other record is a tombstone");
        assert_eq!(into.as_deref(), Some(keep.id.as_str()));
        assert_eq!(
            r.get_product(&product.id).expect("product").vendor_id,
            keep.id,
            "the merged record's products belong to the kept one"
        );
        assert_eq!(
            r.get_vendor(&keep.id).expect("kept").mentor.as_deref(),
            None,
            "the kept record is not changed by the edit of the merged one"
        );
    }
}

#[test]
fn the_same_stage_set_on_two_laptops_keeps_one_live_row() {
    let a = laptop();
    let b = laptop();
    let v = a.r.add_vendor(&draft()).expect("vendor");
    b.import(&a.export("1.etalase"));
    let set = |r: &Registry, note: &str| {
        r.set_stage(
            &v.id,
            &StageUpdate {
                stage: Stage::Pelatihan,
                status: StageStatus::Selesai,
                date: String::new(),
                note: note.into(),
            },
        )
        .expect("stage")
    };
    set(&a.r, "kelas di PPKUKM");
    std::thread::sleep(std::time::Duration::from_millis(5));
    set(&b.r, "kelas di kecamatan");
    a.import(&b.export_for("2.etalase", &a));
    b.import(&a.export_for("3.etalase", &b));
    assert_same(&a.r, &b.r, "after the exchange");
    for r in [&a.r, &b.r] {
        let stages = r.stages(&v.id).expect("stages");
        let training = stages
            .iter()
            .find(|s| s.stage == Stage::Pelatihan)
            .expect("training");
        assert_eq!(
            training.note.as_deref(),
            Some("kelas di kecamatan"),
            "the newer"
        );
    }
}

#[test]
fn changes_since_the_last_exchange_are_all_that_travels_and_nothing_acknowledged_is_skipped() {
    let a = laptop();
    let b = laptop();
    for i in 0..5 {
        a.r.add_vendor(&VendorDraft {
            name: format!("Toko {i}"),
            ..draft()
        })
        .expect("vendor");
    }
    b.import(&a.export_for("1.etalase", &b));
    // B tells A what it got; A then sends only what is new.
    a.import(&b.export_for("2.etalase", &a));
    let new =
        a.r.add_vendor(&VendorDraft {
            name: "Toko Baru".into(),
            ..draft()
        })
        .expect("new");
    let report =
        a.r.export_bundle(&a.bundle("3.etalase"), Some(b.r.device_id()), None)
            .expect("export");
    assert!(!report.whole);
    assert_eq!(report.counts["vendor"], 1, "{report:?}");
    b.import(&a.bundle("3.etalase"));
    assert!(b.r.get_vendor(&new.id).is_ok());
    assert_same(&a.r, &b.r, "after the exchange");
}

#[test]
fn the_windows_export_names_a_new_file_and_a_bad_choice_is_refused() {
    let a = laptop();
    a.r.add_vendor(&draft()).expect("vendor");
    let out = tempfile::tempdir().expect("out");
    let first =
        a.r.export_bundle_into(out.path(), None, None)
            .expect("first");
    let second =
        a.r.export_bundle_into(out.path(), None, None)
            .expect("second");
    assert_ne!(first.file, second.file, "never over an earlier file");
    let id = a.r.device_id();
    assert!(
        first
            .file
            .ends_with(&format!("{}.etalase", &id[id.len() - 6..])),
        "{}",
        first.file
    );
    let b = laptop();
    let before = dump(&b.r);
    let bad = ConflictChoice {
        table: "vendor".into(),
        key: "x".into(),
        field: "business_name".into(),
        keep: "both".into(),
    };
    let err =
        b.r.import_bundle(Path::new(&first.file), None, None, &[bad])
            .expect_err("an unknown choice");
    assert!(err.to_string().contains("unknown"), "{err}");
    assert_eq!(before, dump(&b.r));
}

#[test]
fn a_sealed_bundle_needs_its_passphrase_and_refuses_a_wrong_one() {
    let a = laptop();
    a.r.add_vendor(&draft()).expect("vendor");
    let file = a.bundle("rahasia.etalase");
    let short = a.r.export_bundle(&file, None, Some("pendek"));
    assert!(short.is_err(), "a passphrase under 8 characters is refused");
    let report =
        a.r.export_bundle(&file, None, Some("kata sandi panjang"))
            .expect("sealed");
    assert!(report.sealed);
    let bytes = std::fs::read(&file).expect("read");
    assert!(
        !bytes.windows(13).any(|w| w == b"Kue Basah Bu "),
        "nothing readable inside"
    );
    let b = laptop();
    let before = dump(&b.r);
    let none = b.r.preview_bundle(&file, None).expect_err("no passphrase");
    assert!(none.to_string().contains("passphrase"), "{none}");
    let wrong =
        b.r.preview_bundle(&file, Some("kata sandi salah"))
            .expect_err("wrong passphrase");
    assert!(wrong.to_string().contains("passphrase"), "{wrong}");
    assert_eq!(before, dump(&b.r));
    b.r.import_bundle(&file, Some("kata sandi panjang"), None, &[])
        .expect("right passphrase");
    assert_same(&a.r, &b.r, "after the exchange");
}

mod convergence {
    //! Random edit histories on three laptops, exchanged in random orders, converge.

    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Register(usize, u8),
        Rename(usize, usize, u8),
        Mentor(usize, usize, u8),
        Archive(usize, usize),
        Stage(usize, usize, u8),
        Product(usize, usize, u8),
        Price(usize, usize, u16),
        Merge(usize, usize, usize),
        Erase(usize, usize),
        /// From, to, incremental.
        Exchange(usize, usize, bool),
    }

    fn step() -> impl Strategy<Value = Step> {
        let l = 0..3usize;
        // Few vendors, so laptops often edit the same ones between exchanges.
        let i = 0..3usize;
        prop_oneof![
            3 => (l.clone(), any::<u8>()).prop_map(|(l, n)| Step::Register(l, n)),
            5 => (l.clone(), i.clone(), any::<u8>()).prop_map(|(l, i, n)| Step::Rename(l, i, n)),
            2 => (l.clone(), i.clone(), any::<u8>()).prop_map(|(l, i, n)| Step::Mentor(l, i, n)),
            1 => (l.clone(), i.clone()).prop_map(|(l, i)| Step::Archive(l, i)),
            2 => (l.clone(), i.clone(), 0..3u8).prop_map(|(l, i, s)| Step::Stage(l, i, s)),
            2 => (l.clone(), i.clone(), any::<u8>()).prop_map(|(l, i, n)| Step::Product(l, i, n)),
            2 => (l.clone(), i.clone(), 1..500u16).prop_map(|(l, i, p)| Step::Price(l, i, p)),
            1 => (l.clone(), i.clone(), i.clone()).prop_map(|(l, i, j)| Step::Merge(l, i, j)),
            1 => (l.clone(), i.clone()).prop_map(|(l, i)| Step::Erase(l, i)),
            5 => (l.clone(), l, any::<bool>()).prop_map(|(a, b, inc)| Step::Exchange(a, b, inc)),
        ]
    }

    fn live_vendors(r: &Registry) -> Vec<String> {
        r.read(|c| {
            Ok(
                c.prepare("SELECT id FROM vendor WHERE deleted_at IS NULL ORDER BY id")?
                    .query_map([], |row| row.get(0))?
                    .collect::<Result<_, _>>()?,
            )
        })
        .expect("vendors")
    }

    fn live_products(r: &Registry) -> Vec<String> {
        r.read(|c| {
            Ok(
                c.prepare("SELECT id FROM product WHERE deleted_at IS NULL ORDER BY id")?
                    .query_map([], |row| row.get(0))?
                    .collect::<Result<_, _>>()?,
            )
        })
        .expect("products")
    }

    /// What the steps did that must survive: vendors registered, merges and erasures.
    #[derive(Default)]
    struct Record {
        registered: Vec<String>,
        merged: Vec<(String, String)>,
        erased: Vec<String>,
    }

    fn run(laptops: &[Laptop], steps: &[Step]) -> Record {
        let mut record = Record::default();
        let mut files = 0u32;
        let mut exchange = |from: &Laptop, to: &Laptop, incremental: bool| {
            files += 1;
            let name = format!("{files}.etalase");
            let file = if incremental {
                from.export_for(&name, to)
            } else {
                from.export(&name)
            };
            to.import(&file);
        };
        for s in steps {
            // Edits that do not apply (no such vendor, or refused) are simply skipped: what
            // matters is that whatever was done converges.
            match *s {
                Step::Register(l, n) => {
                    if let Ok(v) = laptops[l].r.add_vendor(&VendorDraft {
                        name: format!("Toko {n} dari {l}"),
                        ..draft()
                    }) {
                        record.registered.push(v.id);
                    }
                }
                Step::Rename(l, i, n) => {
                    if let Some(v) = live_vendors(&laptops[l].r).get(i) {
                        let _ = laptops[l].r.update_vendor(
                            v,
                            &VendorPatch {
                                name: Some(format!("Usaha {n} oleh {l}")),
                                ..Default::default()
                            },
                        );
                    }
                }
                Step::Mentor(l, i, n) => {
                    if let Some(v) = live_vendors(&laptops[l].r).get(i) {
                        let _ = laptops[l].r.update_vendor(
                            v,
                            &VendorPatch {
                                mentor: Some(format!("Pendamping {n}")),
                                ..Default::default()
                            },
                        );
                    }
                }
                Step::Archive(l, i) => {
                    if let Some(v) = live_vendors(&laptops[l].r).get(i) {
                        let _ = laptops[l].r.archive_vendor(v);
                    }
                }
                Step::Stage(l, i, st) => {
                    if let Some(v) = live_vendors(&laptops[l].r).get(i) {
                        let _ = laptops[l].r.set_stage(
                            v,
                            &StageUpdate {
                                stage: Stage::Pelatihan,
                                status: [
                                    StageStatus::Belum,
                                    StageStatus::Proses,
                                    StageStatus::Selesai,
                                ][usize::from(st)],
                                date: String::new(),
                                note: format!("catatan {l}"),
                            },
                        );
                    }
                }
                Step::Product(l, i, n) => {
                    if let Some(v) = live_vendors(&laptops[l].r).get(i) {
                        let _ = laptops[l]
                            .r
                            .create_product(v, &keripik(&format!("Keripik {n} dari {l}")));
                    }
                }
                Step::Price(l, i, p) => {
                    if let Some(id) = live_products(&laptops[l].r).get(i)
                        && let Ok(mut d) = laptops[l].r.product_draft(id)
                    {
                        d.price = format!("{}", u32::from(p) * 1000);
                        let _ = laptops[l].r.update_product(id, &d);
                    }
                }
                Step::Merge(l, i, j) => {
                    let live = live_vendors(&laptops[l].r);
                    if let (Some(a), Some(b)) = (live.get(i), live.get(j))
                        && a != b
                        && laptops[l]
                            .r
                            .merge_vendors(a, b, &MergeChoice::default())
                            .is_ok()
                    {
                        record.merged.push((b.clone(), a.clone()));
                    }
                }
                Step::Erase(l, i) => {
                    if let Some(v) = live_vendors(&laptops[l].r).get(i) {
                        laptops[l].r.erase_vendor(v).expect("erase");
                        record.erased.push(v.clone());
                    }
                }
                Step::Exchange(a, b, inc) => {
                    if a != b {
                        exchange(&laptops[a], &laptops[b], inc);
                    }
                }
            }
        }
        // Then everyone exchanges with everyone, twice round, incrementally: all converge.
        for _ in 0..2 {
            for a in 0..3 {
                for b in 0..3 {
                    if a != b {
                        exchange(&laptops[a], &laptops[b], true);
                    }
                }
            }
        }
        record
    }

    /// Every registered vendor is on the laptop (live, or a tombstone merged into another),
    /// unless it was erased, or merged into one that was.
    fn nothing_lost(r: &Registry, record: &Record) {
        let mut gone: std::collections::HashSet<String> = record.erased.iter().cloned().collect();
        loop {
            let before = gone.len();
            for (other, keep) in &record.merged {
                if gone.contains(keep) {
                    gone.insert(other.clone());
                }
            }
            if gone.len() == before {
                break;
            }
        }
        for id in &record.registered {
            let here: bool = r
                .read(|c| {
                    Ok(c.query_row(
                        "SELECT EXISTS (SELECT 1 FROM vendor WHERE id = ?1)",
                        [id],
                        |x| x.get(0),
                    )?)
                })
                .expect("exists");
            assert_eq!(here, !gone.contains(id), "vendor {id}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

        #[test]
        fn three_laptops_converge_whatever_the_order(steps in proptest::collection::vec(step(), 1..30)) {
            let laptops = [laptop(), laptop(), laptop()];
            let record = run(&laptops, &steps);
            assert_same(&laptops[0].r, &laptops[1].r, "laptops 0 and 1");
            nothing_lost(&laptops[0].r, &record);
            assert_same(&laptops[0].r, &laptops[2].r, "laptops 0 and 2");
            for l in &laptops {
                prop_assert_eq!(l.r.check().expect("check"), Vec::<String>::new());
            }
        }

        #[test]
        fn the_order_of_imports_does_not_matter(n in 1..4u8, swap in any::<bool>()) {
            // Three laptops edit the same vendor; the third receives the others' bundles in
            // either order and ends the same.
            let [a, b, c] = [laptop(), laptop(), laptop()];
            let v = a.r.add_vendor(&draft()).expect("vendor");
            let first = a.export("0.etalase");
            b.import(&first);
            c.import(&first);
            for i in 0..n {
                rename(&a.r, &v.id, &format!("Nama A {i}"));
                rename(&b.r, &v.id, &format!("Nama B {i}"));
            }
            let (fa, fb) = (a.export_for("a.etalase", &c), b.export_for("b.etalase", &c));
            let d = laptop();
            d.import(&first);
            if swap {
                c.import(&fa);
                c.import(&fb);
                d.import(&fb);
                d.import(&fa);
            } else {
                c.import(&fb);
                c.import(&fa);
                d.import(&fa);
                d.import(&fb);
            }
            assert_same(&c.r, &d.r, "either order");
            // And importing one of them again changes nothing.
            let again = c.r.preview_bundle(&fa, None).expect("preview");
            prop_assert!(!again.changes);
        }
    }

    proptest! {
        // Each case makes up to 8 edits with a full exchange (and its backups) after each.
        #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

        #[test]
        fn wrong_dates_of_years_do_not_reorder_edits(
            offsets in proptest::collection::vec(-30 * 365 * 24i64..=0, 2..=3),
            edits in proptest::collection::vec((0..3usize, any::<u8>()), 1..8),
        ) {
            // Each laptop's clock is off by up to 30 years in the past. Every edit is followed
            // by a full exchange, so each edit is made knowing all earlier ones: the last
            // edit made must be the name everywhere, whatever the clocks say.
            let laptops: Vec<Laptop> = offsets.iter().map(|_| laptop()).collect();
            for (l, hours) in laptops.iter().zip(&offsets) {
                l.r.set_clock_offset(hours * 3600 * 1000);
            }
            let v = laptops[0].r.add_vendor(&draft()).expect("vendor");
            let sync = |n: &mut u32| {
                for a in 0..laptops.len() {
                    for b in 0..laptops.len() {
                        if a != b {
                            *n += 1;
                            laptops[b].import(&laptops[a].export_for(&format!("{n}.etalase"), &laptops[b]));
                        }
                    }
                }
            };
            let mut n = 0;
            sync(&mut n);
            let mut last = String::new();
            for (who, x) in &edits {
                let l = &laptops[who % laptops.len()];
                last = format!("Nama {x} oleh {}", who % laptops.len());
                rename(&l.r, &v.id, &last);
                sync(&mut n);
            }
            for l in &laptops {
                prop_assert_eq!(&l.r.get_vendor(&v.id).expect("vendor").name, &last);
            }
        }
    }
}

#[test]
fn every_table_with_a_change_clock_is_exchanged_with_all_its_columns() {
    let (_dir, r) = crate::support::registry();
    // Settings and bookkeeping of this laptop alone.
    // (Categories are reference data seeded the same on every laptop.)
    const LOCAL: [&str; 3] = ["catalogue_asset", "category", "exchange"];
    r.read(|c| {
        let tables: Vec<String> = c
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
            .query_map([], |x| x.get(0))?
            .collect::<Result<_, _>>()?;
        for name in tables {
            let cols: Vec<String> = c
                .prepare(&format!("SELECT name FROM pragma_table_info('{name}')"))?
                .query_map([], |x| x.get(0))?
                .collect::<Result<_, _>>()?;
            let listed = TABLES.iter().find(|t| t.name == name);
            if cols.iter().any(|c| c == "device_id") && !LOCAL.contains(&name.as_str()) {
                assert!(
                    listed.is_some(),
                    "{name} has a change clock but is not exchanged"
                );
            }
            if let Some(t) = listed {
                let mut want: Vec<&str> = t.all_columns();
                want.sort_unstable();
                // `vendor.seq` is a local row number (the search index's rowid).
                let mut have: Vec<&str> = cols
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !(name == "vendor" && *c == "seq"))
                    .collect();
                have.sort_unstable();
                assert_eq!(have, want, "{name}: every column travels");
            }
        }
        Ok(())
    })
    .expect("schema");
}
