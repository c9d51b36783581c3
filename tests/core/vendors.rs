//! Registering, listing, editing and archiving vendors.

use etalase::Error;
use etalase::vendor::{VendorDraft, VendorPatch, VendorQuery};

use crate::support::{AddVendor, draft, dump, registry};

fn fields(err: &Error) -> Vec<&str> {
    err.fields().iter().map(|f| f.field.as_str()).collect()
}

#[test]
fn a_vendor_is_registered_normalised_and_stamped() {
    let (_dir, r) = registry();
    let v = r
        .add_vendor(&VendorDraft {
            name: "  Kue   Basah\tBu Siti ".into(),
            phone: "+62 812-3456-7890".into(),
            kecamatan: "tebet".into(),
            category: "Makanan dan Minuman".into(),
            ..draft()
        })
        .expect("valid");
    assert_eq!(v.name, "Kue Basah Bu Siti", "whitespace is folded");
    assert_eq!(v.phone, "+6281234567890");
    assert_eq!(
        (v.kecamatan.as_str(), v.kecamatan_code.as_str()),
        ("Tebet", "31.74.01")
    );
    assert_eq!(v.city, "Kota Administrasi Jakarta Selatan");
    assert_eq!(v.category, "makanan-minuman");
    assert!(!v.archived);
    assert_eq!(v.id.as_bytes()[14], b'7', "ids are UUIDv7");
    let (device, deleted): (String, Option<i64>) = r
        .read(|c| {
            Ok(c.query_row(
                "SELECT device_id, deleted_at FROM vendor WHERE id = ?1",
                [&v.id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?)
        })
        .expect("row");
    assert_eq!(device, r.device_id());
    assert_eq!(deleted, None);
}

#[test]
fn bad_input_is_refused_naming_every_field_and_nothing_is_written() {
    let (_dir, r) = registry();
    let before = dump(&r);
    let err = r
        .add_vendor(&VendorDraft {
            name: "".into(),
            owner: "   ".into(),
            phone: "12ab".into(),
            kecamatan: "Atlantis".into(),
            category: "elektronik".into(),
            ..Default::default()
        })
        .expect_err("everything is wrong");
    assert_eq!(
        fields(&err),
        ["name", "owner", "phone", "kecamatan", "category"]
    );
    let codes: Vec<&str> = err.fields().iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "required",
            "required",
            "invalid_phone",
            "unknown_kecamatan",
            "unknown_category"
        ]
    );
    for f in err.fields() {
        assert!(
            !f.message.id.is_empty() && !f.message.en.is_empty(),
            "{} speaks both languages",
            f.field
        );
        assert_ne!(f.message.id, f.message.en);
    }
    assert_eq!(dump(&r), before, "nothing was written");
}

#[test]
fn hostile_text_is_refused_or_stored_literally() {
    let (_dir, r) = registry();
    for (name, field) in [
        ("Toko\u{0}Siti", "name"),
        ("Toko \u{202E}itiS", "name"),
        (&"x".repeat(121) as &str, "name"),
    ] {
        let err = r
            .add_vendor(&VendorDraft {
                name: name.into(),
                ..draft()
            })
            .expect_err(name);
        assert_eq!(fields(&err), [field], "{name:?}");
    }
    let sql = "'); DROP TABLE vendor;--";
    let v = r
        .add_vendor(&VendorDraft {
            name: sql.into(),
            ..draft()
        })
        .expect("stored literally");
    assert_eq!(r.get_vendor(&v.id).expect("get").name, sql);
    // NFD input is stored as NFC, so the same name typed two ways is one name.
    let nfd = r
        .add_vendor(&VendorDraft {
            name: "Cafe\u{301} Betawi".into(),
            ..draft()
        })
        .expect("nfd");
    assert_eq!(nfd.name, "Caf\u{e9} Betawi");
}

#[test]
fn search_treats_wildcards_literally() {
    let (_dir, r) = registry();
    r.add_vendor(&VendorDraft {
        name: "Diskon 50% Bu Ani".into(),
        ..draft()
    })
    .expect("a");
    r.add_vendor(&VendorDraft {
        name: "Batik Pak Budi".into(),
        ..draft()
    })
    .expect("b");
    let find = |s: &str| {
        r.list_vendors(&VendorQuery {
            search: Some(s.into()),
            ..Default::default()
        })
        .expect("search")
        .items
        .into_iter()
        .map(|v| v.name)
        .collect::<Vec<_>>()
    };
    assert_eq!(find("%"), ["Diskon 50% Bu Ani"]);
    assert_eq!(find("_"), Vec::<String>::new());
    assert_eq!(find("batik"), ["Batik Pak Budi"], "case does not matter");
    assert_eq!(find("Siti Rahayu").len(), 2, "owner names are searched");
    assert_eq!(find("81234").len(), 2, "phones are searched");
}

