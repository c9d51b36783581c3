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
/// First names above that are women's, for the demo's gender and NIK.
const WOMEN: &[&str] = &[
    "Siti", "Dewi", "Sri", "Nur", "Rina", "Yuni", "Wati", "Fitri", "Ani", "Lestari", "Ratna",
    "Indah", "Putri", "Ayu", "Maya", "Nanda", "Tuti", "Endang",
];
const STREETS: &[&str] = &[
    "Melati",
    "Kenanga",
    "Mawar",
    "Flamboyan",
    "Cempaka",
    "Kemuning",
    "Masjid",
    "Pasar Baru",
    "Raya",
    "Haji Naim",
    "Swadaya",
    "Kebon Kacang",
    "Delima",
    "Rambutan",
];
const MENTORS: &[&str] = &[
    "Dewi Lestari",
    "Agus Salim",
    "Rina Marlina",
    "Fajar Nugraha",
    "Tri Wahyuni",
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
    let mut drafts = generated();
    // A few deliberate near-duplicates, so the duplicate report has something to show. Each
    // copies a vendor four places earlier, which keeps the category rotation even.
    let n = drafts.len();
    let same_phone = VendorDraft {
        name: format!("Usaha {}", drafts[n - 7].owner),
        ..drafts[n - 7].clone()
    };
    let typo = VendorDraft {
        name: drafts[n - 6].name.replacen('a', "", 1),
        phone: "0813-5550-1234".into(),
        nik: String::new(),
        nib: String::new(),
        ..drafts[n - 6].clone()
    };
    let same_nib = VendorDraft {
        name: format!("{} Jaya", drafts[n - 5].owner),
        phone: "0857-5550-9876".into(),
        nik: String::new(),
        nib: format!("{:013}", 9_120_000_000_777u64),
        ..drafts[n - 5].clone()
    };
    drafts[n - 5].nib = same_nib.nib.clone();
    drafts[n - 3] = same_phone;
    drafts[n - 2] = typo;
    drafts[n - 1] = same_nib;
    drafts
}

fn generated() -> Vec<VendorDraft> {
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
            // "Lestari" is a first name and a family name; nobody is "Lestari Lestari".
            let last = Some(seq.pick(LAST_NAMES))
                .filter(|l| *l != first)
                .unwrap_or("Rahayu");
            let owner = format!("{first} {last}");
            let pattern = patterns[(i / CATEGORIES.len()) % patterns.len()];
            let name = format!("{}{}", seq.pick(PREFIXES), pattern.replace("{}", first));
            let phone = format!(
                "{}-{:04}-{:04}",
                seq.pick(OPERATORS),
                seq.next() % 10_000,
                seq.next() % 10_000
            );
            let code = kecamatan[i];
            let kelurahan: Vec<&str> = regions
                .kelurahan_of(code)
                .map(|k| k.code.as_str())
                .collect();
            let female = WOMEN.contains(&first);
            let (year, month, day) = (
                1965 + seq.next() % 36,
                1 + seq.next() % 12,
                1 + seq.next() % 28,
            );
            let city = regions
                .kecamatan_by_code(code)
                .and_then(|k| regions.city(&k.city_code));
            let city_short = city.map_or("", |c| {
                c.name
                    .trim_start_matches("Kota Administrasi ")
                    .trim_start_matches("Kabupaten Administrasi ")
            });
            // A structurally valid, made-up NIK: region, birth date (+40 for women), serial.
            let nik = format!(
                "{}{:02}{:02}{:02}{:04}",
                code.replace('.', ""),
                day + if female { 40 } else { 0 },
                month,
                year % 100,
                1 + seq.next() % 999
            );
            let legal_form = match name.split(' ').next() {
                Some("CV") => "cv",
                Some("UD") => "ud",
                _ => "perseorangan",
            };
            VendorDraft {
                legal_form: legal_form.into(),
                nib: if i % 3 == 2 {
                    String::new()
                } else {
                    format!("{:013}", 9_120_000_000_000 + seq.next() % 1_000_000_000)
                },
                kbli: String::new(),
                annual_sales: ((3 + seq.next() % 120) * 10_000_000).to_string(),
                employees: (1 + seq.next() % 8).to_string(),
                street: format!("Jl. {} No. {}", seq.pick(STREETS), 1 + seq.next() % 90),
                rt: (1 + seq.next() % 15).to_string(),
                rw: (1 + seq.next() % 12).to_string(),
                kelurahan: seq.pick(&kelurahan).to_owned(),
                gender: if female { "female" } else { "male" }.into(),
                birth_date: format!("{year}-{month:02}-{day:02}"),
                nik: if i % 2 == 0 { nik } else { String::new() },
                whatsapp: !seq.next().is_multiple_of(5),
                public_contact: if i % 2 == 0 {
                    format!("WhatsApp {phone}")
                } else {
                    String::new()
                },
                // A third of the businesses sell online too.
                shop_link: if i % 3 == 0 {
                    format!(
                        "https://www.tokopedia.com/{}",
                        crate::catalogue::data::slug(&name)
                    )
                } else {
                    String::new()
                },
                agency: format!("Sudin PPKUKM {city_short}"),
                mentor: seq.pick(MENTORS).to_owned(),
                name,
                owner,
                phone,
                kecamatan: code.to_owned(),
                category: category.to_owned(),
                ..Default::default()
            }
        })
        .collect()
}

