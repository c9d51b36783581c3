//! Full-text search over vendors (FTS5).

use etalase::Registry;
use etalase::store::migrations;
use etalase::vendor::{VendorDraft, VendorPatch, VendorQuery};

use crate::support::{AddVendor, draft, registry};

fn find(r: &Registry, words: &str) -> Vec<String> {
    r.list_vendors(&VendorQuery {
        search: Some(words.into()),
        ..Default::default()
    })
    .expect("search")
    .items
    .into_iter()
    .map(|v| v.name)
    .collect()
}

fn add(r: &Registry, name: &str, owner: &str, kecamatan: &str) {
    r.add_vendor(&VendorDraft {
        name: name.into(),
        owner: owner.into(),
        kecamatan: kecamatan.into(),
        ..draft()
    })
    .expect(name);
}

#[test]
fn words_match_word_starts_in_any_order_across_name_owner_and_place() {
    let (_dir, r) = registry();
    add(&r, "Kue Basah Bu Siti", "Siti Rahayu", "Tebet");
    add(&r, "Batik Betawi", "Budi Santoso", "Gambir");
    add(&r, "Café Kopi Tubruk", "Ani", "Cakung");
    assert_eq!(find(&r, "kue bas"), ["Kue Basah Bu Siti"]);
    assert_eq!(
        find(&r, "basah kue"),
        ["Kue Basah Bu Siti"],
        "order does not matter"
    );
    assert_eq!(find(&r, "santoso"), ["Batik Betawi"], "owners are searched");
    assert_eq!(
        find(&r, "tebet"),
        ["Kue Basah Bu Siti"],
        "the kecamatan is searched"
    );
    assert_eq!(
        find(&r, "jakarta timur"),
        ["Café Kopi Tubruk"],
        "the city is searched"
    );
    assert_eq!(
        find(&r, "cafe"),
        ["Café Kopi Tubruk"],
        "accents do not matter"
    );
    assert!(find(&r, "kue batik").is_empty(), "every word must match");
}

#[test]
fn search_syntax_typed_by_a_person_is_only_text() {
    let (_dir, r) = registry();
    add(&r, "Toko OR Jaya", "Ani", "Tebet");
    for typed in [
        "\"", "OR", "NEAR(kue", "kue*", "a AND", "-", "^", "{x}", ":",
    ] {
        r.list_vendors(&VendorQuery {
            search: Some(typed.into()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{typed:?} must not break the search: {e}"));
    }
    assert_eq!(find(&r, "OR"), ["Toko OR Jaya"]);
}

#[test]
fn the_index_follows_edits() {
    let (_dir, r) = registry();
    let v = r
        .add_vendor(&VendorDraft {
            name: "Sambal Roa".into(),
            ..draft()
        })
        .expect("add");
    r.update_vendor(
        &v.id,
        &VendorPatch {
            name: Some("Dendeng Balado".into()),
            ..Default::default()
        },
    )
    .expect("edit");
    assert!(
        find(&r, "sambal").is_empty(),
        "the old name is gone from the index"
    );
    assert_eq!(find(&r, "dendeng"), ["Dendeng Balado"]);
}

#[test]
fn phone_fragments_find_numbers_however_typed() {
    let (_dir, r) = registry();
    r.add_vendor(&VendorDraft {
        phone: "0857-1122-3344".into(),
        ..draft()
    })
    .expect("add");
    for typed in ["0857-1122", "+62 857 1122", "3344"] {
        assert_eq!(find(&r, typed).len(), 1, "{typed}");
    }
}

#[test]
fn a_schema_1_registry_is_upgraded_and_its_vendors_become_searchable() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("registry.sqlite");
    {
        // A registry as the first release made it: schema 1 only, one vendor.
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(migrations::MIGRATIONS[0].1)
            .expect("schema 1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)
            .expect("id");
        conn.execute(
            "INSERT INTO vendor (id, business_name, owner_name, phone, kecamatan_code, category_slug,
                                 created_at, updated_at, device_id)
             VALUES ('01900000-0000-7000-8000-000000000001', 'Kerak Telor Bang Jali', 'Jali',
                     '+6281234567890', '31.71.01', 'makanan-minuman', 1, 1, 'old-laptop')",
            [],
        )
        .expect("a vendor");
    }
    let r = Registry::open(dir.path()).expect("upgrade");
    assert_eq!(
        r.info().expect("info").schema_version,
        migrations::latest_version()
    );
    assert_eq!(find(&r, "kerak"), ["Kerak Telor Bang Jali"]);
    assert_eq!(r.check().expect("check"), Vec::<String>::new());
}

#[test]
fn brand_and_kelurahan_are_searched_too() {
    let (_dir, r) = registry();
    let v = r
        .add_vendor(&etalase::vendor::VendorDraft {
            brand: "Rasa Nusantara".into(),
            kelurahan: "Manggarai".into(),
            ..draft()
        })
        .expect("vendor");
    for words in ["nusantara", "manggarai"] {
        let page = r
            .list_vendors(&etalase::vendor::VendorQuery {
                search: Some(words.into()),
                ..Default::default()
            })
            .expect("search");
        assert_eq!(page.items.len(), 1, "{words}");
        assert_eq!(page.items[0].id, v.id);
    }
}
