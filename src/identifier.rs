//! Indonesian identifiers, checked at entry (shared reference domain.md §2, §7.2).
//!
//! Each check returns the normalised value with any warnings (saved, but flagged: an expired
//! P-IRT, a NIK from a region we do not know), or a field error (refused: wrong length, an
//! impossible date, a halal process number instead of a certificate).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::FieldError;
use crate::region;
use crate::text::Text;

/// Something worth a second look that does not stop saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldWarning {
    pub field: String,
    pub code: String,
    pub message: Text,
}

/// A value that passed its check, normalised, with its warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub value: String,
    pub warnings: Vec<FieldWarning>,
}

type Check = Result<Checked, FieldError>;

fn ok(value: impl Into<String>) -> Check {
    Ok(Checked {
        value: value.into(),
        warnings: Vec::new(),
    })
}

fn refuse(field: &str, code: &str, id: String, en: String) -> FieldError {
    FieldError::new(field, code, Text::new(id, en))
}

fn warn(field: &str, code: &str, id: String, en: String) -> FieldWarning {
    FieldWarning {
        field: field.into(),
        code: code.into(),
        message: Text::new(id, en),
    }
}

/// Keeps the digits, dropping the spaces, dots and dashes people type between them; `None` if
/// anything else is there.
fn digits_only(raw: &str) -> Option<String> {
    let mut out = String::new();
    for c in raw.trim().chars() {
        match c {
            '0'..='9' => out.push(c),
            ' ' | '.' | '-' | '/' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Women's NIKs carry the birth day plus 40.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
}

/// Indonesia's province codes (Kemendagri), for NIKs registered outside Jakarta.
const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
    "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
    "91", "92", "93", "94", "95", "96",
];

/// NIK: 16 digits = province, regency, kecamatan of first registration, birth date (women +40
/// on the day), serial. The birth date and gender it encodes must match the ones entered.
pub fn nik(raw: &str, gender: Option<Gender>, birth: Option<NaiveDate>, today: NaiveDate) -> Check {
    const F: &str = "nik";
    let d = digits_only(raw).filter(|d| d.len() == 16).ok_or_else(|| {
        refuse(
            F,
            "invalid_nik",
            "NIK harus 16 angka.".into(),
            "A NIK has 16 digits.".into(),
        )
    })?;
    let num = |a: usize, b: usize| d[a..b].parse::<u32>().unwrap_or(0);
    let (day_code, month, yy) = (num(6, 8), num(8, 10), num(10, 12));
    let female = day_code > 40;
    let day = if female { day_code - 40 } else { day_code };
    let century = if 2000 + yy as i32 <= today.year() {
        2000
    } else {
        1900
    };
    let born = NaiveDate::from_ymd_opt(century + yy as i32, month, day).ok_or_else(|| {
        refuse(
            F,
            "invalid_nik_date",
            format!("NIK {d} tidak memuat tanggal lahir yang mungkin (digit 7–12)."),
            format!("NIK {d} does not hold a possible birth date (digits 7–12)."),
        )
    })?;
    if &d[12..16] == "0000" {
        return Err(refuse(
            F,
            "invalid_nik_serial",
            "Nomor urut NIK tidak boleh 0000.".into(),
            "A NIK's serial cannot be 0000.".into(),
        ));
    }
    if let Some(b) = birth
        && b != born
    {
        return Err(refuse(
            F,
            "nik_birth_mismatch",
            format!(
                "NIK menunjukkan tanggal lahir {}, tetapi yang diisi {}. Periksa KTP.",
                born.format("%d-%m-%Y"),
                b.format("%d-%m-%Y")
            ),
            format!(
                "The NIK says born {}, but {} was entered. Check the ID card.",
                born.format("%d-%m-%Y"),
                b.format("%d-%m-%Y")
            ),
        ));
    }
    if let Some(g) = gender
        && (g == Gender::Female) != female
    {
        return Err(refuse(
            F,
            "nik_gender_mismatch",
            "Jenis kelamin tidak sesuai dengan NIK (perempuan: tanggal lahir + 40). Periksa KTP."
                .into(),
            "The gender does not match the NIK (women: birth day + 40). Check the ID card.".into(),
        ));
    }
    let mut checked = Checked {
        value: d.clone(),
        warnings: Vec::new(),
    };
    let (province, kecamatan) = (&d[0..2], format!("{}.{}.{}", &d[0..2], &d[2..4], &d[4..6]));
    let known = if province == "31" {
        region::jakarta().kecamatan_by_code(&kecamatan).is_some()
    } else {
        PROVINCES.contains(&province)
    };
    if !known {
        checked.warnings.push(warn(
            F,
            "nik_region_unknown",
            format!("Kode wilayah NIK ({kecamatan}) tidak dikenal; mungkin kode lama. Periksa KTP."),
            format!("The NIK's region code ({kecamatan}) is unknown; it may be an old code. Check the ID card."),
        ));
    }
    Ok(checked)
}

/// NIB (Nomor Induk Berusaha, OSS): 13 digits, no checksum.
pub fn nib(raw: &str) -> Check {
    match digits_only(raw).filter(|d| d.len() == 13) {
        Some(d) => ok(d),
        None => Err(refuse(
            "nib",
            "invalid_nib",
            "NIB harus 13 angka.".into(),
            "An NIB has 13 digits.".into(),
        )),
    }
}

/// NPWP: 15 digits (legacy, stored with a leading 0) or 16 digits.
pub fn npwp(raw: &str) -> Check {
    match digits_only(raw) {
        Some(d) if d.len() == 15 => ok(format!("0{d}")),
        Some(d) if d.len() == 16 => ok(d),
        _ => Err(refuse(
            "npwp",
            "invalid_npwp",
            "NPWP harus 15 atau 16 angka.".into(),
            "An NPWP has 15 or 16 digits.".into(),
        )),
    }
}

/// P-IRT (SPP-IRT): 15 digits once `P-IRT`, `No.`, spaces and dashes are dropped; the first is
/// the packaging (1–8), digits 4–5 the province, the last two the year it expires.
pub fn pirt(raw: &str, today: NaiveDate) -> Check {
    const F: &str = "pirt";
    let upper = raw.to_uppercase();
    let stripped = upper
        .replace("P-IRT", "")
        .replace("PIRT", "")
        .replace("NO.", "")
        .replace("NO", "");
    let d = digits_only(&stripped)
        .filter(|d| d.len() == 15)
        .ok_or_else(|| {
            refuse(
                F,
                "invalid_pirt",
                "Nomor P-IRT harus 15 angka.".into(),
                "A P-IRT number has 15 digits.".into(),
            )
        })?;
    if !('1'..='8').contains(&d.chars().next().unwrap_or('0')) {
        return Err(refuse(
            F,
            "invalid_pirt_packaging",
            "Angka pertama P-IRT (jenis kemasan) harus 1–8.".into(),
            "A P-IRT's first digit (the packaging) must be 1–8.".into(),
        ));
    }
    let mut checked = Checked {
        value: d.clone(),
        warnings: Vec::new(),
    };
    let expires = 2000 + d[13..15].parse::<i32>().unwrap_or(0);
    if expires < today.year() {
        checked.warnings.push(warn(
            F,
            "pirt_expired",
            format!(
                "P-IRT ini berlaku sampai {expires}: sudah habis. Minta pelaku usaha memperpanjang."
            ),
            format!("This P-IRT ran until {expires}: it has expired. Ask the vendor to renew it."),
        ));
    }
    if &d[3..5] != "31" {
        checked.warnings.push(warn(
            F,
            "pirt_outside_jakarta",
            "P-IRT ini terbit di luar Jakarta (digit 4–5 bukan 31).".into(),
            "This P-IRT was issued outside Jakarta (digits 4–5 are not 31).".into(),
        ));
    }
    Ok(checked)
}

/// BPOM marketing authorisation: MD/ML + 12 digits (processed food), NA + 11 (cosmetics),
/// TR/TI/HT/FF/SD/SI/SL + 9 (traditional medicine, supplements). Stored as e.g. `MD123456789012`.
pub fn bpom(raw: &str) -> Check {
    let upper: String = raw
        .to_uppercase()
        .replace("BPOM RI", "")
        .replace("BPOM", "")
        .replace("POM", "");
    let compact: String = upper
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect();
    let (prefix, digits) = compact.split_at(
        compact
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(compact.len()),
    );
    let want = match prefix {
        "MD" | "ML" => 12,
        "NA" => 11,
        "TR" | "TI" | "HT" | "FF" | "SD" | "SI" | "SL" => 9,
        _ => 0,
    };
    if want > 0 && digits.len() == want && digits.chars().all(|c| c.is_ascii_digit()) {
        return ok(compact);
    }
    Err(refuse(
        "bpom",
        "invalid_bpom",
        "Nomor BPOM tidak dikenal: MD/ML + 12 angka, NA + 11 angka, atau TR/TI/HT/FF/SD/SI/SL + 9 angka.".into(),
        "Unknown BPOM number: MD/ML + 12 digits, NA + 11 digits, or TR/TI/HT/FF/SD/SI/SL + 9 digits.".into(),
    ))
}

/// Halal certificate (BPJPH): `ID` then 14–17 digits (warned, not refused, when it differs:
/// the format is not fully published). A `KH` number means certification is not finished.
pub fn halal(raw: &str) -> Check {
    const F: &str = "halal";
    let compact: String = raw
        .to_uppercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if compact.starts_with("KH") {
        return Err(refuse(
            F,
            "halal_not_certificate",
            "Nomor KH (Ketetapan Halal) bukan sertifikat: sertifikasinya belum selesai. Isi nomor sertifikat yang diawali ID.".into(),
            "A KH number (halal decision) is not a certificate: certification is not finished. Enter the certificate number starting with ID.".into(),
        ));
    }
    if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(refuse(
            F,
            "invalid_halal",
            "Nomor sertifikat halal tidak valid.".into(),
            "The halal certificate number is not valid.".into(),
        ));
    }
    let mut checked = Checked {
        value: compact.clone(),
        warnings: Vec::new(),
    };
    let digits = compact.strip_prefix("ID").unwrap_or("");
    if !(14..=17).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        checked.warnings.push(warn(
            F,
            "halal_unusual",
            "Nomor sertifikat halal biasanya ID + 14–17 angka. Periksa di halal.go.id.".into(),
            "Halal certificate numbers are usually ID + 14–17 digits. Check at halal.go.id.".into(),
        ));
    }
    Ok(checked)
}

