//! Calendar days as people type them: `2026-11-02`, `02-11-2026` or `02/11/2026`.

use chrono::{Datelike, NaiveDate};

use crate::error::FieldError;
use crate::text::Text;

/// Reads a day; empty text is "no date". The error names `field`.
pub fn parse_day(field: &str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .map(Some)
        .ok_or_else(|| {
            FieldError::new(
                field,
                "invalid_date",
                Text::new(
                    "Tanggal tidak valid: tulis seperti 17-08-2026.",
                    "Not a valid date: write it like 17-08-2026.",
                ),
            )
        })
}

/// `YYYY-MM-DD`, as dates are stored.
pub fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

const DAYS_ID: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// The Indonesian name of a weekday (`Jumat`).
pub fn weekday_id(d: NaiveDate) -> &'static str {
    DAYS_ID[d.weekday().num_days_from_monday() as usize]
}

/// A day without its weekday: `3 Desember 2021` / `3 December 2021`.
pub fn medium_day(d: NaiveDate) -> Text {
    Text::new(
        format!(
            "{} {} {}",
            d.day(),
            MONTHS_ID[d.month0() as usize],
            d.year()
        ),
        d.format("%-d %B %Y").to_string(),
    )
}

/// A day written out as people read it: `Jumat, 3 Desember 2021` / `Friday, 3 December 2021`.
pub fn long_day(d: NaiveDate) -> Text {
    Text::new(
        format!(
            "{}, {} {} {}",
            weekday_id(d),
            d.day(),
            MONTHS_ID[d.month0() as usize],
            d.year()
        ),
        d.format("%A, %-d %B %Y").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_ways_of_writing_a_day_are_read() {
        let want = NaiveDate::from_ymd_opt(2026, 11, 2);
        for typed in ["2026-11-02", "02-11-2026", "2/11/2026", " 2026-11-02 "] {
            assert_eq!(parse_day("d", typed).expect(typed), want, "{typed}");
        }
        assert_eq!(parse_day("d", "").expect("empty"), None);
        assert_eq!(
            parse_day("d", "31-02-2026").expect_err("no such day").field,
            "d"
        );
    }

    #[test]
    fn days_are_written_out_the_indonesian_way() {
        let d = NaiveDate::from_ymd_opt(2021, 12, 3).expect("day");
        assert_eq!(long_day(d).id, "Jumat, 3 Desember 2021");
        assert_eq!(long_day(d).en, "Friday, 3 December 2021");
    }
}
