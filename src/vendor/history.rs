//! The history of a vendor: every change, with the device, the time and the values before and
//! after. Written in the same transaction as the change itself, so neither exists without the
//! other.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ValidVendor;
use crate::error::{Error, Result};
use crate::registry::{Registry, Stamp};

/// One field's value before and after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One recorded change to a vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VendorChange {
    pub id: String,
    /// `create`, `edit`, `archive`, `restore`, `import` or `merge`.
    pub action: String,
    #[ts(type = "number")]
    pub at: i64,
    pub device_id: String,
    pub changes: Vec<FieldChange>,
}

/// The fields that differ between two versions of a vendor (`before` is `None` on create;
/// then only the fields given are listed).
pub fn diff(before: Option<&ValidVendor>, after: &ValidVendor) -> Vec<FieldChange> {
    let old = before.map(super::row::field_texts);
    super::row::field_texts(after)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (field, new))| {
            let old_value = old.as_ref().and_then(|o| o[i].1.clone());
            let changed = match &old {
                Some(_) => old_value != new,
                None => new.is_some() && field != "whatsapp" || new.as_deref() == Some("true"),
            };
            changed.then(|| FieldChange {
                field: field.to_owned(),
                old: old_value,
                new,
            })
        })
        .collect()
}

/// Appends one change to a vendor's history, inside the caller's transaction.
pub fn record(
    conn: &Connection,
    stamp: &Stamp,
    id: String,
    vendor_id: &str,
    action: &str,
    changes: &[FieldChange],
) -> Result<()> {
    let json = serde_json::to_string(changes).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO vendor_change (id, vendor_id, action, changes, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![id, vendor_id, action, json, stamp.time, stamp.device],
    )?;
    Ok(())
}

impl Registry {
    /// A vendor's changes, newest first.
    pub fn vendor_history(&self, vendor_id: &str) -> Result<Vec<VendorChange>> {
        self.require_vendor(vendor_id)?;
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, action, created_at, device_id, changes FROM vendor_change
                 WHERE vendor_id = ?1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC",
            )?;
            let rows = stmt.query_map([vendor_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, action, at, device_id, json) = row?;
                let changes = serde_json::from_str(&json)
                    .map_err(|e| Error::Internal(format!("history entry {id}: {e}")))?;
                out.push(VendorChange {
                    id,
                    action,
                    at,
                    device_id,
                    changes,
                });
            }
            Ok(out)
        })
    }
}
