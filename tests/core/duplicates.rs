//! Possible duplicates are caught before saving, and reported across the registry.

use etalase::Error;
use etalase::vendor::{Duplicates, VendorDraft};

use crate::cli::etalase;
use crate::support::{dump, registry};

fn refused_as_duplicate(
    result: etalase::Result<etalase::vendor::Vendor>,
) -> Vec<etalase::vendor::DuplicateCandidate> {
    match result {
        Err(Error::PossibleDuplicates(found)) => found,
        other => panic!("expected possible duplicates, got {other:?}"),
    }
}

fn vendor(name: &str, phone: &str, kecamatan: &str) -> VendorDraft {
    VendorDraft {
        name: name.into(),
        owner: "Siti Rahayu".into(),
        phone: phone.into(),
        kecamatan: kecamatan.into(),
        category: "makanan-minuman".into(),
        ..Default::default()
    }
}

#[test]
fn the_same_phone_written_another_way_is_caught_and_nothing_is_written() {
    let (_dir, r) = registry();
    let first = r
        .create_vendor(
            &vendor("Kue Basah Bu Siti", "0812-3456-7890", "Tebet"),
            Duplicates::Refuse,
        )
        .expect("first");
    let before = dump(&r);
    let found = refused_as_duplicate(r.create_vendor(
        &vendor("Jamu Gendong Wati", "+62 812 3456 7890", "Cakung"),
        Duplicates::Refuse,
    ));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].vendor.id, first.id);
    assert_eq!(
        found[0]
            .reasons
            .iter()
            .map(|r| r.code.as_str())
            .collect::<Vec<_>>(),
        ["same_phone"]
    );
    assert_eq!(dump(&r), before, "a refused duplicate writes nothing");
    let err = r
        .create_vendor(
            &vendor("Jamu Gendong Wati", "+62 812 3456 7890", "Cakung"),
            Duplicates::Refuse,
        )
        .expect_err("again");
    let payload = err.payload();
    assert_eq!(payload.code, "possible_duplicates");
    assert_eq!(
        payload.duplicates.len(),
        1,
        "the UI receives the candidates"
    );
    r.create_vendor(
        &vendor("Jamu Gendong Wati", "+62 812 3456 7890", "Cakung"),
        Duplicates::Allow,
    )
    .expect("saved once a person says it is another business");
}

#[test]
fn a_similar_name_in_the_same_kecamatan_is_caught_but_not_elsewhere() {
    let (_dir, r) = registry();
    r.create_vendor(
        &vendor("CV. Berkah Jaya", "0812-1111-2222", "Gambir"),
        Duplicates::Refuse,
    )
    .expect("first");
    let found = refused_as_duplicate(r.create_vendor(
        &vendor("berkah jaya", "0813-3333-4444", "Gambir"),
        Duplicates::Refuse,
    ));
    assert_eq!(found[0].reasons[0].code, "similar_name");
    assert_eq!(found[0].name_score, 1.0);
    r.create_vendor(
        &vendor("berkah jaya", "0813-3333-4444", "Cakung"),
        Duplicates::Refuse,
    )
    .expect("the same name in another kecamatan is another business");
    r.create_vendor(
        &vendor("Batik Pak Budi", "0813-5555-6666", "Gambir"),
        Duplicates::Refuse,
    )
    .expect("a different name in the same kecamatan is fine");
}

#[test]
fn archived_vendors_still_count_as_possible_duplicates() {
    let (_dir, r) = registry();
    let v = r
        .create_vendor(
            &vendor("Dodol Betawi Ani", "0812-1111-2222", "Gambir"),
            Duplicates::Refuse,
        )
        .expect("first");
    r.archive_vendor(&v.id).expect("archive");
    let found = refused_as_duplicate(r.create_vendor(
        &vendor("Dodol Betawi Ani", "0812-1111-2222", "Gambir"),
        Duplicates::Refuse,
    ));
    assert!(
        found[0].vendor.archived,
        "staff should restore the archived record instead"
    );
    assert_eq!(found[0].reasons.len(), 2, "same phone and same name");
}

