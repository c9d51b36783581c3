//! Merging two records of one business: values, histories, consents, documents and stages.

use etalase::consent::{ConsentForm, Purpose};
use etalase::legality::{LegalityDraft, LegalityKind};
use etalase::stage::{Stage, StageStatus, StageUpdate};
use etalase::vendor::{MergeChoice, VendorDraft, VendorPatch, VendorQuery};

use crate::cli::etalase;
use crate::support::{AddVendor, draft, dump, registry};

fn twins(r: &etalase::Registry) -> (String, String) {
    let keep = r
        .add_vendor(&VendorDraft {
            name: "CV. Berkah Jaya".into(),
            mentor: "Bu Rina".into(),
            ..draft()
        })
        .expect("keep");
    let other = r
        .add_vendor(&VendorDraft {
            name: "berkah jaya".into(),
            owner: "Siti R.".into(),
            phone: "0813-5555-0001".into(),
            brand: "Rasa Berkah".into(),
            nib: "1234567890123".into(),
            kecamatan: "Setiabudi".into(),
            kelurahan: "Kuningan Timur".into(),
            mentor: "Pak Joko".into(),
            ..draft()
        })
        .expect("other");
    (keep.id, other.id)
}

#[test]
fn the_kept_record_fills_its_blanks_and_takes_the_chosen_fields() {
    let (_dir, r) = registry();
    let (keep, other) = twins(&r);
    let preview = r.merge_preview(&keep, &other).expect("preview");
    let field = |f: &str| preview.fields.iter().find(|m| m.field == f);
    assert!(field("brand").expect("brand differs").from_other_by_default);
    assert!(
        !field("mentor")
            .expect("mentor differs")
            .from_other_by_default
    );
    assert!(field("category").is_none(), "equal fields are not listed");

    let choice = MergeChoice {
        from_other: vec!["phone".into(), "kecamatan".into()],
    };
    let merged = r.merge_vendors(&keep, &other, &choice).expect("merge");
    assert_eq!(merged.id, keep);
    assert_eq!(merged.name, "CV. Berkah Jaya", "kept");
    assert_eq!(merged.mentor.as_deref(), Some("Bu Rina"), "kept");
    assert_eq!(merged.brand.as_deref(), Some("Rasa Berkah"), "blank filled");
    assert_eq!(merged.nib.as_deref(), Some("1234567890123"), "blank filled");
    assert_eq!(merged.phone, "+6281355550001", "chosen");
    assert_eq!(merged.kecamatan, "Setiabudi", "chosen");
    assert_eq!(
        merged.kelurahan.as_deref(),
        Some("Kuningan Timur"),
        "the kelurahan moves with its kecamatan"
    );
}

#[test]
fn a_kelurahan_is_not_filled_into_another_kecamatan() {
    let (_dir, r) = registry();
    let (keep, other) = twins(&r);
    let merged = r
        .merge_vendors(&keep, &other, &MergeChoice::default())
        .expect("merge");
    assert_eq!(merged.kecamatan, "Tebet");
    assert_eq!(merged.kelurahan, None);
}

