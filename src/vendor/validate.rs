//! Checks a vendor's fields at the boundary: everything typed by a person or passed by a
//! script is hostile until it passes here. All problems are reported at once, each naming its
//! field; warnings do not stop saving.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::VendorDraft;
use crate::category::{self, Category};
use crate::error::{Error, FieldError, Result};
use crate::identifier::{self, Checked, FieldWarning, Gender};
use crate::phone;
use crate::region;
use crate::text::Text;

pub const MAX_NAME_CHARS: usize = 120;
const MAX_KBLI: usize = 20;
pub const LEGAL_FORMS: &[&str] = &[
    "perseorangan",
    "cv",
    "ud",
    "pt",
    "koperasi",
    "firma",
    "lainnya",
];

/// A vendor whose every field passed validation, normalised for storage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidVendor {
    pub name: String,
    pub owner: String,
    pub phone: String,
    pub kecamatan_code: String,
    pub category_slug: String,
    pub brand: Option<String>,
    pub legal_form: Option<String>,
    pub nib: Option<String>,
    pub npwp: Option<String>,
    pub kbli: Vec<String>,
    pub kbli_edition: Option<i32>,
    pub capital_rp: Option<i64>,
    pub annual_sales_rp: Option<i64>,
    pub employees: Option<i64>,
    pub street: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub kelurahan_code: Option<String>,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub nik: Option<String>,
    pub email: Option<String>,
    pub whatsapp: bool,
    pub home_address: Option<String>,
    pub public_contact: Option<String>,
    pub shop_link: Option<String>,
    pub agency: Option<String>,
    pub mentor: Option<String>,
    pub notes: Option<String>,
    pub warnings: Vec<FieldWarning>,
}

fn label(field: &str) -> (&'static str, &'static str) {
    match field {
        "name" => ("Nama usaha", "Business name"),
        "owner" => ("Nama pemilik", "Owner's name"),
        "phone" => ("Nomor HP", "Mobile number"),
        "kecamatan" => ("Kecamatan", "Kecamatan"),
        "category" => ("Kategori", "Category"),
        "brand" => ("Merek", "Brand"),
        "street" => ("Jalan", "Street"),
        "home_address" => ("Alamat rumah", "Home address"),
        "public_contact" => ("Kontak publik", "Public contact"),
        "shop_link" => ("Tautan toko", "Shop link"),
        "agency" => ("Dinas pembina", "Coaching agency"),
        "mentor" => ("Pendamping", "Mentor"),
        "notes" => ("Catatan", "Notes"),
        "capital" => ("Modal usaha", "Business capital"),
        "annual_sales" => ("Omzet tahunan", "Annual sales"),
        "employees" => ("Jumlah tenaga kerja", "Employees"),
        _ => ("Isian", "Field"),
    }
}

fn required(field: &str) -> FieldError {
    let (id, en) = label(field);
    FieldError::new(
        field,
        "required",
        Text::new(format!("{id} wajib diisi."), format!("{en} is required.")),
    )
}