/// Demo products that get generated photos (each takes a moment to make): nine per category.
pub const DEMO_PHOTOS: usize = 36;

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
        self.fill_demo_records(&vendors)?;
        self.fill_demo_classes(&vendors)?;
        self.fill_demo_products(&vendors)?;
        self.finish_welcome()?;
        Ok(vendors)
    }

    /// One product per vendor, named for its category, priced in round rupiah.
    fn fill_demo_products(&self, vendors: &[Vendor]) -> Result<()> {
        const NAMES: [(&str, &[&str]); 4] = [
            (
                "makanan-minuman",
                &[
                    "Keripik Singkong Balado",
                    "Kue Lapis Legit",
                    "Sambal Roa",
                    "Dodol Betawi",
                    "Kopi Robusta Bubuk",
                    "Kerak Telor Beku",
                ],
            ),
            (
                "fesyen-kerajinan",
                &[
                    "Batik Tulis Betawi",
                    "Tas Anyaman Pandan",
                    "Kain Tenun Ikat",
                    "Dompet Kulit",
                    "Kebaya Encim",
                ],
            ),
            (
                "rumah-tangga",
                &[
                    "Sabun Cuci Piring Sereh",
                    "Lilin Aromaterapi",
                    "Keset Kain Perca",
                    "Tempat Tisu Rotan",
                ],
            ),
            (
                "kesehatan",
                &[
                    "Jamu Kunyit Asam",
                    "Minyak Kayu Putih",
                    "Teh Rosella Kering",
                    "Madu Hutan",
                ],
            ),
        ];
        for (i, v) in vendors.iter().enumerate() {
            let names = NAMES
                .iter()
                .find(|(slug, _)| *slug == v.category)
                .map_or(&["Produk Unggulan"][..], |(_, n)| n);
            self.create_product(
                &v.id,
                &crate::product::ProductDraft {
                    name: names[i % names.len()].to_owned(),
                    description: format!("Dibuat oleh {} di {}.", v.owner, v.kecamatan),
                    category: v.category.clone(),
                    price: (15_000 + (i as i64 % 12) * 5_000).to_string(),
                    stock: (10 + i % 40).to_string(),
                    weight_g: (150 + (i % 8) * 50).to_string(),
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    }

    /// Photos for the first `count` demo products, made here and run through the real
    /// pipeline: what `etalase demo` and the welcome screen add so the product pages are alive.
    pub fn fill_demo_photos(&self, count: usize) -> Result<usize> {
        // Taken in turn from each category, so every Friday theme has pictured products.
        let mut by_category: Vec<Vec<crate::product::Product>> = Vec::new();
        for p in self.list_products(&crate::product::ProductQuery::default())? {
            match by_category.iter_mut().find(|g| g[0].category == p.category) {
                Some(group) => group.push(p),
                None => by_category.push(vec![p]),
            }
        }
        // In the order they were made (vendor by vendor), not by name, so the names vary.
        for group in &mut by_category {
            group.sort_by(|a, b| a.id.cmp(&b.id));
        }
        let longest = by_category.iter().map(Vec::len).max().unwrap_or(0);
        let products: Vec<crate::product::Product> = (0..longest)
            .flat_map(|i| by_category.iter().filter_map(move |g| g.get(i).cloned()))
            .collect();
        let mut worker = crate::photo::pipeline::Worker::new();
        let mut stored = 0;
        for (i, p) in products.iter().take(count).enumerate() {
            for k in 0..(1 + i % 2) {
                let bytes =
                    etalase_pipeline::demo_shot::product_shot((i * 2 + k) as u32, 1200, 1200);
                let processed = worker
                    .process(&bytes)
                    .map_err(|r| Error::Internal(r.reason.en))?;
                let hash = crate::spreadsheet::read::fingerprint(&bytes);
                let id = self.new_id();
                self.write(|tx, stamp| {
                    crate::photo::store(tx, stamp, &id, &p.id, &hash, Some(&processed))
                })?;
                stored += 1;
            }
        }
        Ok(stored)
    }

    /// Consents, Jakpreneur stages and legality documents, varied by vendor, in one
    /// transaction: our own well-formed values, written directly.
    fn fill_demo_records(&self, vendors: &[Vendor]) -> Result<()> {
        let ids: Vec<String> = (0..vendors.len() * 12).map(|_| self.new_id()).collect();
        self.write(|tx, stamp| {
            let mut next = ids.iter();
            let mut id = || next.next().cloned().unwrap_or_default();
            // Granted over the past weeks, a day apart, so the records read like real ones.
            let day = 86_400_000;
            for (i, v) in vendors.iter().enumerate() {
                let granted = stamp.time - (i as i64 % 40 + 3) * day;
                let purposes: &[&str] = match i % 5 {
                    0 => &["registration"],
                    1 | 2 => &["registration", "publish", "contact"],
                    3 => &["registration", "publish"],
                    _ => &["registration", "publish", "contact", "people_photos"],
                };
                for p in purposes {
                    tx.execute(
                        "INSERT INTO consent (id, vendor_id, purpose, form, notice_version, granted_at,
                           created_at, updated_at, device_id)
                         VALUES (?1, ?2, ?3, 'written', ?4, ?5, ?6, ?6, ?7)",
                        rusqlite::params![id(), v.id, p, crate::consent::NOTICE_VERSION, granted, stamp.time, stamp.device],
                    )?;
                }
                let month = 1 + i % 10;
                let stages: Vec<(&str, &str, Option<String>)> = [
                    Some(("pendaftaran", "selesai", Some(format!("2026-{month:02}-05")))),
                    (i % 2 == 0).then(|| ("pelatihan", "selesai", Some(format!("2026-{month:02}-20")))),
                    (i % 3 == 0).then_some(("pendampingan", "proses", None)),
                    (i % 4 == 1).then(|| ("perizinan", "selesai", Some(format!("2026-{:02}-10", month + 1)))),
                    (i % 6 == 0).then_some(("pemasaran", "proses", None)),
                ]
                .into_iter()
                .flatten()
                .collect();
                for (stage, status, date) in stages {
                    tx.execute(
                        "INSERT INTO vendor_stage (id, vendor_id, stage, status, date, created_at,
                           updated_at, device_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                        rusqlite::params![id(), v.id, stage, status, date, stamp.time, stamp.device],
                    )?;
                }
                let food = v.category == "makanan-minuman";
                let health = v.category == "kesehatan";
                let mut docs: Vec<(&str, String, Option<String>)> = Vec::new();
                if food && i % 4 != 3 {
                    // Packaging digit, province 31, a serial, and the year it runs until; one
                    // in five has lapsed, so the expiry warning is seen too.
                    let until = if i % 5 == 0 { 25 } else { 28 + (i % 3) as i32 };
                    docs.push((
                        "pirt",
                        format!("2{:02}31{:02}{:06}{until:02}", 10 + i % 9, 71 + i % 5, 100_000 + i * 37),
                        Some(format!("20{until:02}-12-31")),
                    ));
                }
                if food && i % 2 == 0 {
                    docs.push(("halal", format!("ID3111000{:08}", 1_200_000 + i * 113), None));
                }
                if health && i % 3 == 0 {
                    docs.push(("bpom", format!("TR{:09}", 213_000_000 + i * 71), None));
                }
                for (kind, number, valid_until) in docs {
                    tx.execute(
                        "INSERT INTO legality (id, vendor_id, kind, number, valid_until, created_at,
                           updated_at, device_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                        rusqlite::params![id(), v.id, kind, number, valid_until, stamp.time, stamp.device],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// A past class whose participants attended, and a coming one still taking sign-ups.
    fn fill_demo_classes(&self, vendors: &[Vendor]) -> Result<()> {
        use crate::training::{Attendance, ClassDraft, ClassKind, PlaceKind};
        let past = self.create_class(&ClassDraft {
            kind: ClassKind::Pelatihan,
            topic: "Foto produk dengan ponsel untuk katalog".into(),
            starts_on: "2026-11-10".into(),
            ends_on: "2026-11-11".into(),
            trainer: "Rina Wulandari".into(),
            place_kind: PlaceKind::TrainingCentre,
            place: "PPKUKM Gambir".into(),
            kecamatan: "Gambir".into(),
            notes: String::new(),
        })?;
        let coming = self.create_class(&ClassDraft {
            kind: ClassKind::Pendampingan,
            topic: "Pendampingan pendaftaran sertifikat halal".into(),
            starts_on: "2026-12-08".into(),
            ends_on: String::new(),
            trainer: "Ahmad Hidayat".into(),
            place_kind: PlaceKind::KecamatanOffice,
            place: String::new(),
            kecamatan: "Tebet".into(),
            notes: String::new(),
        })?;
        let pick = |step: usize, offset: usize| -> Vec<String> {
            vendors
                .iter()
                .skip(offset)
                .step_by(step)
                .take(8)
                .map(|v| v.id.clone())
                .collect()
        };
        let attended = pick(7, 1);
        self.enrol(&past.id, &attended)?;
        self.record_attendance(&past.id, &attended[..6], Attendance::Attended)?;
        self.record_attendance(&past.id, &attended[6..], Attendance::Absent)?;
        self.enrol(&coming.id, &pick(5, 2))?;
        Ok(())
    }
}
