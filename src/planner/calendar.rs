//! Fridays and the weekly theme rotation.
//!
//! Every Friday (Asia/Jakarta) has a theme: the rotation's categories in order, counted in
//! Fridays from the rotation's first Friday. A skipped Friday (a public holiday) has no theme
//! and does not use up a turn, so the rotation continues after it where it stopped.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

use crate::date::{day_text, long_day, parse_day, weekday_id};
use crate::error::{Error, FieldError, Result};
use crate::registry::Registry;
use crate::text::Text;

/// The first Jumat Beli Lokal (10 September 2021, culinary): the default rotation starts there,
/// and the second edition (fashion and craft) follows it as the rotation says.
pub const FIRST_EDITION: &str = "2021-09-10";
const ROTATION_KEY: &str = "rotation";

/// The rotation: from which Friday, in which order of category slugs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rotation {
    pub start: String,
    pub order: Vec<String>,
}

/// One Friday in the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarWeek {
    pub friday: String,
    /// `Jumat, 3 Desember 2021`.
    pub label: Text,
    /// The rotation's theme; none on a skipped Friday.
    pub rotation_theme: Option<String>,
    /// The theme in force: the edition's own if it has one, else the rotation's.
    pub theme: Option<String>,
    pub skipped: bool,
    pub skip_reason: Option<String>,
    pub edition: Option<EditionSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EditionSummary {
    pub id: String,
    pub state: String,
    pub items: u32,
}

fn invalid(field: &str, code: &str, id: String, en: String) -> Error {
    Error::Invalid(vec![FieldError::new(field, code, Text::new(id, en))])
}

/// Reads a date that must be a Friday; any other day is refused, naming the day it is and the
/// Fridays either side.
pub fn parse_friday(field: &str, raw: &str) -> Result<NaiveDate> {
    let day = parse_day(field, raw)
        .map_err(|e| Error::Invalid(vec![e]))?
        .ok_or_else(|| {
            invalid(
                field,
                "required",
                "Tanggal Jumat wajib diisi.".into(),
                "A Friday's date is required.".into(),
            )
        })?;
    if day.weekday() == Weekday::Fri {
        return Ok(day);
    }
    let before = previous_friday(day);
    let after = before + Duration::days(7);
    Err(invalid(
        field,
        "not_a_friday",
        format!(
            "{} adalah hari {}, bukan Jumat. Jumat terdekat: {} atau {}.",
            day_text(day),
            weekday_id(day),
            long_day(before).id,
            long_day(after).id
        ),
        format!(
            "{} is a {}, not a Friday. The nearest Fridays: {} or {}.",
            day_text(day),
            day.format("%A"),
            long_day(before).en,
            long_day(after).en
        ),
    ))
}

/// The Friday on or before `day`.
pub fn previous_friday(day: NaiveDate) -> NaiveDate {
    let back = (day.weekday().num_days_from_monday() + 7 - Weekday::Fri.num_days_from_monday()) % 7;
    day - Duration::days(i64::from(back))
}

/// The Friday on or after `day`.
pub fn next_friday(day: NaiveDate) -> NaiveDate {
    let ahead =
        (Weekday::Fri.num_days_from_monday() + 7 - day.weekday().num_days_from_monday()) % 7;
    day + Duration::days(i64::from(ahead))
}

/// The rotation's theme for a Friday, given the skipped Fridays.
pub fn rotation_theme<'a>(
    rotation: &'a Rotation,
    start: NaiveDate,
    skipped: &BTreeSet<NaiveDate>,
    friday: NaiveDate,
) -> Option<&'a str> {
    if rotation.order.is_empty() || skipped.contains(&friday) {
        return None;
    }
    let weeks = (friday - start).num_days().div_euclid(7);
    // Skipped Fridays between the start and this one do not use up a turn.
    let turns = if friday >= start {
        weeks - skipped.range(start..friday).count() as i64
    } else {
        weeks + skipped.range(friday..start).count() as i64
    };
    let n = rotation.order.len() as i64;
    Some(rotation.order[turns.rem_euclid(n) as usize].as_str())
}

impl Registry {
    /// The registry's rotation, or the default: the categories in their order from the first
    /// edition.
    pub fn rotation(&self) -> Result<Rotation> {
        if let Some(json) = self.meta(ROTATION_KEY)?
            && let Ok(r) = serde_json::from_str::<Rotation>(&json)
        {
            return Ok(r);
        }
        Ok(Rotation {
            start: FIRST_EDITION.to_owned(),
            order: self.categories()?.into_iter().map(|c| c.slug).collect(),
        })
    }