/// Bidirectional overrides and isolates can make a name display as something else.
fn is_forbidden_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Cleans text: NFC, no control or bidi-override characters, whitespace folded (newlines kept
/// when `multiline`), trimmed, at most `max` characters. `Ok(None)` when empty.
fn clean_text(
    field: &str,
    raw: &str,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, FieldError> {
    let (id, en) = label(field);
    let allowed = |c: char| c.is_whitespace() && (multiline || c != '\n');
    if raw
        .chars()
        .any(|c| is_forbidden_char(c) && !allowed(c) && !c.is_whitespace())
    {
        return Err(FieldError::new(
            field,
            "forbidden_character",
            Text::new(
                format!("{id} berisi karakter tersembunyi yang tidak diizinkan."),
                format!("{en} contains a hidden character that is not allowed."),
            ),
        ));
    }
    let nfc: String = raw.nfc().collect();
    let cleaned = if multiline {
        nfc.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        nfc.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let count = cleaned.chars().count();
    if count > max {
        return Err(FieldError::new(
            field,
            "too_long",
            Text::new(
                format!("{id} terlalu panjang ({count} karakter, paling banyak {max})."),
                format!("{en} is too long ({count} characters, at most {max})."),
            ),
        ));
    }
    Ok(Some(cleaned))
}

fn clean_name(field: &str, raw: &str) -> Result<String, FieldError> {
    clean_text(field, raw, MAX_NAME_CHARS, false)?.ok_or_else(|| required(field))
}

fn check_phone(raw: &str) -> Result<String, FieldError> {
    if raw.trim().is_empty() {
        return Err(required("phone"));
    }
    phone::normalise(raw).ok_or_else(|| {
        FieldError::new(
            "phone",
            "invalid_phone",
            Text::new(
                format!(
                    "Nomor HP \"{}\" tidak valid: tulis nomor seluler Indonesia seperti 0812-3456-7890 atau +62 812 3456 7890.",
                    shorten(raw)
                ),
                format!(
                    "Mobile number \"{}\" is not valid: enter an Indonesian mobile number such as 0812-3456-7890 or +62 812 3456 7890.",
                    shorten(raw)
                ),
            ),
        )
    })
}

pub(super) fn check_kecamatan(raw: &str) -> Result<String, FieldError> {
    if raw.trim().is_empty() {
        return Err(required("kecamatan"));
    }
    region::jakarta().find_kecamatan(raw).map(|k| k.code.clone()).ok_or_else(|| {
        FieldError::new(
            "kecamatan",
            "unknown_kecamatan",
            Text::new(
                format!("Kecamatan \"{}\" tidak ada di Jakarta. Pilih salah satu dari 44 kecamatan.", shorten(raw)),
                format!("Kecamatan \"{}\" does not exist in Jakarta. Choose one of its 44 kecamatan.", shorten(raw)),
            ),
        )
    })
}

pub(super) fn check_category(raw: &str, categories: &[Category]) -> Result<String, FieldError> {
    if raw.trim().is_empty() {
        return Err(required("category"));
    }
    category::find(categories, raw)
        .map(|c| c.slug.clone())
        .ok_or_else(|| {
            let slugs = categories
                .iter()
                .map(|c| c.slug.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            FieldError::new(
                "category",
                "unknown_category",
                Text::new(
                    format!(
                        "Kategori \"{}\" tidak dikenal. Pilih salah satu: {slugs}.",
                        shorten(raw)
                    ),
                    format!(
                        "Category \"{}\" is unknown. Choose one of: {slugs}.",
                        shorten(raw)
                    ),
                ),
            )
        })
}

fn check_kelurahan(raw: &str, kecamatan_code: &str) -> Result<String, FieldError> {
    let fold = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let wanted = fold(raw);
    region::jakarta()
        .kelurahan_of(kecamatan_code)
        .find(|k| k.code == raw.trim() || fold(&k.name) == wanted)
        .map(|k| k.code.clone())
        .ok_or_else(|| {
            let kec = region::jakarta()
                .kecamatan_by_code(kecamatan_code)
                .map(|k| k.name.as_str())
                .unwrap_or(kecamatan_code);
            FieldError::new(
                "kelurahan",
                "unknown_kelurahan",
                Text::new(
                    format!(
                        "Kelurahan \"{}\" tidak ada di Kecamatan {kec}.",
                        shorten(raw)
                    ),
                    format!("Kelurahan \"{}\" is not in Kecamatan {kec}.", shorten(raw)),
                ),
            )
        })
}

fn check_legal_form(raw: &str) -> Result<String, FieldError> {
    let v = raw.trim().to_lowercase().replace('.', "");
    LEGAL_FORMS
        .iter()
        .find(|f| **f == v)
        .map(|f| (*f).to_owned())
        .ok_or_else(|| {
            FieldError::new(
                "legal_form",
                "unknown_legal_form",
                Text::new(
                    format!(
                        "Bentuk usaha harus salah satu dari: {}.",
                        LEGAL_FORMS.join(", ")
                    ),
                    format!("The legal form must be one of: {}.", LEGAL_FORMS.join(", ")),
                ),
            )
        })
}

/// Whole rupiah as people type them: `Rp 15.000.000`, `15000000`, `15.000.000,00`.
fn check_rupiah(field: &str, raw: &str) -> Result<i64, FieldError> {
    let (id, en) = label(field);
    let t = raw
        .trim()
        .trim_start_matches("Rp")
        .trim_start_matches("rp")
        .trim();
    let t = t
        .strip_suffix(",00")
        .or_else(|| t.strip_suffix(",0"))
        .unwrap_or(t);
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| {
            (0..=1_000_000_000_000_000).contains(n)
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
        })
        .ok_or_else(|| {
            FieldError::new(
                field,
                "invalid_amount",
                Text::new(
                    format!("{id} harus jumlah rupiah tanpa sen, misalnya Rp 15.000.000."),
                    format!("{en} must be a whole-rupiah amount, e.g. Rp 15.000.000."),
                ),
            )
        })
}

fn check_count(field: &str, raw: &str) -> Result<i64, FieldError> {
    let (id, en) = label(field);
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=1_000_000).contains(n))
        .ok_or_else(|| {
            FieldError::new(
                field,
                "invalid_number",
                Text::new(
                    format!("{id} harus bilangan bulat."),
                    format!("{en} must be a whole number."),
                ),
            )
        })
}

/// RT and RW: 1–3 digits, stored zero-padded to three (`RT 004/RW 011`).
/// An online shop's address, printed as a QR code: `https://` (added when missing), a host
/// with a dot, no spaces or control characters, at most 300 characters.
pub fn check_shop_link(raw: &str) -> Result<String, FieldError> {
    let t = raw.trim();
    let link = if t.starts_with("https://") || t.starts_with("http://") {
        t.to_owned()
    } else {
        format!("https://{t}")
    };
    let rest = link.split_once("://").map(|(_, r)| r).unwrap_or_default();
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let chars_ok = link
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'));
    if link.len() > 300 || !host_ok || !chars_ok {
        return Err(FieldError::new(
            "shop_link",
            "invalid_link",
            Text::new(
                "Tautan toko harus alamat web, misalnya https://www.tokopedia.com/nama-toko.",
                "The shop link must be a web address, e.g. https://www.tokopedia.com/shop-name.",
            ),
        ));
    }
    Ok(link)
}

fn check_rt_rw(field: &str, raw: &str) -> Result<String, FieldError> {
    let t = raw.trim();
    match t.parse::<u16>() {
        Ok(n) if (1..=999).contains(&n) && t.len() <= 3 => Ok(format!("{n:03}")),
        _ => Err(FieldError::new(
            field,
            "invalid_rt_rw",
            Text::new(
                format!("{} harus 1–3 angka.", field.to_uppercase()),
                format!("{} must be 1–3 digits.", field.to_uppercase()),
            ),
        )),
    }
}

fn check_gender(raw: &str) -> Result<Gender, FieldError> {
    match raw.trim().to_lowercase().as_str() {
        "female" | "perempuan" | "p" | "wanita" | "f" => Ok(Gender::Female),
        "male" | "laki-laki" | "laki" | "l" | "pria" | "m" => Ok(Gender::Male),
        _ => Err(FieldError::new(
            "gender",
            "unknown_gender",
            Text::new(
                "Jenis kelamin: perempuan atau laki-laki.",
                "Gender: female or male.",
            ),
        )),
    }
}

fn check_birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let t = raw.trim();
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
        .filter(|d| *d <= today && d.format("%Y").to_string().as_str() >= "1900");
    date.ok_or_else(|| {
        FieldError::new(
            "birth_date",
            "invalid_date",
            Text::new(
                format!(
                    "Tanggal lahir \"{}\" tidak valid: tulis seperti 17-08-1985.",
                    shorten(raw)
                ),
                format!(
                    "Birth date \"{}\" is not valid: write it like 17-08-1985.",
                    shorten(raw)
                ),
            ),
        )
    })
}

