//! Calendar days as people type them: `2026-11-02`, `02-11-2026` or `02/11/2026`.

use chrono::NaiveDate;

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
}