    /// Changes the rotation: its first Friday and the order of categories (each known, none
    /// twice). Editions already planned keep their themes.
    pub fn set_rotation(&self, rotation: &Rotation) -> Result<Rotation> {
        let start = parse_friday("start", &rotation.start)?;
        let categories = self.categories()?;
        let mut order = Vec::new();
        for q in &rotation.order {
            let Some(c) = crate::category::find(&categories, q) else {
                return Err(invalid(
                    "order",
                    "unknown_category",
                    format!("Kategori \"{q}\" tidak dikenal."),
                    format!("Category \"{q}\" is unknown."),
                ));
            };
            if order.contains(&c.slug) {
                return Err(invalid(
                    "order",
                    "repeated_category",
                    format!("{} disebut dua kali dalam giliran.", c.name.id),
                    format!("{} appears twice in the rotation.", c.name.en),
                ));
            }
            order.push(c.slug.clone());
        }
        if order.is_empty() {
            return Err(invalid(
                "order",
                "required",
                "Giliran memerlukan paling sedikit satu kategori.".into(),
                "The rotation needs at least one category.".into(),
            ));
        }
        let r = Rotation {
            start: day_text(start),
            order,
        };
        self.set_meta(
            ROTATION_KEY,
            &serde_json::to_string(&r).map_err(|e| Error::Internal(e.to_string()))?,
        )?;
        Ok(r)
    }