#[test]
fn lists_filter_sort_and_page() {
    let (_dir, r) = registry();
    for (name, kec, cat) in [
        ("Cendol", "Gambir", "makanan-minuman"),
        ("Anyaman", "Tebet", "fesyen-kerajinan"),
        ("Batik", "31.71.01", "fesyen-kerajinan"),
    ] {
        r.add_vendor(&VendorDraft {
            name: name.into(),
            kecamatan: kec.into(),
            category: cat.into(),
            ..draft()
        })
        .expect(name);
    }
    let names = |q: VendorQuery| {
        r.list_vendors(&q)
            .expect("list")
            .items
            .into_iter()
            .map(|v| v.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(VendorQuery::default()),
        ["Anyaman", "Batik", "Cendol"]
    );
    assert_eq!(
        names(VendorQuery {
            kecamatan: Some("gambir".into()),
            ..Default::default()
        }),
        ["Batik", "Cendol"]
    );
    assert_eq!(
        names(VendorQuery {
            category: Some("Fashion and handicraft".into()),
            ..Default::default()
        }),
        ["Anyaman", "Batik"]
    );
    let page = r
        .list_vendors(&VendorQuery {
            limit: 2,
            offset: 1,
            ..Default::default()
        })
        .expect("page");
    assert_eq!((page.items.len(), page.total), (2, 3));
    assert_eq!(page.items[0].name, "Batik");
    let err = r
        .list_vendors(&VendorQuery {
            kecamatan: Some("Atlantis".into()),
            ..Default::default()
        })
        .expect_err("unknown filter");
    assert_eq!(fields(&err), ["kecamatan"]);
}

#[test]
fn edits_validate_and_change_only_what_they_name() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("create");
    let edited = r
        .update_vendor(
            &v.id,
            &VendorPatch {
                phone: Some("0857 1111 2222".into()),
                ..Default::default()
            },
        )
        .expect("edit");
    assert_eq!(edited.phone, "+6285711112222");
    assert_eq!(edited.name, v.name);
    assert!(
        edited.updated_at > v.updated_at,
        "every change moves the clock forward"
    );
    let before = dump(&r);
    let err = r
        .update_vendor(
            &v.id,
            &VendorPatch {
                phone: Some("12ab".into()),
                kecamatan: Some("Narnia".into()),
                ..Default::default()
            },
        )
        .expect_err("bad edit");
    assert_eq!(fields(&err), ["phone", "kecamatan"]);
    assert_eq!(dump(&r), before, "a refused edit changes nothing");
    let missing = r
        .update_vendor("no-such-id", &VendorPatch::default())
        .expect_err("missing");
    assert!(matches!(missing, Error::NotFound { .. }));
}

#[test]
fn archiving_hides_a_vendor_and_restoring_brings_it_back() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("create");
    assert!(r.archive_vendor(&v.id).expect("archive").archived);
    assert_eq!(
        r.list_vendors(&VendorQuery::default()).expect("list").total,
        0
    );
    let all = r
        .list_vendors(&VendorQuery {
            include_archived: true,
            ..Default::default()
        })
        .expect("list");
    assert_eq!(all.total, 1);
    assert_eq!(
        r.count_vendors().expect("count"),
        1,
        "archived vendors stay in the registry"
    );
    let stats = r.vendor_stats().expect("stats");
    assert_eq!((stats.active, stats.archived), (0, 1));
    assert!(!r.restore_vendor(&v.id).expect("restore").archived);
    assert_eq!(
        r.list_vendors(&VendorQuery::default()).expect("list").total,
        1
    );
}

