//! Jakarta's regions, as shipped.

use etalase::region;

#[test]
fn jakarta_has_6_cities_44_kecamatan_and_267_kelurahan() {
    let r = region::jakarta();
    assert_eq!(r.province.code, "31");
    assert_eq!(r.cities.len(), 6);
    assert_eq!(r.kecamatan.len(), 44);
    assert_eq!(r.kelurahan.len(), 267);
}

#[test]
fn every_region_belongs_to_its_parent() {
    let r = region::jakarta();
    for k in &r.kecamatan {
        assert!(r.city(&k.city_code).is_some(), "{} has no city", k.code);
        assert!(
            k.code.starts_with(&format!("{}.", k.city_code)),
            "{} is not under {}",
            k.code,
            k.city_code
        );
    }
    for k in &r.kelurahan {
        assert!(
            r.kecamatan_by_code(&k.kecamatan_code).is_some(),
            "{} has no kecamatan",
            k.code
        );
        assert!(k.code.starts_with(&format!("{}.", k.kecamatan_code)));
        let postal = k.postal_code.as_deref().unwrap_or("");
        assert!(
            postal.len() == 5 && postal.starts_with('1'),
            "{} has postal code {postal:?}",
            k.code
        );
    }
    assert_eq!(
        r.kelurahan_of("31.71.01").count(),
        6,
        "Gambir has six kelurahan"
    );
}

#[test]
fn kecamatan_are_found_by_code_or_by_name_however_typed() {
    let r = region::jakarta();
    for q in ["31.71.01", "317101", "Gambir", "gambir", "  GAMBIR "] {
        assert_eq!(
            r.find_kecamatan(q).map(|k| k.code.as_str()),
            Some("31.71.01"),
            "{q:?}"
        );
    }
    assert_eq!(
        r.find_kecamatan("Pulo Gadung").map(|k| k.code.as_str()),
        Some("31.75.02")
    );
    assert_eq!(
        r.find_kecamatan("Palmerah").map(|k| k.code.as_str()),
        Some("31.73.07")
    );
    for q in ["", "Atlantis", "31.99.01", "Bandung", "31.71"] {
        assert!(
            r.find_kecamatan(q).is_none(),
            "{q:?} is not a Jakarta kecamatan"
        );
    }
}

#[test]
fn the_tree_lists_every_kecamatan_once_under_its_city() {
    let tree = region::jakarta().tree();
    assert_eq!(
        tree.province, "Daerah Khusus Jakarta",
        "the 2024 name is shown"
    );
    let total: usize = tree.cities.iter().map(|c| c.kecamatan.len()).sum();
    assert_eq!(total, 44);
}