    pub(crate) fn skipped_fridays(&self) -> Result<BTreeSet<NaiveDate>> {
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT friday FROM skipped_friday WHERE deleted_at IS NULL")?;
            let days = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(days
                .iter()
                .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .collect())
        })
    }

    /// The rotation's theme for a Friday; none when the Friday is skipped.
    pub fn theme_of(&self, friday: NaiveDate) -> Result<Option<String>> {
        let rotation = self.rotation()?;
        let start = parse_friday("start", &rotation.start)?;
        let skipped = self.skipped_fridays()?;
        Ok(rotation_theme(&rotation, start, &skipped, friday).map(str::to_owned))
    }

    /// Marks a Friday as without an edition (a public holiday). Refused when an edition is
    /// planned for it: remove that first.
    pub fn skip_friday(&self, friday: &str, reason: &str) -> Result<()> {
        let day = parse_friday("friday", friday)?;
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        if reason.chars().count() > 120 || reason.chars().any(char::is_control) {
            return Err(invalid(
                "reason",
                "too_long",
                "Alasan paling banyak 120 karakter.".into(),
                "The reason is at most 120 characters.".into(),
            ));
        }
        self.write(|tx, stamp| {
            let planned: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM edition WHERE friday = ?1 AND deleted_at IS NULL)",
                [day_text(day)],
                |r| r.get(0),
            )?;
            if planned {
                return Err(Error::Conflict(Text::new(
                    format!(
                        "{} sudah punya edisi: hapus edisinya dulu.",
                        long_day(day).id
                    ),
                    format!(
                        "{} already has an edition: remove it first.",
                        long_day(day).en
                    ),
                )));
            }
            tx.execute(
                "INSERT INTO skipped_friday (friday, reason, created_at, updated_at, device_id)
                 VALUES (?1, ?2, ?3, ?3, ?4)
                 ON CONFLICT (friday) DO UPDATE SET reason = ?2, updated_at = ?3, device_id = ?4,
                   deleted_at = NULL",
                params![
                    day_text(day),
                    (!reason.is_empty()).then_some(reason),
                    stamp.time,
                    stamp.device
                ],
            )?;
            Ok(())
        })
    }

    /// Gives a skipped Friday its turn in the rotation back.
    pub fn unskip_friday(&self, friday: &str) -> Result<()> {
        let day = parse_friday("friday", friday)?;
        self.write(|tx, stamp| {
            tx.execute(
                "UPDATE skipped_friday SET deleted_at = ?2, updated_at = ?2, device_id = ?3
                 WHERE friday = ?1 AND deleted_at IS NULL",
                params![day_text(day), stamp.time, stamp.device],
            )?;
            Ok(())
        })
    }

    /// The calendar from a typed day (empty: today in Jakarta), 1 to 104 weeks: what the window
    /// and the CLI ask for.
    pub fn calendar_from(&self, from: &str, weeks: u32) -> Result<Vec<CalendarWeek>> {
        let from = parse_day("from", from)
            .map_err(|e| Error::Invalid(vec![e]))?
            .unwrap_or_else(crate::vendor::today_in_jakarta);
        self.calendar(from, weeks.clamp(1, 104))
    }

    /// `weeks` Fridays from the Friday on or after `from`, with their themes, skips and editions.
    pub fn calendar(&self, from: NaiveDate, weeks: u32) -> Result<Vec<CalendarWeek>> {
        let rotation = self.rotation()?;
        let start = parse_friday("start", &rotation.start)?;
        let skipped = self.skipped_fridays()?;
        let first = next_friday(from);
        let last = first + Duration::days(7 * i64::from(weeks.max(1) - 1));
        let (reasons, editions) = self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT friday, reason FROM skipped_friday
                 WHERE deleted_at IS NULL AND friday BETWEEN ?1 AND ?2",
            )?;
            let reasons = stmt
                .query_map([day_text(first), day_text(last)], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut stmt = c.prepare(
                "SELECT e.friday, e.id, e.state, e.theme_slug,
                   (SELECT count(*) FROM edition_item i WHERE i.edition_id = e.id
                      AND i.deleted_at IS NULL)
                 FROM edition e WHERE e.deleted_at IS NULL AND e.friday BETWEEN ?1 AND ?2",
            )?;
            let editions = stmt
                .query_map([day_text(first), day_text(last)], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(3)?,
                        EditionSummary {
                            id: r.get(1)?,
                            state: r.get(2)?,
                            items: r.get(4)?,
                        },
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok((reasons, editions))
        })?;
        Ok((0..weeks.max(1))
            .map(|w| {
                let friday = first + Duration::days(7 * i64::from(w));
                let key = day_text(friday);
                let rotation_theme =
                    rotation_theme(&rotation, start, &skipped, friday).map(str::to_owned);
                let edition = editions.iter().find(|e| e.0 == key);
                CalendarWeek {
                    label: long_day(friday),
                    theme: edition.map(|e| e.1.clone()).or(rotation_theme.clone()),
                    rotation_theme,
                    skipped: skipped.contains(&friday),
                    skip_reason: reasons
                        .iter()
                        .find(|r| r.0 == key)
                        .and_then(|r| r.1.clone()),
                    edition: edition.map(|e| e.2.clone()),
                    friday: key,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
    }

    #[test]
    fn fridays_on_either_side_of_any_day() {
        assert_eq!(previous_friday(day("2026-12-03")), day("2026-11-27"));
        assert_eq!(next_friday(day("2026-12-03")), day("2026-12-04"));
        assert_eq!(next_friday(day("2026-12-04")), day("2026-12-04"));
        assert_eq!(previous_friday(day("2026-12-05")), day("2026-12-04"));
    }

    #[test]
    fn a_day_that_is_not_a_friday_is_refused_with_the_fridays_around_it() {
        let e = parse_friday("friday", "2026-12-03").expect_err("Thursday");
        let text = e.text();
        assert!(text.id.contains("Kamis, bukan Jumat"), "{}", text.id);
        assert!(text.id.contains("Jumat, 27 November 2026"), "{}", text.id);
        assert!(text.en.contains("Friday, 4 December 2026"), "{}", text.en);
        assert_eq!(
            parse_friday("friday", "04-12-2026").expect("Friday"),
            day("2026-12-04")
        );
    }

    #[test]
    fn the_rotation_runs_backwards_from_its_start_too() {
        let r = Rotation {
            start: "2021-09-10".into(),
            order: vec!["a".into(), "b".into(), "c".into()],
        };
        let start = day("2021-09-10");
        let none = BTreeSet::new();
        assert_eq!(rotation_theme(&r, start, &none, start), Some("a"));
        assert_eq!(
            rotation_theme(&r, start, &none, day("2021-09-17")),
            Some("b")
        );
        assert_eq!(
            rotation_theme(&r, start, &none, day("2021-09-03")),
            Some("c")
        );
        let skip: BTreeSet<_> = [day("2021-09-03")].into();
        assert_eq!(rotation_theme(&r, start, &skip, day("2021-09-03")), None);
        assert_eq!(
            rotation_theme(&r, start, &skip, day("2021-08-27")),
            Some("c")
        );
    }
}