/// Echoes at most 40 characters of a bad value back to the user.
fn shorten(raw: &str) -> String {
    let clean: String = raw.chars().filter(|c| !is_forbidden_char(*c)).collect();
    if clean.chars().count() > 40 {
        format!("{}…", clean.chars().take(40).collect::<String>())
    } else {
        clean
    }
}

/// Today in Jakarta (WIB, UTC+7, no daylight saving).
pub fn today_in_jakarta() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// Collects every field's problem instead of stopping at the first.
struct Collect {
    errors: Vec<FieldError>,
    warnings: Vec<FieldWarning>,
}

impl Collect {
    fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        r.map_err(|e| self.errors.push(e)).ok()
    }

    /// An optional field: empty means not given; otherwise it must pass.
    fn optional<T>(
        &mut self,
        raw: &str,
        check: impl FnOnce(&str) -> Result<T, FieldError>,
    ) -> Option<T> {
        if raw.trim().is_empty() {
            None
        } else {
            self.take(check(raw))
        }
    }

    fn identifier(
        &mut self,
        raw: &str,
        check: impl FnOnce(&str) -> Result<Checked, FieldError>,
    ) -> Option<String> {
        let checked = self.optional(raw, check)?;
        self.warnings.extend(checked.warnings);
        Some(checked.value)
    }

    fn text(&mut self, field: &str, raw: &str, max: usize) -> Option<String> {
        self.take(clean_text(field, raw, max, false)).flatten()
    }
}

/// Validates a whole draft, reporting every field at fault at once.
pub fn validate_draft(draft: &VendorDraft, categories: &[Category]) -> Result<ValidVendor> {
    validate_on(draft, categories, today_in_jakarta())
}

