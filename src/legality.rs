//! A vendor's legality documents: food permits (P-IRT), BPOM marketing authorisations, halal
//! certificates, trademarks (HKI), SNI and others. Numbers are checked by kind; expired
//! documents are kept and flagged, since an expired P-IRT is a reason to coach, not to forget.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::parse_day as parse_date;
use crate::error::{Error, FieldError, Result};
use crate::identifier::{self, FieldWarning};
use crate::registry::Registry;
use crate::text::Text;
use crate::vendor::{FieldChange, today_in_jakarta};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LegalityKind {
    Pirt,
    Bpom,
    Halal,
    Hki,
    Sni,
    Other,
}

impl LegalityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LegalityKind::Pirt => "pirt",
            LegalityKind::Bpom => "bpom",
            LegalityKind::Halal => "halal",
            LegalityKind::Hki => "hki",
            LegalityKind::Sni => "sni",
            LegalityKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<LegalityKind> {
        let s = s.trim().to_lowercase().replace('-', "");
        [
            LegalityKind::Pirt,
            LegalityKind::Bpom,
            LegalityKind::Halal,
            LegalityKind::Hki,
            LegalityKind::Sni,
            LegalityKind::Other,
        ]
        .into_iter()
        .find(|k| k.as_str() == s || (s == "lainnya" && *k == LegalityKind::Other))
        .ok_or_else(|| {
            Error::Invalid(vec![FieldError::new(
                "kind",
                "unknown_kind",
                Text::new(
                    "Jenis dokumen: pirt, bpom, halal, hki, sni atau other.",
                    "Document kind: pirt, bpom, halal, hki, sni or other.",
                ),
            )])
        })
    }
}

/// A document as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LegalityDraft {
    pub kind: LegalityKind,
    pub number: String,
    /// `YYYY-MM-DD` or `DD-MM-YYYY`; empty for unknown.
    pub issued_on: String,
    /// `YYYY-MM-DD` or `DD-MM-YYYY`; empty for unknown (a P-IRT's is read from its number).
    pub valid_until: String,
    pub note: String,
}

/// A stored document, with what is worth a second look today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LegalityDoc {
    pub id: String,
    pub kind: LegalityKind,
    pub number: String,
    pub issued_on: Option<String>,
    pub valid_until: Option<String>,
    pub note: Option<String>,
    pub expired: bool,
    pub warnings: Vec<FieldWarning>,
}

/// A document that passed its checks.
struct ValidDoc {
    number: String,
    issued: Option<NaiveDate>,
    until: Option<NaiveDate>,
    note: Option<String>,
}

/// Checks a draft: the number by its kind, the dates, and what follows from them.
fn validate(d: &LegalityDraft, today: NaiveDate) -> Result<ValidDoc> {
    let mut errors = Vec::new();
    let number = match d.kind {
        LegalityKind::Pirt => identifier::pirt(&d.number, today).map(|c| c.value),
        LegalityKind::Bpom => identifier::bpom(&d.number).map(|c| c.value),
        LegalityKind::Halal => identifier::halal(&d.number).map(|c| c.value),
        _ => {
            let n = d.number.split_whitespace().collect::<Vec<_>>().join(" ");
            if n.is_empty() || n.chars().count() > 60 || n.chars().any(char::is_control) {
                Err(FieldError::new(
                    "number",
                    "invalid_number",
                    Text::new(
                        "Nomor dokumen wajib diisi (paling banyak 60 karakter).",
                        "The document number is required (at most 60 characters).",
                    ),
                ))
            } else {
                Ok(n)
            }
        }
    }
    .map_err(|mut e| {
        e.field = "number".into();
        e
    });
    let number = number.map_err(|e| errors.push(e)).ok();
    let issued = parse_date("issued_on", &d.issued_on)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let mut until = parse_date("valid_until", &d.valid_until)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    if let (Some(i), Some(u)) = (issued, until)
        && u < i
    {
        errors.push(FieldError::new(
            "valid_until",
            "before_issue",
            Text::new(
                "Berlaku sampai tidak boleh sebelum tanggal terbit.",
                "Valid until cannot be before the issue date.",
            ),
        ));
    }
    if issued.is_some_and(|i| i > today) {
        errors.push(FieldError::new(
            "issued_on",
            "in_future",
            Text::new(
                "Tanggal terbit di masa depan.",
                "The issue date is in the future.",
            ),
        ));
    }
    let note = d.note.split_whitespace().collect::<Vec<_>>().join(" ");
    if note.chars().count() > 300 {
        errors.push(FieldError::new(
            "note",
            "too_long",
            Text::new(
                "Catatan paling banyak 300 karakter.",
                "A note has at most 300 characters.",
            ),
        ));
    }
    let number = match (number, errors.is_empty()) {
        (Some(n), true) => n,
        _ => return Err(Error::Invalid(errors)),
    };
    // A P-IRT's last two digits are the year it expires.
    if d.kind == LegalityKind::Pirt && until.is_none() {
        until = number[13..15]
            .parse::<i32>()
            .ok()
            .and_then(|yy| NaiveDate::from_ymd_opt(2000 + yy, 12, 31));
    }
    Ok(ValidDoc {
        number,
        issued,
        until,
        note: (!note.is_empty()).then_some(note),
    })
}

