//! How a vendor is stored: the columns, and the three views of a stored row (what staff see,
//! what the edit form fills in, and the validated form that history diffs compare).

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::Value;

use super::{ValidVendor, Vendor, VendorDraft};
use crate::identifier::{self, Gender};
use crate::region;

/// The detail columns, in the order [`detail_values`] gives their values.
const DETAIL_COLUMNS: [&str; 24] = [
    "brand",
    "legal_form",
    "nib",
    "npwp",
    "kbli",
    "kbli_edition",
    "capital_rp",
    "annual_sales_rp",
    "employees",
    "street",
    "rt",
    "rw",
    "kelurahan_code",
    "owner_gender",
    "owner_birth_date",
    "owner_nik",
    "owner_email",
    "owner_whatsapp",
    "home_address",
    "public_contact",
    "agency",
    "mentor",
    "notes",
    "shop_link",
];

/// Every column a read needs, in the order [`from_row`] reads them.
pub fn select_columns() -> String {
    format!(
        "id, business_name, owner_name, phone, kecamatan_code, category_slug, archived_at, \
         created_at, updated_at, {}",
        DETAIL_COLUMNS.join(", ")
    )
}

/// `INSERT` of a whole vendor. Values: id, the five core fields, created and updated time,
/// device, then the details in [`DETAIL_COLUMNS`] order.
pub fn insert_sql() -> String {
    let placeholders = vec!["?"; 9 + DETAIL_COLUMNS.len()].join(", ");
    format!(
        "INSERT INTO vendor (id, business_name, owner_name, phone, kecamatan_code, category_slug, \
         created_at, updated_at, device_id, {}) VALUES ({placeholders})",
        DETAIL_COLUMNS.join(", ")
    )
}

/// `UPDATE` of every editable column; values: the five core fields, time, device, details, id.
pub fn update_sql() -> String {
    let details: Vec<String> = DETAIL_COLUMNS.iter().map(|c| format!("{c} = ?")).collect();
    format!(
        "UPDATE vendor SET business_name = ?, owner_name = ?, phone = ?, kecamatan_code = ?, \
         category_slug = ?, updated_at = ?, device_id = ?, {} WHERE id = ? AND deleted_at IS NULL",
        details.join(", ")
    )
}

fn text(v: &Option<String>) -> Value {
    v.clone().map_or(Value::Null, Value::Text)
}

fn int(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Integer)
}

/// The five core fields' values.
pub fn core_values(v: &ValidVendor) -> Vec<Value> {
    [
        &v.name,
        &v.owner,
        &v.phone,
        &v.kecamatan_code,
        &v.category_slug,
    ]
    .iter()
    .map(|s| Value::Text((*s).clone()))
    .collect()
}

/// The detail columns' values, in [`DETAIL_COLUMNS`] order.
pub fn detail_values(v: &ValidVendor) -> Vec<Value> {
    vec![
        text(&v.brand),
        text(&v.legal_form),
        text(&v.nib),
        text(&v.npwp),
        Value::Text(serde_json::to_string(&v.kbli).unwrap_or_else(|_| "[]".into())),
        int(v.kbli_edition.map(i64::from)),
        int(v.capital_rp),
        int(v.annual_sales_rp),
        int(v.employees),
        text(&v.street),
        text(&v.rt),
        text(&v.rw),
        text(&v.kelurahan_code),
        text(&v.gender.map(|g| gender_text(g).to_owned())),
        text(&v.birth_date.map(|d| d.format("%Y-%m-%d").to_string())),
        text(&v.nik),
        text(&v.email),
        Value::Integer(i64::from(v.whatsapp)),
        text(&v.home_address),
        text(&v.public_contact),
        text(&v.agency),
        text(&v.mentor),
        text(&v.notes),
        text(&v.shop_link),
    ]
}

fn gender_text(g: Gender) -> &'static str {
    match g {
        Gender::Female => "female",
        Gender::Male => "male",
    }
}

/// A stored vendor row.
pub struct Stored {
    pub id: String,
    pub archived: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub valid: ValidVendor,
}

pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Stored> {
    let kbli: String = r.get(13)?;
    Ok(Stored {
        id: r.get(0)?,
        archived: r.get::<_, Option<i64>>(6)?.is_some(),
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        valid: ValidVendor {
            name: r.get(1)?,
            owner: r.get(2)?,
            phone: r.get(3)?,
            kecamatan_code: r.get(4)?,
            category_slug: r.get(5)?,
            brand: r.get(9)?,
            legal_form: r.get(10)?,
            nib: r.get(11)?,
            npwp: r.get(12)?,
            kbli: serde_json::from_str(&kbli).unwrap_or_default(),
            kbli_edition: r.get(14)?,
            capital_rp: r.get(15)?,
            annual_sales_rp: r.get(16)?,
            employees: r.get(17)?,
            street: r.get(18)?,
            rt: r.get(19)?,
            rw: r.get(20)?,
            kelurahan_code: r.get(21)?,
            gender: r
                .get::<_, Option<String>>(22)?
                .and_then(|g| match g.as_str() {
                    "female" => Some(Gender::Female),
                    "male" => Some(Gender::Male),
                    _ => None,
                }),
            birth_date: r
                .get::<_, Option<String>>(23)?
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            nik: r.get(24)?,
            email: r.get(25)?,
            whatsapp: r.get::<_, i64>(26)? != 0,
            home_address: r.get(27)?,
            public_contact: r.get(28)?,
            agency: r.get(29)?,
            mentor: r.get(30)?,
            notes: r.get(31)?,
            shop_link: r.get(32)?,
            warnings: Vec::new(),
        },
    })
}

