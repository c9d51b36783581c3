//! Legality documents: checked by kind, expiry flagged, removal recorded.

use etalase::legality::{LegalityDraft, LegalityKind};

use crate::cli::{add_vendor, etalase};
use crate::support::{AddVendor, draft, registry};

fn doc(kind: LegalityKind, number: &str) -> LegalityDraft {
    LegalityDraft {
        kind,
        number: number.into(),
        issued_on: String::new(),
        valid_until: String::new(),
        note: String::new(),
    }
}

#[test]
fn documents_are_checked_by_kind_and_normalised() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    let pirt = r
        .add_legality(
            &v.id,
            &doc(LegalityKind::Pirt, "P-IRT No. 2063174010128-30"),
        )
        .expect("P-IRT");
    assert_eq!(pirt.number, "206317401012830");
    assert_eq!(
        pirt.valid_until.as_deref(),
        Some("2030-12-31"),
        "read from the number's last two digits"
    );
    assert!(!pirt.expired && pirt.warnings.is_empty());
    let bpom = r
        .add_legality(&v.id, &doc(LegalityKind::Bpom, "BPOM RI MD 123456789012"))
        .expect("BPOM");
    assert_eq!(bpom.number, "MD123456789012");
    let err = r
        .add_legality(&v.id, &doc(LegalityKind::Halal, "KH.123/2024"))
        .expect_err("not a certificate");
    assert_eq!(err.fields()[0].field, "number");
    assert_eq!(err.fields()[0].code, "halal_not_certificate");
    let err = r
        .add_legality(&v.id, &doc(LegalityKind::Bpom, "MD 123"))
        .expect_err("short");
    assert_eq!(err.fields()[0].field, "number");
    assert_eq!(r.legality(&v.id).expect("list").len(), 2);
}

#[test]
fn expired_documents_are_kept_and_flagged() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    let old = r
        .add_legality(&v.id, &doc(LegalityKind::Pirt, "206317401012821"))
        .expect("saved");
    assert!(old.expired);
    assert_eq!(old.warnings[0].code, "pirt_expired");
    let sni = r
        .add_legality(
            &v.id,
            &LegalityDraft {
                valid_until: "01-01-2020".into(),
                issued_on: "2016-01-01".into(),
                ..doc(LegalityKind::Sni, "SNI 01-3140-2010")
            },
        )
        .expect("saved");
    assert!(sni.expired);
    assert_eq!(sni.warnings[0].code, "expired");
    let err = r
        .add_legality(
            &v.id,
            &LegalityDraft {
                issued_on: "2025-05-01".into(),
                valid_until: "2024-01-01".into(),
                ..doc(LegalityKind::Hki, "IDM000123456")
            },
        )
        .expect_err("ends before it starts");
    assert_eq!(err.fields()[0].field, "valid_until");
}

#[test]
fn removal_is_recorded_and_hides_the_document() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    let d = r
        .add_legality(&v.id, &doc(LegalityKind::Halal, "ID31110000123456789"))
        .expect("halal");
    r.remove_legality(&d.id).expect("remove");
    assert!(r.legality(&v.id).expect("list").is_empty());
    let history = r.vendor_history(&v.id).expect("history");
    assert_eq!(history[0].changes[0].field, "legality:halal");
    assert_eq!(
        history[0].changes[0].old.as_deref(),
        Some("ID31110000123456789")
    );
    assert!(matches!(
        r.remove_legality(&d.id),
        Err(etalase::Error::NotFound { .. })
    ));
}

#[test]
fn the_cli_adds_lists_and_removes_documents() {
    let dir = tempfile::tempdir().expect("dir");
    let id = &add_vendor(dir.path(), "Keripik Ani", "makanan-minuman", &[]);
    let added = etalase(
        dir.path(),
        &[
            "legality",
            "add",
            id,
            "--kind",
            "pirt",
            "--number",
            "206317401012830",
            "--json",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&added.stdout).expect("json");
    let bad = etalase(
        dir.path(),
        &["legality", "add", id, "--kind", "pirt", "--number", "12345"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("error: number:"));
    let list: serde_json::Value =
        serde_json::from_slice(&etalase(dir.path(), &["legality", "list", id, "--json"]).stdout)
            .expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert!(
        etalase(
            dir.path(),
            &["legality", "remove", doc["id"].as_str().expect("id")]
        )
        .status
        .success()
    );
    let list: serde_json::Value =
        serde_json::from_slice(&etalase(dir.path(), &["legality", "list", id, "--json"]).stdout)
            .expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(0));
}