#[test]
fn lists_filter_by_consent_completed_stage_and_documents_and_sort_four_ways() {
    use etalase::consent::{ConsentForm, Purpose};
    use etalase::legality::{LegalityDraft, LegalityKind};
    use etalase::stage::{Stage, StageStatus, StageUpdate};
    use etalase::vendor::VendorSort;

    let (_dir, r) = registry();
    let add = |name: &str, kecamatan: &str| {
        r.add_vendor(&VendorDraft {
            name: name.into(),
            kecamatan: kecamatan.into(),
            ..draft()
        })
        .expect(name)
    };
    let a = add("Anyaman Bu Ani", "Tebet");
    let b = add("Batik Pak Budi", "Gambir");
    let c = add("Cendol Bu Cici", "Cakung");
    r.grant_consent(&a.id, Purpose::Publish, ConsentForm::Written)
        .expect("consent a");
    r.grant_consent(&b.id, Purpose::Publish, ConsentForm::Written)
        .expect("consent b");
    r.withdraw_consent(&b.id, Purpose::Publish)
        .expect("withdrawn b");
    r.set_stage(
        &c.id,
        &StageUpdate {
            stage: Stage::Pelatihan,
            status: StageStatus::Selesai,
            date: String::new(),
            note: String::new(),
        },
    )
    .expect("stage c");
    r.set_stage(
        &a.id,
        &StageUpdate {
            stage: Stage::Pelatihan,
            status: StageStatus::Proses,
            date: String::new(),
            note: String::new(),
        },
    )
    .expect("stage a");
    r.add_legality(
        &b.id,
        &LegalityDraft {
            kind: LegalityKind::Bpom,
            number: "MD 123456789012".into(),
            issued_on: String::new(),
            valid_until: String::new(),
            note: String::new(),
        },
    )
    .expect("doc b");
    r.update_vendor(
        &a.id,
        &VendorPatch {
            owner: Some("Ani Lestari".into()),
            ..Default::default()
        },
    )
    .expect("touch a");

    let names = |q: VendorQuery| {
        r.list_vendors(&q)
            .expect("list")
            .items
            .into_iter()
            .map(|v| v.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(VendorQuery {
            consent: Some(Purpose::Publish),
            ..Default::default()
        }),
        ["Anyaman Bu Ani"],
        "withdrawn consent does not count"
    );
    assert_eq!(
        names(VendorQuery {
            stage_done: Some(Stage::Pelatihan),
            ..Default::default()
        }),
        ["Cendol Bu Cici"],
        "in progress is not done"
    );
    assert_eq!(
        names(VendorQuery {
            legality: Some(LegalityKind::Bpom),
            ..Default::default()
        }),
        ["Batik Pak Budi"]
    );
    assert_eq!(
        names(VendorQuery {
            sort: VendorSort::Newest,
            ..Default::default()
        }),
        ["Cendol Bu Cici", "Batik Pak Budi", "Anyaman Bu Ani"]
    );
    assert_eq!(
        names(VendorQuery {
            sort: VendorSort::Updated,
            ..Default::default()
        })[0],
        "Anyaman Bu Ani"
    );
    assert_eq!(
        names(VendorQuery {
            sort: VendorSort::Kecamatan,
            ..Default::default()
        }),
        ["Batik Pak Budi", "Anyaman Bu Ani", "Cendol Bu Cici"],
        "Gambir 31.71, Tebet 31.74, Cakung 31.75"
    );
}

#[test]
fn keyset_pages_match_offset_pages_in_every_order() {
    use etalase::vendor::VendorSort;
    let (_dir, r) = crate::support::registry();
    r.fill_demo().expect("demo");
    for sort in [
        VendorSort::Name,
        VendorSort::Newest,
        VendorSort::Updated,
        VendorSort::Kecamatan,
    ] {
        for category in [None, Some("makanan-minuman".to_owned())] {
            let base = VendorQuery {
                sort,
                category: category.clone(),
                limit: 7,
                ..Default::default()
            };
            let all = r
                .list_vendors(&VendorQuery {
                    limit: 1000,
                    ..base.clone()
                })
                .expect("all");
            let mut walked = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let page = r
                    .list_vendors(&VendorQuery {
                        after: after.clone(),
                        ..base.clone()
                    })
                    .expect("page");
                assert_eq!(page.total, all.total);
                let Some(last) = page.items.last() else { break };
                after = Some(last.id.clone());
                walked.extend(page.items.into_iter().map(|v| v.id));
            }
            let expected: Vec<String> = all.items.into_iter().map(|v| v.id).collect();
            assert_eq!(walked, expected, "{sort:?} {category:?}");
        }
    }
    let err = r
        .list_vendors(&VendorQuery {
            after: Some("no-such-vendor".into()),
            ..Default::default()
        })
        .expect_err("unknown cursor");
    assert_eq!(err.code(), "not_found");
}