/// `3174015205850007` → `3174••••••••0007`.
pub fn mask_nik(nik: &str) -> String {
    if nik.len() != 16 {
        return "••••".into();
    }
    format!("{}••••••••{}", &nik[..4], &nik[12..])
}

impl Stored {
    /// What staff see.
    pub fn vendor(self) -> Vendor {
        let regions = region::jakarta();
        let v = self.valid;
        let kecamatan = regions.kecamatan_by_code(&v.kecamatan_code);
        let city = kecamatan.and_then(|k| regions.city(&k.city_code));
        let kelurahan = v
            .kelurahan_code
            .as_deref()
            .and_then(|code| regions.kelurahan.iter().find(|k| k.code == code));
        Vendor {
            id: self.id,
            name: v.name,
            owner: v.owner,
            phone: v.phone,
            kecamatan: kecamatan
                .map(|k| k.name.clone())
                .unwrap_or_else(|| v.kecamatan_code.clone()),
            city: city.map(|c| c.name.clone()).unwrap_or_default(),
            city_code: city.map(|c| c.code.clone()).unwrap_or_default(),
            kecamatan_code: v.kecamatan_code,
            category: v.category_slug,
            archived: self.archived,
            created_at: self.created_at,
            updated_at: self.updated_at,
            brand: v.brand,
            legal_form: v.legal_form,
            nib: v.nib,
            npwp: v.npwp,
            kbli: v.kbli,
            kbli_edition: v.kbli_edition,
            size_class: identifier::size_class(v.capital_rp, v.annual_sales_rp),
            capital_rp: v.capital_rp,
            annual_sales_rp: v.annual_sales_rp,
            employees: v.employees,
            street: v.street,
            rt: v.rt,
            rw: v.rw,
            kelurahan: kelurahan.map(|k| k.name.clone()),
            postal_code: kelurahan.and_then(|k| k.postal_code.clone()),
            kelurahan_code: v.kelurahan_code,
            gender: v.gender,
            birth_date: v.birth_date.map(|d| d.format("%Y-%m-%d").to_string()),
            nik_masked: v.nik.as_deref().map(mask_nik),
            email: v.email,
            whatsapp: v.whatsapp,
            home_address: v.home_address,
            public_contact: v.public_contact,
            shop_link: v.shop_link,
            agency: v.agency,
            mentor: v.mentor,
            notes: v.notes,
            warnings: Vec::new(),
        }
    }

    /// What the edit form fills in: every value as stored, the NIK in full.
    pub fn draft(&self) -> VendorDraft {
        let v = &self.valid;
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        let n = |o: Option<i64>| o.map(|x| x.to_string()).unwrap_or_default();
        VendorDraft {
            name: v.name.clone(),
            owner: v.owner.clone(),
            phone: v.phone.clone(),
            kecamatan: v.kecamatan_code.clone(),
            category: v.category_slug.clone(),
            brand: s(&v.brand),
            legal_form: s(&v.legal_form),
            nib: s(&v.nib),
            npwp: s(&v.npwp),
            kbli: v.kbli.join(", "),
            kbli_edition: v.kbli_edition.map(|e| e.to_string()).unwrap_or_default(),
            capital: n(v.capital_rp),
            annual_sales: n(v.annual_sales_rp),
            employees: n(v.employees),
            street: s(&v.street),
            rt: s(&v.rt),
            rw: s(&v.rw),
            kelurahan: s(&v.kelurahan_code),
            gender: v
                .gender
                .map(|g| gender_text(g).to_owned())
                .unwrap_or_default(),
            birth_date: v
                .birth_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            nik: s(&v.nik),
            email: s(&v.email),
            whatsapp: v.whatsapp,
            home_address: s(&v.home_address),
            public_contact: s(&v.public_contact),
            shop_link: s(&v.shop_link),
            agency: s(&v.agency),
            mentor: s(&v.mentor),
            notes: s(&v.notes),
        }
    }
}

/// Every field of a valid vendor as text, for history entries.
pub fn field_texts(v: &ValidVendor) -> Vec<(&'static str, Option<String>)> {
    let n = |o: Option<i64>| o.map(|x| x.to_string());
    vec![
        ("name", Some(v.name.clone())),
        ("owner", Some(v.owner.clone())),
        ("phone", Some(v.phone.clone())),
        ("kecamatan", Some(v.kecamatan_code.clone())),
        ("category", Some(v.category_slug.clone())),
        ("brand", v.brand.clone()),
        ("legal_form", v.legal_form.clone()),
        ("nib", v.nib.clone()),
        ("npwp", v.npwp.clone()),
        ("kbli", (!v.kbli.is_empty()).then(|| v.kbli.join(", "))),
        ("kbli_edition", n(v.kbli_edition.map(i64::from))),
        ("capital", n(v.capital_rp)),
        ("annual_sales", n(v.annual_sales_rp)),
        ("employees", n(v.employees)),
        ("street", v.street.clone()),
        ("rt", v.rt.clone()),
        ("rw", v.rw.clone()),
        ("kelurahan", v.kelurahan_code.clone()),
        ("gender", v.gender.map(|g| gender_text(g).to_owned())),
        (
            "birth_date",
            v.birth_date.map(|d| d.format("%Y-%m-%d").to_string()),
        ),
        ("nik", v.nik.clone()),
        ("email", v.email.clone()),
        ("whatsapp", Some(v.whatsapp.to_string())),
        ("home_address", v.home_address.clone()),
        ("public_contact", v.public_contact.clone()),
        ("shop_link", v.shop_link.clone()),
        ("agency", v.agency.clone()),
        ("mentor", v.mentor.clone()),
        ("notes", v.notes.clone()),
    ]
}