fn warnings_of(
    kind: LegalityKind,
    number: &str,
    until: Option<&str>,
    today: NaiveDate,
) -> (bool, Vec<FieldWarning>) {
    let mut warnings = match kind {
        LegalityKind::Pirt => identifier::pirt(number, today)
            .map(|c| c.warnings)
            .unwrap_or_default(),
        LegalityKind::Halal => identifier::halal(number)
            .map(|c| c.warnings)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let expired = until
        .and_then(|u| NaiveDate::parse_from_str(u, "%Y-%m-%d").ok())
        .is_some_and(|u| u < today);
    if expired && !warnings.iter().any(|w| w.code == "pirt_expired") {
        warnings.push(FieldWarning {
            field: "valid_until".into(),
            code: "expired".into(),
            message: Text::new(
                "Dokumen ini sudah habis masa berlakunya.",
                "This document has expired.",
            ),
        });
    }
    (expired, warnings)
}

impl Registry {
    /// A vendor's documents (removed ones left out), newest first.
    pub fn legality(&self, vendor_id: &str) -> Result<Vec<LegalityDoc>> {
        self.require_vendor(vendor_id)?;
        let today = today_in_jakarta();
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, kind, number, issued_on, valid_until, note FROM legality
                 WHERE vendor_id = ?1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC",
            )?;
            let rows = stmt.query_map([vendor_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get(5)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, kind, number, issued_on, valid_until, note) = row?;
                let kind = LegalityKind::parse(&kind).unwrap_or(LegalityKind::Other);
                let (expired, warnings) = warnings_of(kind, &number, valid_until.as_deref(), today);
                out.push(LegalityDoc {
                    id,
                    kind,
                    number,
                    issued_on,
                    valid_until,
                    note,
                    expired,
                    warnings,
                });
            }
            Ok(out)
        })
    }

    /// Adds a document after checking it; recorded in the vendor's history.
    pub fn add_legality(&self, vendor_id: &str, draft: &LegalityDraft) -> Result<LegalityDoc> {
        self.require_vendor(vendor_id)?;
        let ValidDoc {
            number,
            issued,
            until,
            note,
        } = validate(draft, today_in_jakarta())?;
        let fmt = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        let (id, change_id) = (self.new_id(), self.new_id());
        let change = FieldChange {
            field: format!("legality:{}", draft.kind.as_str()),
            old: None,
            new: Some(number.clone()),
        };
        self.write(|tx, stamp| {
            tx.execute(
                "INSERT INTO legality (id, vendor_id, kind, number, issued_on, valid_until, note, created_at, updated_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                params![id, vendor_id, draft.kind.as_str(), number, fmt(issued), fmt(until), note, stamp.time, stamp.device],
            )?;
            crate::vendor::history::record(tx, stamp, change_id, vendor_id, "edit", &[change])
        })?;
        self.legality(vendor_id)?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| Error::Internal("document vanished".into()))
    }

    /// Removes a document (a tombstone, so other laptops learn of it); recorded in history.
    pub fn remove_legality(&self, doc_id: &str) -> Result<()> {
        let change_id = self.new_id();
        self.write(|tx, stamp| {
            let found: Option<(String, String, String)> = tx
                .query_row(
                    "SELECT vendor_id, kind, number FROM legality WHERE id = ?1 AND deleted_at IS NULL",
                    [doc_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .ok();
            let (vendor_id, kind, number) = found.ok_or_else(|| Error::NotFound { what: "document", id: doc_id.to_owned() })?;
            tx.execute("UPDATE legality SET deleted_at = ?2, updated_at = ?2, device_id = ?3 WHERE id = ?1", params![doc_id, stamp.time, stamp.device])?;
            let change = FieldChange { field: format!("legality:{kind}"), old: Some(number), new: None };
            crate::vendor::history::record(tx, stamp, change_id, &vendor_id, "edit", &[change])
        })
    }
}
