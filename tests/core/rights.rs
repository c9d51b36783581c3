//! A person's rights: a copy of everything, and erasure that leaves nothing readable.

use etalase::Registry;
use etalase::consent::{ConsentForm, Purpose};
use etalase::legality::{LegalityDraft, LegalityKind};
use etalase::stage::{Stage, StageStatus, StageUpdate};
use etalase::vendor::{VendorDraft, VendorPatch};

use crate::cli::{add_vendor, etalase};
use crate::support::{AddVendor, draft};

/// Unique strings put in every place the vendor's data can live.
const CANARIES: &[&str] = &[
    "zqxcanary",
    "canarywati",
    "98765431",
    "3174015205859876",
    "canaryzqstreet",
    "44443321",
    "canarynote",
];

fn files_containing(dir: &std::path::Path, needle: &str) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let bytes = std::fs::read(&path).expect("read").to_ascii_lowercase();
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                hits.push(path.display().to_string());
            }
        }
    }
    hits
}

fn fill_canaries(r: &Registry) -> String {
    r.add_vendor(&draft()).expect("a neighbour that stays");
    let v = r
        .add_vendor(&VendorDraft {
            name: "Kue Zqxcanary Basah".into(),
            owner: "Wulan Canarywati".into(),
            phone: "0812-9876-5431".into(),
            nik: "3174015205859876".into(),
            street: "Jl. Canaryzqstreet 9".into(),
            home_address: "Jl. Canaryzqstreet 10".into(),
            kecamatan: "Tebet".into(),
            ..draft()
        })
        .expect("vendor");
    r.update_vendor(
        &v.id,
        &VendorPatch {
            phone: Some("0857-4444-3321".into()),
            ..Default::default()
        },
    )
    .expect("edit");
    r.set_stage(
        &v.id,
        &StageUpdate {
            stage: Stage::Pelatihan,
            status: StageStatus::Selesai,
            date: String::new(),
            note: "canarynote".into(),
        },
    )
    .expect("stage");
    r.add_legality(
        &v.id,
        &LegalityDraft {
            kind: LegalityKind::Other,
            number: "CANARYNOTE-1".into(),
            issued_on: String::new(),
            valid_until: String::new(),
            note: String::new(),
        },
    )
    .expect("document");
    r.grant_consent(&v.id, Purpose::Publish, ConsentForm::Written)
        .expect("consent");
    v.id
}

#[test]
fn the_export_holds_everything_including_the_nik() {
    let dir = tempfile::tempdir().expect("dir");
    let r = Registry::open(dir.path()).expect("open");
    let id = fill_canaries(&r);
    let export = r.export_person(&id).expect("export");
    let json = serde_json::to_string(&export).expect("json").to_lowercase();
    for canary in CANARIES {
        assert!(json.contains(canary), "the export lacks {canary}");
    }
    assert!(
        export.history.len() >= 3
            && export.legality.len() == 1
            && export.consent_history.len() == 1
    );
}

#[test]
fn erasure_leaves_no_readable_trace_in_any_file_and_an_audit_entry_without_data() {
    let dir = tempfile::tempdir().expect("dir");
    let r = Registry::open(dir.path()).expect("open");
    let id = fill_canaries(&r);
    r.checkpoint()
        .expect("put everything in the main file first");
    assert!(
        !files_containing(dir.path(), "zqxcanary").is_empty(),
        "the canary is there before erasure"
    );

    r.erase_vendor(&id).expect("erase");
    assert!(matches!(
        r.get_vendor(&id),
        Err(etalase::Error::NotFound { .. })
    ));
    let (audit_rows, subject): (i64, String) = r
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*), max(subject_id) FROM audit WHERE action = 'erase'",
                [],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )?)
        })
        .expect("audit");
    assert_eq!(
        (audit_rows, subject.as_str()),
        (1, id.as_str()),
        "one audit entry, naming only the id"
    );
    let tamper = r.read(|c| Ok(c.execute("DELETE FROM audit", [])?));
    assert!(tamper.is_err(), "the audit log cannot be deleted");
    assert_eq!(
        r.list_vendors(&Default::default()).expect("list").total,
        1,
        "the neighbour stays"
    );
    assert!(r.check().expect("check").is_empty());
    drop(r);

    for canary in CANARIES {
        assert_eq!(
            files_containing(dir.path(), canary),
            Vec::<String>::new(),
            "{canary} is still readable"
        );
    }
}

#[test]
fn the_cli_erases_only_with_yes_and_exports_a_persons_data() {
    let dir = tempfile::tempdir().expect("dir");
    let id = &add_vendor(
        dir.path(),
        "Jamu Ani",
        "kesehatan",
        &["--nik", "3171015205850007"],
    );
    let export = etalase(dir.path(), &["vendor", "personal-data", id]);
    assert!(
        String::from_utf8_lossy(&export.stdout).contains("3171015205850007"),
        "the copy has the full NIK"
    );
    let refused = etalase(dir.path(), &["vendor", "erase", id]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    assert!(
        etalase(dir.path(), &["vendor", "show", id])
            .status
            .success(),
        "still there"
    );
    assert!(
        etalase(dir.path(), &["vendor", "erase", id, "--yes"])
            .status
            .success()
    );
    assert!(
        !etalase(dir.path(), &["vendor", "show", id])
            .status
            .success(),
        "gone"
    );
}
