//! Checks a vendor's fields at the boundary: everything typed by a person or passed by a
//! script is hostile until it passes here.

use unicode_normalization::UnicodeNormalization;

use super::{VendorDraft, VendorPatch};
use crate::category::{self, Category};
use crate::error::{Error, FieldError, Result};
use crate::phone;
use crate::region;
use crate::text::Text;

pub const MAX_NAME_CHARS: usize = 120;

/// A vendor whose every field passed validation, normalised for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidVendor {
    pub name: String,
    pub owner: String,
    pub phone: String,
    pub kecamatan_code: String,
    pub category_slug: String,
}

fn label(field: &str) -> (&'static str, &'static str) {
    match field {
        "name" => ("Nama usaha", "Business name"),
        "owner" => ("Nama pemilik", "Owner's name"),
        "phone" => ("Nomor HP", "Mobile number"),
        "kecamatan" => ("Kecamatan", "Kecamatan"),
        "category" => ("Kategori", "Category"),
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

/// Cleans a name: NFC, no control or bidi-override characters, whitespace runs folded to one
/// space, trimmed, at most `MAX_NAME_CHARS` characters.
fn clean_name(field: &str, raw: &str) -> Result<String, FieldError> {
    let (id, en) = label(field);
    if raw
        .chars()
        .any(|c| is_forbidden_char(c) && !c.is_whitespace())
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
    let cleaned: String = raw
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if cleaned.is_empty() {
        return Err(required(field));
    }
    let count = cleaned.chars().count();
    if count > MAX_NAME_CHARS {
        return Err(FieldError::new(
            field,
            "too_long",
            Text::new(
                format!("{id} terlalu panjang ({count} karakter, paling banyak {MAX_NAME_CHARS})."),
                format!("{en} is too long ({count} characters, at most {MAX_NAME_CHARS})."),
            ),
        ));
    }
    Ok(cleaned)
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

/// Echoes at most 40 characters of a bad value back to the user.
fn shorten(raw: &str) -> String {
    let clean: String = raw.chars().filter(|c| !is_forbidden_char(*c)).collect();
    if clean.chars().count() > 40 {
        format!("{}…", clean.chars().take(40).collect::<String>())
    } else {
        clean
    }
}

/// Validates a whole draft, reporting every field at fault at once.
pub fn validate_draft(draft: &VendorDraft, categories: &[Category]) -> Result<ValidVendor> {
    let mut errors = Vec::new();
    let mut take = |r: Result<String, FieldError>| r.map_err(|e| errors.push(e)).ok();
    let name = take(clean_name("name", &draft.name));
    let owner = take(clean_name("owner", &draft.owner));
    let phone = take(check_phone(&draft.phone));
    let kecamatan_code = take(check_kecamatan(&draft.kecamatan));
    let category_slug = take(check_category(&draft.category, categories));
    match (name, owner, phone, kecamatan_code, category_slug) {
        (Some(name), Some(owner), Some(phone), Some(kecamatan_code), Some(category_slug)) => {
            Ok(ValidVendor {
                name,
                owner,
                phone,
                kecamatan_code,
                category_slug,
            })
        }
        _ => Err(Error::Invalid(errors)),
    }
}

/// Applies a patch to a valid vendor and validates the fields it changes.
pub fn validate_patch(
    current: ValidVendor,
    patch: &VendorPatch,
    categories: &[Category],
) -> Result<ValidVendor> {
    let mut errors = Vec::new();
    let mut next = current;
    let mut apply = |r: Result<String, FieldError>, slot: &mut String| match r {
        Ok(v) => *slot = v,
        Err(e) => errors.push(e),
    };
    if let Some(v) = &patch.name {
        apply(clean_name("name", v), &mut next.name);
    }
    if let Some(v) = &patch.owner {
        apply(clean_name("owner", v), &mut next.owner);
    }
    if let Some(v) = &patch.phone {
        apply(check_phone(v), &mut next.phone);
    }
    if let Some(v) = &patch.kecamatan {
        apply(check_kecamatan(v), &mut next.kecamatan_code);
    }
    if let Some(v) = &patch.category {
        apply(check_category(v, categories), &mut next.category_slug);
    }
    if errors.is_empty() {
        Ok(next)
    } else {
        Err(Error::Invalid(errors))
    }
}
