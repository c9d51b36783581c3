//! Consent under UU 27/2022: grants, withdrawals, and what publishing rules read.

use etalase::consent::{ConsentForm, Purpose};

use crate::cli::{add_vendor, etalase};
use crate::support::{AddVendor, draft, registry};

#[test]
fn nothing_is_consented_until_granted_and_a_withdrawal_ends_it() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    assert!(
        Purpose::ALL
            .iter()
            .all(|p| !r.has_consent(&v.id, *p).expect("read")),
        "no consent by default"
    );

    let granted = r
        .grant_consent(&v.id, Purpose::Publish, ConsentForm::Written)
        .expect("grant");
    let active = granted.active.expect("in force");
    assert_eq!(active.notice_version, etalase::consent::NOTICE_VERSION);
    assert_eq!(active.form, ConsentForm::Written);
    assert!(r.has_consent(&v.id, Purpose::Publish).expect("read"));
    assert!(
        !r.has_consent(&v.id, Purpose::Contact).expect("read"),
        "one purpose does not imply another"
    );

    let again = r
        .grant_consent(&v.id, Purpose::Publish, ConsentForm::Recorded)
        .expect("again");
    assert_eq!(
        again.active.expect("same").id,
        active.id,
        "granting twice keeps the first grant"
    );

    let withdrawn = r
        .withdraw_consent(&v.id, Purpose::Publish)
        .expect("withdraw");
    assert!(withdrawn.active.is_none());
    assert!(
        withdrawn
            .last_withdrawn
            .expect("kept")
            .withdrawn_at
            .is_some()
    );
    assert!(!r.has_consent(&v.id, Purpose::Publish).expect("read"));

    r.grant_consent(&v.id, Purpose::Publish, ConsentForm::Electronic)
        .expect("grant again");
    let history = r.consent_history(&v.id).expect("history");
    assert_eq!(history.len(), 2, "the withdrawn grant stays on record");
    assert!(history[0].withdrawn_at.is_none() && history[1].withdrawn_at.is_some());
}

#[test]
fn every_purpose_has_a_notice_in_both_languages() {
    for p in Purpose::ALL {
        let n = p.notice();
        assert!(n.id.len() > 40 && n.en.len() > 40 && n.id != n.en, "{p:?}");
    }
    assert!(Purpose::parse("people-photos").is_ok());
    assert!(Purpose::parse("marketing").is_err());
}

#[test]
fn the_cli_grants_withdraws_and_shows_consent() {
    let dir = tempfile::tempdir().expect("dir");
    let id = &add_vendor(dir.path(), "Jamu Ani", "kesehatan", &[]);
    assert!(
        etalase(
            dir.path(),
            &["consent", "grant", id, "--purpose", "publish"]
        )
        .status
        .success()
    );
    assert!(
        etalase(
            dir.path(),
            &[
                "consent",
                "grant",
                id,
                "--purpose",
                "people-photos",
                "--form",
                "recorded"
            ]
        )
        .status
        .success()
    );
    assert!(
        etalase(
            dir.path(),
            &["consent", "withdraw", id, "--purpose", "publish"]
        )
        .status
        .success()
    );
    let status: serde_json::Value =
        serde_json::from_slice(&etalase(dir.path(), &["consent", "show", id, "--json"]).stdout)
            .expect("json");
    let by = |p: &str| {
        status
            .as_array()
            .expect("array")
            .iter()
            .find(|s| s["purpose"] == p)
            .expect(p)
            .clone()
    };
    assert!(by("publish")["active"].is_null());
    assert!(!by("publish")["last_withdrawn"].is_null());
    assert_eq!(by("people_photos")["active"]["form"], "recorded");
    let bad = etalase(
        dir.path(),
        &["consent", "grant", id, "--purpose", "marketing"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("purpose"));
}