#[test]
fn the_registry_report_lists_each_likely_pair_once_with_its_reasons() {
    let (_dir, r) = registry();
    let a = r
        .create_vendor(
            &vendor("Toko Sumber Rejeki", "0812-1111-2222", "Menteng"),
            Duplicates::Allow,
        )
        .expect("a");
    let b = r
        .create_vendor(
            &vendor("Sumber Rejeki", "0812-1111-2222", "Menteng"),
            Duplicates::Allow,
        )
        .expect("b");
    let c = r
        .create_vendor(
            &vendor("Kue Lapis Legit", "0857-9999-0000", "Cakung"),
            Duplicates::Allow,
        )
        .expect("c");
    let d = r
        .create_vendor(
            &vendor("Kue Lapis Legit Ibu", "0857-9999-0000", "Ciracas"),
            Duplicates::Allow,
        )
        .expect("d");
    r.create_vendor(
        &vendor("Batik Betawi", "0821-4444-5555", "Menteng"),
        Duplicates::Allow,
    )
    .expect("e");
    let pairs = r.duplicate_report().expect("report");
    let ids: Vec<(String, String)> = pairs
        .iter()
        .map(|p| {
            let mut pair = [p.first.id.clone(), p.second.id.clone()];
            pair.sort();
            (pair[0].clone(), pair[1].clone())
        })
        .collect();
    let sorted = |x: &str, y: &str| {
        if x < y {
            (x.to_owned(), y.to_owned())
        } else {
            (y.to_owned(), x.to_owned())
        }
    };
    assert_eq!(pairs.len(), 2, "{ids:?}");
    assert!(ids.contains(&sorted(&a.id, &b.id)));
    assert!(ids.contains(&sorted(&c.id, &d.id)));
    let ab = pairs
        .iter()
        .find(|p| [&p.first.id, &p.second.id].contains(&&a.id))
        .expect("a-b");
    let codes: Vec<&str> = ab.reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["same_phone", "similar_name"],
        "both reasons, phone first"
    );
}

#[test]
fn the_cli_stops_on_a_possible_duplicate_and_saves_only_when_allowed() {
    let dir = tempfile::tempdir().expect("dir");
    let add = |name: &str, extra: &[&str]| {
        let mut args = vec![
            "vendor",
            "add",
            "--name",
            name,
            "--owner",
            "Ani",
            "--phone",
            "0812-3456-7890",
            "--kecamatan",
            "Gambir",
            "--category",
            "kesehatan",
        ];
        args.extend_from_slice(extra);
        etalase(dir.path(), &args)
    };
    assert!(add("Jamu Ani", &[]).status.success());
    let refused = add("Jamu Bu Ani", &[]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr.contains("Jamu Ani") && stderr.contains("Same mobile number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--allow-duplicate"),
        "says how to go on: {stderr}"
    );
    assert!(add("Jamu Bu Ani", &["--allow-duplicate"]).status.success());
    let report = etalase(dir.path(), &["vendor", "dupes", "--json"]);
    let pairs: serde_json::Value = serde_json::from_slice(&report.stdout).expect("json");
    let pairs = pairs.as_array().expect("array");
    assert_eq!(pairs.len(), 1);
    assert!(pairs[0]["first"]["id"].is_string() && pairs[0]["second"]["id"].is_string());
    assert_eq!(pairs[0]["reasons"][0]["code"], "same_phone");
}

#[test]
fn the_same_owner_nik_is_a_possible_duplicate() {
    let (_dir, r) = registry();
    let first = r
        .create_vendor(
            &VendorDraft {
                nik: "3174015205850007".into(),
                ..vendor("Kue Basah Bu Siti", "0812-1111-2222", "Tebet")
            },
            Duplicates::Refuse,
        )
        .expect("first");
    let found = refused_as_duplicate(r.create_vendor(
        &VendorDraft {
            nik: "3174 0152 0585 0007".into(),
            ..vendor("Batik Siti", "0857-3333-4444", "Cakung")
        },
        Duplicates::Refuse,
    ));
    assert_eq!(found[0].vendor.id, first.id);
    assert_eq!(
        found[0]
            .reasons
            .iter()
            .map(|x| x.code.as_str())
            .collect::<Vec<_>>(),
        ["same_nik"]
    );
}
