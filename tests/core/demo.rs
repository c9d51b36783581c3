//! The demo registry.

use std::collections::HashSet;

use etalase::vendor::VendorQuery;

use crate::support::{AddVendor, dump, registry};

#[test]
fn the_demo_fills_60_vendors_over_every_city_and_category() {
    let (_dir, r) = registry();
    let vendors = r.fill_demo().expect("demo");
    assert_eq!(vendors.len(), 60);
    let cities: HashSet<_> = vendors.iter().map(|v| v.city_code.as_str()).collect();
    let kecamatan: HashSet<_> = vendors.iter().map(|v| v.kecamatan_code.as_str()).collect();
    let categories: HashSet<_> = vendors.iter().map(|v| v.category.as_str()).collect();
    assert_eq!(cities.len(), 6, "all six regencies/cities");
    assert_eq!(kecamatan.len(), 44, "every kecamatan");
    assert_eq!(categories.len(), 4);
    let stats = r.vendor_stats().expect("stats");
    assert!(
        stats.by_category.iter().all(|c| c.count == 15),
        "even spread: {:?}",
        stats.by_category
    );
    let names: HashSet<_> = vendors.iter().map(|v| v.name.as_str()).collect();
    assert!(
        names.len() >= 55,
        "names are varied ({} distinct)",
        names.len()
    );
    assert!(
        r.info().expect("info").welcome_done,
        "the first-start choice is made"
    );
}

#[test]
fn the_demo_never_mixes_with_real_data() {
    let (_dir, r) = registry();
    r.add_vendor(&crate::support::draft()).expect("real vendor");
    let before = dump(&r);
    let err = r.fill_demo().expect_err("registry is not empty");
    assert_eq!(err.fields()[0].code, "not_empty");
    assert_eq!(dump(&r), before);
    assert_eq!(
        r.list_vendors(&VendorQuery::default()).expect("list").total,
        1
    );
}

#[test]
fn the_demo_has_full_records_and_a_few_deliberate_near_duplicates() {
    let (_dir, r) = registry();
    let vendors = r.fill_demo().expect("demo");
    assert!(
        vendors
            .iter()
            .all(|v| v.kelurahan.is_some() && v.rt.is_some() && v.agency.is_some())
    );
    assert!(
        vendors.iter().filter(|v| v.nik_masked.is_some()).count() >= 20,
        "half have a NIK"
    );
    assert!(vendors.iter().all(|v| v.size_class.is_some()));
    let reasons: HashSet<String> = r
        .duplicate_report()
        .expect("report")
        .into_iter()
        .flat_map(|p| p.reasons.into_iter().map(|x| x.code))
        .collect();
    for code in ["same_phone", "similar_name", "same_nib"] {
        assert!(
            reasons.contains(code),
            "the demo shows a {code} pair: {reasons:?}"
        );
    }
}

#[test]
fn the_demo_has_consents_stages_documents_and_classes_that_pass_their_checks() {
    use etalase::consent::Purpose;
    use etalase::legality::LegalityDraft;
    use etalase::stage::{Stage, StageStatus};
    let (_dir, r) = registry();
    let vendors = r.fill_demo().expect("demo");
    let today = etalase::vendor::today_in_jakarta();
    let (mut publish, mut trained, mut docs, mut expired) = (0, 0, 0, 0);
    let (_scratch_dir, scratch) = registry();
    let probe = scratch
        .add_vendor(&crate::support::draft())
        .expect("probe vendor");
    for v in &vendors {
        assert!(
            r.has_consent(&v.id, Purpose::Registration)
                .expect("consent")
        );
        publish += usize::from(r.has_consent(&v.id, Purpose::Publish).expect("consent"));
        let stages = r.stages(&v.id).expect("stages");
        assert!(
            stages
                .iter()
                .all(|s| s.date.as_deref().is_none_or(|d| d <= &*today.to_string()))
        );
        trained += usize::from(
            stages
                .iter()
                .any(|s| s.stage == Stage::Pelatihan && s.status == StageStatus::Selesai),
        );
        for d in r.legality(&v.id).expect("docs") {
            docs += 1;
            expired += usize::from(d.expired);
            // Every stored number passes the same check a person's entry goes through.
            scratch
                .add_legality(
                    &probe.id,
                    &LegalityDraft {
                        kind: d.kind,
                        number: d.number.clone(),
                        issued_on: String::new(),
                        valid_until: String::new(),
                        note: String::new(),
                    },
                )
                .unwrap_or_else(|e| panic!("{} {}: {e}", d.number, v.name));
            assert!(
                d.warnings.iter().all(|w| w.code != "pirt_outside_jakarta"),
                "{}",
                d.number
            );
        }
    }
    assert!(
        (20..60).contains(&publish),
        "publish consent varies: {publish}"
    );
    assert!(trained >= 20, "{trained} trained");
    assert!(docs >= 20, "{docs} documents");
    assert!(expired >= 1, "an expired P-IRT shows the warning");
    let classes = r.list_classes().expect("classes");
    assert_eq!(classes.len(), 2);
    assert!(
        classes
            .iter()
            .any(|c| c.attended == 6 && c.participants == 8)
    );
}
