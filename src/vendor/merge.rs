//! Merging two records of one business into one that keeps both histories.
//!
//! The kept record takes the other's values where it has none, and the other's values for the
//! fields the person picks. The other's history, consents and documents move to the kept
//! record; of two records of the same stage the more advanced stays. The other record becomes
//! a tombstone that names the kept one (`merged_into`), so an exchange with another laptop
//! that still edits it can follow it.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::queries::{store_version, stored};
use super::row::field_texts;
use super::{FieldChange, Vendor, VendorDraft, history, validate_draft};
use crate::error::{Error, Result};
use crate::registry::{Registry, Stamp};
use crate::text::Text;

/// A field whose values differ between the two records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MergeField {
    pub field: String,
    pub keep: Option<String>,
    pub other: Option<String>,
    /// What the merge takes unless the person picks otherwise: the other's value when the
    /// kept record has none.
    pub from_other_by_default: bool,
}

/// What merging `other` into `keep` involves, for the person to check and choose.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MergePreview {
    pub keep: Vendor,
    pub other: Vendor,
    pub fields: Vec<MergeField>,
    /// How many history entries, consents, documents and stages move over.
    pub history: u32,
    pub consents: u32,
    pub documents: u32,
    pub stages: u32,
}

/// The fields whose value comes from the other record (besides the kept record's blanks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MergeChoice {
    pub from_other: Vec<String>,
}

/// Values shown in the preview: the NIK masked, as everywhere outside the edit form.
fn shown(field: &str, value: Option<String>) -> Option<String> {
    match field {
        "nik" => value.map(|v| super::row::mask_nik(&v)),
        _ => value,
    }
}

fn count(conn: &Connection, sql: &str, id: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [id], |r| r.get(0))?)
}

fn same_vendor() -> Error {
    Error::Conflict(Text::new(
        "Pelaku usaha tidak dapat digabung dengan dirinya sendiri.",
        "A vendor cannot be merged with itself.",
    ))
}

/// The merged draft: the kept record's, with its blanks and the chosen fields from the other.
fn merged_draft(
    keep: &VendorDraft,
    other: &VendorDraft,
    choice: &MergeChoice,
) -> Result<VendorDraft> {
    let to_map = |d: &VendorDraft| match serde_json::to_value(d) {
        Ok(serde_json::Value::Object(m)) => Ok(m),
        _ => Err(Error::Internal("a draft is not a JSON object".into())),
    };
    let mut merged = to_map(keep)?;
    let theirs = to_map(other)?;
    let blank = |v: &serde_json::Value| v.as_str().is_some_and(str::is_empty);
    let mut take: Vec<String> = choice.from_other.clone();
    // A kelurahan belongs to its kecamatan: they move together.
    if take.iter().any(|f| f == "kecamatan") && !take.iter().any(|f| f == "kelurahan") {
        take.push("kelurahan".into());
    }
    for field in &take {
        if !theirs.contains_key(field) {
            return Err(Error::Invalid(vec![crate::error::FieldError::new(
                "from_other",
                "unknown_field",
                Text::new(
                    format!("Isian \"{field}\" tidak dikenal."),
                    format!("Unknown field \"{field}\"."),
                ),
            )]));
        }
    }
    for (field, value) in &theirs {
        let mine_blank = merged.get(field).is_none_or(blank);
        let fill = mine_blank && !blank(value) && field != "whatsapp";
        if fill || take.contains(field) {
            merged.insert(field.clone(), value.clone());
        }
    }
    // Filling only the kelurahan would pair it with the wrong kecamatan.
    if !take.iter().any(|f| f == "kecamatan")
        && keep.kelurahan.is_empty()
        && keep.kecamatan != other.kecamatan
    {
        merged.insert("kelurahan".into(), serde_json::Value::String(String::new()));
    }
    serde_json::from_value(serde_json::Value::Object(merged))
        .map_err(|e| Error::Internal(e.to_string()))
}

impl Registry {
    /// The differences between two records and what would move, without changing anything.
    pub fn merge_preview(&self, keep_id: &str, other_id: &str) -> Result<MergePreview> {
        if keep_id == other_id {
            return Err(same_vendor());
        }
        let keep = self.get_vendor(keep_id)?;
        let other = self.get_vendor(other_id)?;
        self.read(|conn| {
            let (k, o) = (stored(conn, keep_id)?, stored(conn, other_id)?);
            let (kt, ot) = (field_texts(&k.valid), field_texts(&o.valid));
            let fields = kt
                .into_iter()
                .zip(ot)
                .filter(|((_, a), (_, b))| a != b)
                .map(|((field, a), (_, b))| MergeField {
                    field: field.to_owned(),
                    from_other_by_default: a.is_none() && b.is_some(),
                    keep: shown(field, a),
                    other: shown(field, b),
                })
                .collect();
            let live = "AND deleted_at IS NULL";
            Ok(MergePreview {
                history: count(
                    conn,
                    "SELECT count(*) FROM vendor_change WHERE vendor_id = ?1",
                    other_id,
                )?,
                consents: count(
                    conn,
                    &format!("SELECT count(*) FROM consent WHERE vendor_id = ?1 {live}"),
                    other_id,
                )?,
                documents: count(
                    conn,
                    &format!("SELECT count(*) FROM legality WHERE vendor_id = ?1 {live}"),
                    other_id,
                )?,
                stages: count(
                    conn,
                    &format!("SELECT count(*) FROM vendor_stage WHERE vendor_id = ?1 {live}"),
                    other_id,
                )?,
                keep,
                other,
                fields,
            })
        })
    }

