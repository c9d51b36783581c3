//! A demo registry: 60 plausible Jakarta businesses, so a new user sees a living app.
//!
//! Deterministic (a fixed seed), so screenshots and tests are repeatable. Every kecamatan of
//! all six regencies/cities gets at least one vendor, and the four categories share them evenly.

use crate::error::{Error, FieldError, Result};
use crate::region;
use crate::registry::Registry;
use crate::text::Text;
use crate::vendor::{Vendor, VendorDraft};

pub const DEMO_VENDORS: usize = 60;

const FIRST_NAMES: &[&str] = &[
    "Siti", "Dewi", "Sri", "Nur", "Rina", "Yuni", "Wati", "Fitri", "Ani", "Lestari", "Ratna",
    "Indah", "Budi", "Agus", "Hendra", "Joko", "Rudi", "Dedi", "Bambang", "Slamet", "Eko", "Ahmad",
    "Fajar", "Rizky", "Putri", "Ayu", "Maya", "Nanda", "Tuti", "Endang",
];
const LAST_NAMES: &[&str] = &[
    "Rahayu",
    "Wulandari",
    "Susanti",
    "Hidayat",
    "Setiawan",
    "Saputra",
    "Kurniawan",
    "Lestari",
    "Pratama",
    "Nugroho",
    "Handayani",
    "Siregar",
    "Simanjuntak",
    "Hasibuan",
    "Nasution",
    "Wijaya",
    "Halim",
    "Aminah",
    "Maulana",
    "Permata",
    "Syahputra",
    "Harahap",
    "Rohmah",
    "Fauzi",
];

/// Business name patterns per category; `{}` takes a short owner name or a place.
const FOOD: &[&str] = &[
    "Kue Basah Bu {}",
    "Sambal Roa {}",
    "Keripik Tempe {}",
    "Dapur {}",
    "Kopi Tubruk {}",
    "Roti Gambang {}",
    "Kerak Telor {}",
    "Asinan Betawi {}",
    "Bir Pletok {}",
    "Dodol Betawi {}",
    "Rendang Kering {}",
    "Kue Kering {}",
    "Nasi Uduk {}",
    "Es Selendang Mayang {}",
    "Madu Mongso {}",
];
const FASHION: &[&str] = &[
    "Batik Betawi {}",
    "Tenun {}",
    "Rajut {}",
    "Kriya Bambu {}",
    "Tas Anyaman {}",
    "Sepatu Kulit {}",
    "Ondel-Ondel Mini {}",
    "Kebaya {}",
    "Hijab {}",
    "Perak {}",
    "Songket {}",
    "Sulam Pita {}",
    "Kaos Sablon {}",
    "Dompet Tenun {}",
    "Gerabah {}",
];
const HOUSEHOLD: &[&str] = &[
    "Sabun Cuci {}",
    "Keset Kain {}",
    "Lilin Aroma {}",
    "Pot Tanah Liat {}",
    "Sapu Ijuk {}",
    "Taplak Renda {}",
    "Tempat Tisu {}",
    "Rak Kayu {}",
    "Pewangi Ruangan {}",
    "Sarung Bantal {}",
    "Lampu Hias {}",
    "Toples Kaca {}",
    "Celemek {}",
    "Tikar Pandan {}",
    "Kotak Bekal {}",
];
const HEALTH: &[&str] = &[
    "Jamu Gendong {}",
    "Minyak Urut {}",
    "Wedang Jahe {}",
    "Herbal {}",
    "Kunyit Asam {}",
    "Beras Kencur {}",
    "Madu Hutan {}",
    "Lulur Tradisional {}",
    "Temulawak {}",
    "Sabun Herbal {}",
    "Teh Rosella {}",
    "Masker Alami {}",
    "Balsem {}",
    "Minyak Kayu Putih {}",
    "Sari Kurma {}",
];
const CATEGORIES: &[(&str, &[&str])] = &[
    ("makanan-minuman", FOOD),
    ("fesyen-kerajinan", FASHION),
    ("rumah-tangga", HOUSEHOLD),
    ("kesehatan", HEALTH),
];
const PREFIXES: &[&str] = &["", "", "", "UD ", "CV ", "Toko ", "Warung "];
const OPERATORS: &[&str] = &[
    "0812", "0813", "0821", "0852", "0856", "0857", "0817", "0878", "0896", "0882",
];

/// A small deterministic generator (SplitMix64), enough for spreading demo data.
struct Seq(u64);

impl Seq {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// The demo vendors, before validation.
pub fn drafts() -> Vec<VendorDraft> {
    let regions = region::jakarta();
    let mut seq = Seq(20200222); // Jakpreneur's launch day, 22 Feb 2020
    let mut kecamatan: Vec<&str> = regions.kecamatan.iter().map(|k| k.code.as_str()).collect();
    while kecamatan.len() < DEMO_VENDORS {
        let all: Vec<&str> = regions.kecamatan.iter().map(|k| k.code.as_str()).collect();
        kecamatan.push(seq.pick(&all));
    }
    (0..DEMO_VENDORS)
        .map(|i| {
            let (category, patterns) = CATEGORIES[i % CATEGORIES.len()];
            let first = seq.pick(FIRST_NAMES);
            let owner = format!("{first} {}", seq.pick(LAST_NAMES));
            let pattern = patterns[(i / CATEGORIES.len()) % patterns.len()];
            let name = format!("{}{}", seq.pick(PREFIXES), pattern.replace("{}", first));
            let phone = format!(
                "{}-{:04}-{:04}",
                seq.pick(OPERATORS),
                seq.next() % 10_000,
                seq.next() % 10_000
            );
            VendorDraft {
                name,
                owner,
                phone,
                kecamatan: kecamatan[i].to_owned(),
                category: category.to_owned(),
                ..Default::default()
            }
        })
        .collect()
}

impl Registry {
    /// Fills an empty registry with the demo vendors, in one transaction. Refuses a registry
    /// that already has vendors, so real data is never mixed with made-up data.
    pub fn fill_demo(&self) -> Result<Vec<Vendor>> {
        let existing = self.count_vendors()?;
        if existing > 0 {
            return Err(Error::Invalid(vec![FieldError::new(
                "registry",
                "not_empty",
                Text::new(
                    format!(
                        "Data contoh hanya diisi ke data yang masih kosong; sudah ada {existing} pelaku usaha."
                    ),
                    format!(
                        "Demo data only fills an empty registry; this one already has {existing} vendors."
                    ),
                ),
            )]));
        }
        let vendors = self.create_vendors(&drafts())?;
        self.finish_welcome()?;
        Ok(vendors)
    }
}