#[test]
fn the_other_record_disappears_but_its_history_stays_with_the_kept_one() {
    let (_dir, r) = registry();
    let (keep, other) = twins(&r);
    r.update_vendor(
        &other,
        &VendorPatch {
            employees: Some("3".into()),
            ..Default::default()
        },
    )
    .expect("edit other");
    r.merge_vendors(&keep, &other, &MergeChoice::default())
        .expect("merge");
    assert_eq!(r.get_vendor(&other).expect_err("gone").code(), "not_found");
    let listed = r.list_vendors(&VendorQuery::default()).expect("list");
    assert_eq!(listed.total, 1);
    let found = r
        .list_vendors(&VendorQuery {
            search: Some("0813".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(found.total, 0, "the other's phone no longer finds anything");
    let history = r.vendor_history(&keep).expect("history");
    let actions: Vec<&str> = history.iter().map(|c| c.action.as_str()).collect();
    assert_eq!(actions, ["merge", "edit", "create", "create"]);
    let merge = &history[0];
    assert!(merge.changes.iter().any(|c| c.field == "merged_from"
        && c.new.as_deref() == Some(&*format!("berkah jaya ({other})"))));
    assert!(merge.changes.iter().any(|c| c.field == "employees"));
}

#[test]
fn consents_documents_and_the_more_advanced_stage_move_over() {
    let (_dir, r) = registry();
    let (keep, other) = twins(&r);
    r.grant_consent(&other, Purpose::Publish, ConsentForm::Written)
        .expect("consent");
    let doc = |n: &str| LegalityDraft {
        kind: LegalityKind::Halal,
        number: n.into(),
        issued_on: String::new(),
        valid_until: String::new(),
        note: String::new(),
    };
    r.add_legality(&keep, &doc("ID31110000123450123"))
        .expect("doc");
    r.add_legality(&other, &doc("ID31110000123450123"))
        .expect("same doc");
    r.add_legality(&other, &doc("ID31110000999990123"))
        .expect("another doc");
    let stage = |stage, status| StageUpdate {
        stage,
        status,
        date: String::new(),
        note: String::new(),
    };
    r.set_stage(&keep, &stage(Stage::Pelatihan, StageStatus::Proses))
        .expect("stage");
    r.set_stage(&other, &stage(Stage::Pelatihan, StageStatus::Selesai))
        .expect("stage");
    r.set_stage(&other, &stage(Stage::Perizinan, StageStatus::Proses))
        .expect("stage");
    r.set_stage(&keep, &stage(Stage::Pemasaran, StageStatus::Selesai))
        .expect("stage");
    r.set_stage(&other, &stage(Stage::Pemasaran, StageStatus::Proses))
        .expect("stage");

    let preview = r.merge_preview(&keep, &other).expect("preview");
    assert_eq!((preview.consents, preview.documents), (1, 2));
    r.merge_vendors(&keep, &other, &MergeChoice::default())
        .expect("merge");

    assert!(r.has_consent(&keep, Purpose::Publish).expect("consent"));
    let mut numbers: Vec<String> = r
        .legality(&keep)
        .expect("docs")
        .into_iter()
        .map(|d| d.number)
        .collect();
    numbers.sort();
    assert_eq!(numbers, ["ID31110000123450123", "ID31110000999990123"]);
    let stages = r.stages(&keep).expect("stages");
    let status = |s: Stage| stages.iter().find(|x| x.stage == s).expect("stage").status;
    assert_eq!(
        status(Stage::Pelatihan),
        StageStatus::Selesai,
        "the other's was further"
    );
    assert_eq!(
        status(Stage::Perizinan),
        StageStatus::Proses,
        "only the other had it"
    );
    assert_eq!(
        status(Stage::Pemasaran),
        StageStatus::Selesai,
        "the kept one's was further"
    );
}

#[test]
fn bad_merges_change_nothing() {
    let (_dir, r) = registry();
    let (keep, other) = twins(&r);
    let before = dump(&r);
    assert_eq!(
        r.merge_vendors(&keep, &keep, &MergeChoice::default())
            .expect_err("itself")
            .code(),
        "conflict"
    );
    let unknown = MergeChoice {
        from_other: vec!["salary".into()],
    };
    assert_eq!(
        r.merge_vendors(&keep, &other, &unknown)
            .expect_err("unknown field")
            .code(),
        "invalid"
    );
    assert_eq!(
        r.merge_vendors(&keep, "missing", &MergeChoice::default())
            .expect_err("missing")
            .code(),
        "not_found"
    );
    assert_eq!(dump(&r), before);
}

#[test]
fn erasing_the_kept_record_erases_what_was_merged_into_it() {
    let (dir, r) = registry();
    let (keep, other) = twins(&r);
    r.merge_vendors(&keep, &other, &MergeChoice::default())
        .expect("merge");
    r.erase_vendor(&keep).expect("erase");
    let all = dump(&r);
    for secret in ["Siti R.", "+6281355550001", "berkah jaya", "Pak Joko"] {
        assert!(!all.contains(secret), "{secret} is still stored");
    }
    drop(r);
    let _ = dir;
}

#[test]
fn the_cli_shows_the_merge_and_needs_yes() {
    let (dir, r) = registry();
    let (keep, other) = twins(&r);
    let before = dump(&r);
    drop(r);
    let out = etalase(dir.path(), &["vendor", "merge", &keep, &other]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("brand"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    let r = etalase::Registry::open(dir.path()).expect("open");
    assert_eq!(dump(&r), before);
    drop(r);
    let out = etalase(
        dir.path(),
        &[
            "vendor", "merge", &keep, &other, "--take", "phone", "--yes", "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(merged["phone"], "+6281355550001");
}