pub(super) fn validate_on(
    d: &VendorDraft,
    categories: &[Category],
    today: NaiveDate,
) -> Result<ValidVendor> {
    let mut c = Collect {
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let name = c.take(clean_name("name", &d.name));
    let owner = c.take(clean_name("owner", &d.owner));
    let phone = c.take(check_phone(&d.phone));
    let kecamatan_code = c.take(check_kecamatan(&d.kecamatan));
    let category_slug = c.take(check_category(&d.category, categories));
    let brand = c.text("brand", &d.brand, MAX_NAME_CHARS);
    let legal_form = c.optional(&d.legal_form, check_legal_form);
    let nib = c.identifier(&d.nib, identifier::nib);
    let npwp = c.identifier(&d.npwp, identifier::npwp);
    let codes: Vec<&str> = d
        .kbli
        .split([',', ';', ' '])
        .filter(|s| !s.trim().is_empty())
        .collect();
    if codes.len() > MAX_KBLI {
        c.errors.push(FieldError::new(
            "kbli",
            "too_many",
            Text::new(
                format!("Paling banyak {MAX_KBLI} kode KBLI."),
                format!("At most {MAX_KBLI} KBLI codes."),
            ),
        ));
    }
    let mut kbli: Vec<String> = codes
        .iter()
        .filter_map(|k| c.identifier(k, identifier::kbli))
        .collect();
    kbli.dedup();
    let kbli_edition = match d.kbli_edition.trim() {
        "" if kbli.is_empty() => None,
        "" | "2020" => Some(2020),
        "2025" => Some(2025),
        _ => {
            c.errors.push(FieldError::new(
                "kbli_edition",
                "unknown_edition",
                Text::new("Edisi KBLI: 2020 atau 2025.", "KBLI edition: 2020 or 2025."),
            ));
            None
        }
    };
    let capital_rp = c.optional(&d.capital, |r| check_rupiah("capital", r));
    let annual_sales_rp = c.optional(&d.annual_sales, |r| check_rupiah("annual_sales", r));
    let employees = c.optional(&d.employees, |r| check_count("employees", r));
    let street = c.text("street", &d.street, 200);
    let rt = c.optional(&d.rt, |r| check_rt_rw("rt", r));
    let rw = c.optional(&d.rw, |r| check_rt_rw("rw", r));
    let kelurahan_code = match &kecamatan_code {
        Some(k) => c.optional(&d.kelurahan, |r| check_kelurahan(r, k)),
        None => None, // the kecamatan's own error says what to fix first
    };
    let gender = c.optional(&d.gender, check_gender);
    let birth_date = c.optional(&d.birth_date, |r| check_birth_date(r, today));
    let nik = c.identifier(&d.nik, |r| identifier::nik(r, gender, birth_date, today));
    let email = c.identifier(&d.email, identifier::email);
    let home_address = c.text("home_address", &d.home_address, 300);
    let public_contact = c.text("public_contact", &d.public_contact, 200);
    let shop_link = c.optional(&d.shop_link, check_shop_link);
    let agency = c.text("agency", &d.agency, MAX_NAME_CHARS);
    let mentor = c.text("mentor", &d.mentor, MAX_NAME_CHARS);
    let notes = c.take(clean_text("notes", &d.notes, 2000, true)).flatten();

    match (name, owner, phone, kecamatan_code, category_slug) {
        (Some(name), Some(owner), Some(phone), Some(kecamatan_code), Some(category_slug))
            if c.errors.is_empty() =>
        {
            Ok(ValidVendor {
                name,
                owner,
                phone,
                kecamatan_code,
                category_slug,
                brand,
                legal_form,
                nib,
                npwp,
                kbli,
                kbli_edition,
                capital_rp,
                annual_sales_rp,
                employees,
                street,
                rt,
                rw,
                kelurahan_code,
                gender,
                birth_date,
                nik,
                email,
                whatsapp: d.whatsapp,
                home_address,
                public_contact,
                shop_link,
                agency,
                mentor,
                notes,
                warnings: c.warnings,
            })
        }
        _ => Err(Error::Invalid(c.errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats() -> Vec<Category> {
        vec![Category {
            slug: "kesehatan".into(),
            name: Text::new("Produk Kesehatan", "Health products"),
            rotation: 4,
        }]
    }

    fn base() -> VendorDraft {
        VendorDraft {
            name: "Jamu Bu Tini".into(),
            owner: "Tini".into(),
            phone: "0812-3456-7890".into(),
            kecamatan: "Gambir".into(),
            category: "kesehatan".into(),
            ..Default::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
    }

    fn fields_of(e: Error) -> Vec<String> {
        e.fields().iter().map(|f| f.field.clone()).collect()
    }

    #[test]
    fn the_full_record_is_normalised() {
        let v = validate_on(
            &VendorDraft {
                legal_form: "CV.".into(),
                nib: "1234 5678 90123".into(),
                kbli: "10792, 47111".into(),
                capital: "Rp 15.000.000".into(),
                annual_sales: "250.000.000,00".into(),
                employees: "3".into(),
                rt: "4".into(),
                rw: "11".into(),
                kelurahan: "cideng".into(),
                gender: "Perempuan".into(),
                birth_date: "12-05-1985".into(),
                nik: "3171015205850007".into(),
                email: "Tini@Contoh.id".into(),
                notes: "Baris satu\n  baris   dua ".into(),
                ..base()
            },
            &cats(),
            today(),
        )
        .expect("valid");
        assert_eq!(v.legal_form.as_deref(), Some("cv"));
        assert_eq!(v.nib.as_deref(), Some("1234567890123"));
        assert_eq!(v.kbli, ["10792", "47111"]);
        assert_eq!(
            v.kbli_edition,
            Some(2020),
            "codes without an edition are KBLI 2020"
        );
        assert_eq!(
            (v.capital_rp, v.annual_sales_rp, v.employees),
            (Some(15_000_000), Some(250_000_000), Some(3))
        );
        assert_eq!(
            (v.rt.as_deref(), v.rw.as_deref()),
            (Some("004"), Some("011"))
        );
        assert_eq!(
            v.kelurahan_code.as_deref(),
            Some("31.71.01.1002"),
            "Cideng is in Gambir"
        );
        assert_eq!(v.gender, Some(Gender::Female));
        assert_eq!(v.email.as_deref(), Some("tini@contoh.id"));
        assert_eq!(v.notes.as_deref(), Some("Baris satu\nbaris dua"));
        assert!(v.warnings.is_empty());
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let err = validate_on(
            &VendorDraft {
                legal_form: "yayasan".into(),
                nib: "123".into(),
                kbli: "1079".into(),
                capital: "lima juta".into(),
                rt: "1234".into(),
                kelurahan: "Menteng".into(),
                birth_date: "31-02-1985".into(),
                nik: "31710152058".into(),
                email: "tini@".into(),
                ..base()
            },
            &cats(),
            today(),
        )
        .expect_err("all wrong");
        assert_eq!(
            fields_of(err),
            [
                "legal_form",
                "nib",
                "kbli",
                "capital",
                "rt",
                "kelurahan",
                "birth_date",
                "nik",
                "email"
            ]
        );
    }

    #[test]
    fn the_nik_is_checked_against_the_birth_date_and_gender_entered() {
        let draft = VendorDraft {
            gender: "male".into(),
            nik: "3171015205850007".into(),
            ..base()
        };
        let err = validate_on(&draft, &cats(), today()).expect_err("a woman's NIK for a man");
        assert_eq!(err.fields()[0].code, "nik_gender_mismatch");
        let v = validate_on(
            &VendorDraft {
                nik: "3199015205850007".into(),
                ..base()
            },
            &cats(),
            today(),
        )
        .expect("saved");
        assert_eq!(
            v.warnings[0].code, "nik_region_unknown",
            "warned, not refused"
        );
    }

    #[test]
    fn future_birth_dates_and_huge_amounts_are_refused() {
        let err = validate_on(
            &VendorDraft {
                birth_date: "2027-01-01".into(),
                capital: "9999999999999999999".into(),
                ..base()
            },
            &cats(),
            today(),
        )
        .expect_err("refused");
        assert_eq!(fields_of(err), ["capital", "birth_date"]);
    }
}

#[cfg(test)]
mod shop_link_tests {
    use super::check_shop_link;

    #[test]
    fn shop_links_are_web_addresses() {
        assert_eq!(
            check_shop_link(" tokopedia.com/kue-ibu ").expect("valid"),
            "https://tokopedia.com/kue-ibu"
        );
        assert_eq!(
            check_shop_link("https://shopee.co.id/toko?x=1").expect("valid"),
            "https://shopee.co.id/toko?x=1"
        );
        for bad in [
            "javascript:alert(1)",
            "toko saya",
            "https://localhost/x",
            "https://.com",
            "https://a.b/\"onmouseover=x",
            "https://a.b/<script>",
            "ftp://a.b/c",
            "https://a.b/\u{202e}x",
        ] {
            assert!(check_shop_link(bad).is_err(), "{bad}");
        }
        assert!(check_shop_link(&format!("https://a.id/{}", "x".repeat(300))).is_err());
    }
}
