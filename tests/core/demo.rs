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