/// KBLI business classification: 5 digits.
pub fn kbli(raw: &str) -> Check {
    match digits_only(raw).filter(|d| d.len() == 5) {
        Some(d) => ok(d),
        None => Err(refuse(
            "kbli",
            "invalid_kbli",
            format!("Kode KBLI \"{}\" harus 5 angka.", raw.trim()),
            format!("KBLI code \"{}\" must have 5 digits.", raw.trim()),
        )),
    }
}

/// An e-mail address, loosely: one `@`, a dot in the domain, no spaces.
pub fn email(raw: &str) -> Check {
    let e = raw.trim().to_lowercase();
    let valid = e.len() <= 254
        && !e.contains(char::is_whitespace)
        && e.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        ok(e)
    } else {
        Err(refuse(
            "email",
            "invalid_email",
            "Alamat email tidak valid.".into(),
            "The e-mail address is not valid.".into(),
        ))
    }
}

/// MSME size class by PP 7/2021 art. 35.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SizeClass {
    Mikro,
    Kecil,
    Menengah,
    /// Above the MSME thresholds.
    Besar,
}

/// The size class from annual sales (used for running businesses) or, when sales are not
/// known, from business capital excluding land and buildings (used at founding). Whole rupiah.
pub fn size_class(capital_rp: Option<i64>, annual_sales_rp: Option<i64>) -> Option<SizeClass> {
    const M: i64 = 1_000_000_000; // one billion rupiah ("M", miliar)
    if let Some(sales) = annual_sales_rp {
        return Some(match sales {
            s if s <= 2 * M => SizeClass::Mikro,
            s if s <= 15 * M => SizeClass::Kecil,
            s if s <= 50 * M => SizeClass::Menengah,
            _ => SizeClass::Besar,
        });
    }
    capital_rp.map(|c| match c {
        c if c <= M => SizeClass::Mikro,
        c if c <= 5 * M => SizeClass::Kecil,
        c if c <= 10 * M => SizeClass::Menengah,
        _ => SizeClass::Besar,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn code<T: std::fmt::Debug>(r: Result<T, FieldError>) -> String {
        r.expect_err("should be refused").code
    }

    #[test]
    fn nik_accepts_a_real_shape_and_reads_its_date_and_gender() {
        // 31.74.01 Tebet, born 12-05-1985, a woman (day + 40 = 52), serial 0007.
        let c = nik(
            "3174 0152 0585 0007",
            Some(Gender::Female),
            Some(date(1985, 5, 12)),
            today(),
        )
        .expect("valid");
        assert_eq!(c.value, "3174015205850007");
        assert!(c.warnings.is_empty());
        // A man born 3-1-2001.
        nik(
            "3171010301010001",
            Some(Gender::Male),
            Some(date(2001, 1, 3)),
            today(),
        )
        .expect("valid");
    }

    #[test]
    fn nik_refuses_bad_lengths_dates_serials_and_mismatches() {
        assert_eq!(
            code(nik("317401520585", None, None, today())),
            "invalid_nik"
        );
        assert_eq!(
            code(nik("31740152058500x7", None, None, today())),
            "invalid_nik"
        );
        assert_eq!(
            code(nik("3174013202850007", None, None, today())),
            "invalid_nik_date",
            "day 32"
        );
        assert_eq!(
            code(nik("3174017513850007", None, None, today())),
            "invalid_nik_date",
            "month 13"
        );
        assert_eq!(
            code(nik("3174013102850007", None, None, today())),
            "invalid_nik_date",
            "31 February"
        );
        assert_eq!(
            code(nik("3174015205850000", None, None, today())),
            "invalid_nik_serial"
        );
        assert_eq!(
            code(nik(
                "3174015205850007",
                None,
                Some(date(1985, 5, 13)),
                today()
            )),
            "nik_birth_mismatch"
        );
        assert_eq!(
            code(nik("3174015205850007", Some(Gender::Male), None, today())),
            "nik_gender_mismatch"
        );
    }

    #[test]
    fn nik_from_an_unknown_region_is_saved_with_a_warning() {
        let c = nik("3199015205850007", None, None, today()).expect("saved");
        assert_eq!(c.warnings[0].code, "nik_region_unknown");
        let outside = nik("3273015205850007", None, None, today()).expect("Bandung");
        assert!(
            outside.warnings.is_empty(),
            "other provinces are known by their code"
        );
        assert_eq!(
            nik("9901015205850007", None, None, today())
                .expect("saved")
                .warnings[0]
                .code,
            "nik_region_unknown"
        );
    }

    #[test]
    fn nib_and_npwp() {
        assert_eq!(nib("1234567890123").expect("ok").value, "1234567890123");
        assert_eq!(nib(" 1234 5678 90123 ").expect("ok").value, "1234567890123");
        assert_eq!(code(nib("123456789012")), "invalid_nib");
        assert_eq!(code(nib("12345678901234")), "invalid_nib");
        assert_eq!(code(nib("12345678901ab")), "invalid_nib");
        assert_eq!(
            npwp("01.234.567.8-901.234").expect("15").value,
            "0012345678901234"
        );
        assert_eq!(
            npwp("3174015205850007").expect("16").value,
            "3174015205850007"
        );
        assert_eq!(code(npwp("1234")), "invalid_npwp");
    }

    #[test]
    fn pirt_checks_digits_packaging_and_warns_when_expired_or_outside_jakarta() {
        let c = pirt("P-IRT No. 2063174010128-30", today()).expect("valid");
        assert_eq!(c.value, "206317401012830");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let old = pirt("206317401012824", today()).expect("saved");
        assert_eq!(old.warnings[0].code, "pirt_expired");
        let bandung = pirt("206327301012830", today()).expect("saved");
        assert_eq!(bandung.warnings[0].code, "pirt_outside_jakarta");
        assert_eq!(
            code(pirt("906317401012830", today())),
            "invalid_pirt_packaging"
        );
        assert_eq!(code(pirt("20631740101283", today())), "invalid_pirt");
    }

    #[test]
    fn bpom_prefixes_and_lengths() {
        assert_eq!(
            bpom("BPOM RI MD 123456789012").expect("MD").value,
            "MD123456789012"
        );
        assert_eq!(bpom("ml123456789012").expect("ML").value, "ML123456789012");
        assert_eq!(bpom("NA18171234567").expect("NA").value, "NA18171234567");
        assert_eq!(bpom("POM TR 123456789").expect("TR").value, "TR123456789");
        assert_eq!(bpom("SD 123456789").expect("SD").value, "SD123456789");
        for bad in [
            "MD 12345678901",
            "NA123456789012",
            "XX123456789",
            "TR12345678",
            "123456789012",
        ] {
            assert_eq!(code(bpom(bad)), "invalid_bpom", "{bad}");
        }
    }

    #[test]
    fn halal_refuses_kh_numbers_and_warns_on_unusual_shapes() {
        assert!(
            halal("ID31110000123456789")
                .expect("ok")
                .warnings
                .is_empty()
        );
        assert_eq!(
            halal("id 3111000012345").expect("ok").value,
            "ID3111000012345"
        );
        assert_eq!(
            halal("ID8111000").expect("saved").warnings[0].code,
            "halal_unusual"
        );
        assert_eq!(code(halal("KH.123/2024")), "halal_not_certificate");
        assert_eq!(code(halal("")), "invalid_halal");
    }

    #[test]
    fn kbli_and_email() {
        assert_eq!(kbli("10792").expect("ok").value, "10792");
        assert_eq!(code(kbli("1079")), "invalid_kbli");
        assert_eq!(
            email(" Siti@Contoh.co.id ").expect("ok").value,
            "siti@contoh.co.id"
        );
        for bad in [
            "siti",
            "siti@",
            "@contoh.id",
            "siti@contoh",
            "si ti@contoh.id",
            "a@b@c.id",
            "siti@.id",
        ] {
            assert_eq!(code(email(bad)), "invalid_email", "{bad}");
        }
    }

    #[test]
    fn size_class_follows_pp_7_2021() {
        const M: i64 = 1_000_000_000;
        assert_eq!(size_class(None, None), None);
        assert_eq!(size_class(Some(M), None), Some(SizeClass::Mikro));
        assert_eq!(size_class(Some(M + 1), None), Some(SizeClass::Kecil));
        assert_eq!(size_class(Some(5 * M + 1), None), Some(SizeClass::Menengah));
        assert_eq!(size_class(Some(10 * M + 1), None), Some(SizeClass::Besar));
        assert_eq!(
            size_class(Some(50 * M), Some(2 * M)),
            Some(SizeClass::Mikro),
            "sales decide for a running business"
        );
        assert_eq!(size_class(None, Some(2 * M + 1)), Some(SizeClass::Kecil));
        assert_eq!(
            size_class(None, Some(15 * M + 1)),
            Some(SizeClass::Menengah)
        );
        assert_eq!(size_class(None, Some(50 * M + 1)), Some(SizeClass::Besar));
    }
}