    /// Merges `other_id` into `keep_id` in one transaction and returns the kept vendor.
    pub fn merge_vendors(
        &self,
        keep_id: &str,
        other_id: &str,
        choice: &MergeChoice,
    ) -> Result<Vendor> {
        if keep_id == other_id {
            return Err(same_vendor());
        }
        let categories = self.categories()?;
        let change_id = self.new_id();
        self.write(|tx, stamp| {
            let keep = stored(tx, keep_id)?;
            let other = stored(tx, other_id)?;
            let next = validate_draft(&merged_draft(&keep.draft(), &other.draft(), choice)?, &categories)?;
            let mut changes = history::diff(Some(&keep.valid), &next);
            changes.push(FieldChange {
                field: "merged_from".into(),
                old: None,
                new: Some(format!("{} ({other_id})", other.valid.name)),
            });
            history::record(tx, stamp, change_id, keep_id, "merge", &changes)?;
            store_version(tx, stamp, keep_id, &next)?;
            move_records(tx, stamp, keep_id, other_id)?;
            tx.execute(
                "DELETE FROM vendor_search WHERE rowid = (SELECT seq FROM vendor WHERE id = ?1)",
                [other_id],
            )?;
            tx.execute(
                "UPDATE vendor SET merged_into = ?2, deleted_at = ?3, updated_at = ?3, device_id = ?4
                 WHERE id = ?1",
                params![other_id, keep_id, stamp.time, stamp.device],
            )?;
            Ok(())
        })?;
        self.get_vendor(keep_id)
    }
}

/// Moves the other record's history, consents, documents and stages to the kept one.
fn move_records(tx: &Connection, stamp: &Stamp, keep: &str, other: &str) -> Result<()> {
    // Of two records of one stage, the more advanced (then the later) one stays.
    tx.execute(
        "UPDATE vendor_stage SET deleted_at = ?3, updated_at = ?3, device_id = ?4
         WHERE deleted_at IS NULL AND id IN (
            SELECT CASE WHEN
                (CASE a.status WHEN 'selesai' THEN 2 WHEN 'proses' THEN 1 ELSE 0 END,
                 coalesce(a.date, ''), a.updated_at)
              >= (CASE b.status WHEN 'selesai' THEN 2 WHEN 'proses' THEN 1 ELSE 0 END,
                 coalesce(b.date, ''), b.updated_at)
              THEN b.id ELSE a.id END
            FROM vendor_stage a JOIN vendor_stage b ON a.stage = b.stage
            WHERE a.vendor_id = ?1 AND b.vendor_id = ?2
              AND a.deleted_at IS NULL AND b.deleted_at IS NULL)",
        params![keep, other, stamp.time, stamp.device],
    )?;
    // The same document recorded on both: one copy stays.
    tx.execute(
        "UPDATE legality SET deleted_at = ?3, updated_at = ?3, device_id = ?4
         WHERE vendor_id = ?2 AND deleted_at IS NULL AND EXISTS (
            SELECT 1 FROM legality k WHERE k.vendor_id = ?1 AND k.deleted_at IS NULL
              AND k.kind = legality.kind AND k.number = legality.number)",
        params![keep, other, stamp.time, stamp.device],
    )?;
    // Both on one class's list: the kept one's place stays, with the better attendance.
    tx.execute(
        "UPDATE class_participant SET status = 'attended', updated_at = ?3, device_id = ?4
         WHERE vendor_id = ?1 AND deleted_at IS NULL AND status <> 'attended' AND EXISTS (
            SELECT 1 FROM class_participant o WHERE o.vendor_id = ?2 AND o.deleted_at IS NULL
              AND o.class_id = class_participant.class_id AND o.status = 'attended')",
        params![keep, other, stamp.time, stamp.device],
    )?;
    tx.execute(
        "UPDATE class_participant SET deleted_at = ?3, updated_at = ?3, device_id = ?4
         WHERE vendor_id = ?2 AND deleted_at IS NULL AND EXISTS (
            SELECT 1 FROM class_participant k WHERE k.vendor_id = ?1 AND k.deleted_at IS NULL
              AND k.class_id = class_participant.class_id)",
        params![keep, other, stamp.time, stamp.device],
    )?;
    for table in [
        "vendor_stage",
        "legality",
        "consent",
        "class_participant",
        "product",
    ] {
        // The table names are constants of this function, never input.
        tx.execute(
            &format!(
                "UPDATE {table} SET vendor_id = ?1, updated_at = ?3, device_id = ?4
                 WHERE vendor_id = ?2 AND deleted_at IS NULL"
            ),
            params![keep, other, stamp.time, stamp.device],
        )?;
    }
    // History entries keep their own times and devices (they are what happened to the
    // record); only the row's clock moves, so other laptops take the move.
    tx.execute(
        "UPDATE vendor_change SET vendor_id = ?1, updated_at = ?3 WHERE vendor_id = ?2",
        params![keep, other, stamp.time],
    )?;
    Ok(())
}
