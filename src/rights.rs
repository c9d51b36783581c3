//! A person's rights over their data (UU 27/2022): a copy of everything about one vendor, and
//! complete erasure. Both leave an audit entry that names only the vendor's id.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::consent::{ConsentRecord, ConsentStatus};
use crate::error::Result;
use crate::legality::LegalityDoc;
use crate::registry::Registry;
use crate::stage::StageRecord;
use crate::vendor::{Vendor, VendorChange, VendorDraft};

/// Everything the registry holds about one vendor, the NIK included: the answer to a request
/// for a copy of one's data.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PersonalDataExport {
    pub exported_at: String,
    pub vendor: Vendor,
    /// Every field as stored, the NIK unmasked.
    pub record: VendorDraft,
    pub legality: Vec<LegalityDoc>,
    pub stages: Vec<StageRecord>,
    pub consent: Vec<ConsentStatus>,
    pub consent_history: Vec<ConsentRecord>,
    pub history: Vec<VendorChange>,
    /// Classes and coaching taken part in.
    pub classes: Vec<crate::training::VendorClass>,
    /// Products with their photos (ids and sizes; `etalase photo export` writes the images).
    pub products: Vec<ProductWithPhotos>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProductWithPhotos {
    pub product: crate::product::Product,
    pub photos: Vec<crate::photo::Photo>,
}

/// Every table that holds rows about one vendor, by `vendor_id`.
const ERASED_TABLES: [&str; 6] = [
    "vendor_change",
    "legality",
    "vendor_stage",
    "consent",
    "class_participant",
    // Published editions keep no trace of an erased vendor.
    "edition_snapshot",
];

impl Registry {
    /// A copy of everything about one vendor; the export itself is audited.
    pub fn export_person(&self, vendor_id: &str) -> Result<PersonalDataExport> {
        let export = PersonalDataExport {
            exported_at: chrono::Utc::now().to_rfc3339(),
            vendor: self.get_vendor(vendor_id)?,
            record: self.vendor_draft(vendor_id)?,
            legality: self.legality(vendor_id)?,
            stages: self.stages(vendor_id)?,
            consent: self.consent_status(vendor_id)?,
            consent_history: self.consent_history(vendor_id)?,
            history: self.vendor_history(vendor_id)?,
            classes: self.classes_of_vendor(vendor_id)?,
            products: self
                .list_products(&crate::product::ProductQuery {
                    vendor_id: Some(vendor_id.to_owned()),
                    include_archived: true,
                    ..Default::default()
                })?
                .into_iter()
                .map(|product| {
                    let photos = self.photos(&product.id)?;
                    Ok(ProductWithPhotos { product, photos })
                })
                .collect::<Result<_>>()?,
        };
        self.audit("export", vendor_id)?;
        Ok(export)
    }

    /// Erases a vendor completely: the record, its search entry, history, documents, stages
    /// and consents, in one transaction; then the write-ahead log is checkpointed and
    /// truncated, and `secure_delete` has zeroed the freed pages, so the data is not left
    /// readable anywhere in the registry's files. Backups made before stay as they were.
    pub fn erase_vendor(&self, vendor_id: &str) -> Result<()> {
        self.require_vendor(vendor_id)?;
        let audit_id = self.new_id();
        self.write(|tx, stamp| {
            erase_rows(tx, vendor_id)?;
            crate::photo::delete_unused_blobs(tx)?;
            tx.execute(
                "INSERT INTO audit (id, action, subject_id, created_at, updated_at, device_id)
                 VALUES (?1, 'erase', ?2, ?3, ?3, ?4)",
                params![audit_id, vendor_id, stamp.time, stamp.device],
            )?;
            Ok(())
        })?;
        // Merge the search index's segments so no old segment keeps the erased words.
        self.write(|tx, _| {
            Ok(tx
                .execute(
                    "INSERT INTO vendor_search (vendor_search) VALUES ('optimize')",
                    [],
                )
                .map(|_| ())?)
        })?;
        self.checkpoint()
    }

    /// Copies the write-ahead log into the database and truncates it to nothing.
    pub fn checkpoint(&self) -> Result<()> {
        self.write_connection(|c| {
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        })
    }

    fn audit(&self, action: &str, subject: &str) -> Result<()> {
        let id = self.new_id();
        self.write(|tx, stamp| {
            tx.execute(
                "INSERT INTO audit (id, action, subject_id, created_at, updated_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                params![id, action, subject, stamp.time, stamp.device],
            )?;
            Ok(())
        })
    }
}

/// Removes a vendor, every vendor merged into it, and everything of theirs (history,
/// documents, stages, consents, classes, products, photos' rows, reviews, edition entries and
/// snapshots) inside the caller's transaction. Used by an erasure here and by an import that
/// brings another laptop's erasure.
pub(crate) fn erase_rows(tx: &rusqlite::Connection, vendor_id: &str) -> Result<()> {
    // Records merged into this one (and into those) are the same person's data.
    let ids: Vec<String> = tx
        .prepare(
            "WITH RECURSIVE merged(id) AS (
                    SELECT ?1
                    UNION SELECT v.id FROM vendor v JOIN merged m ON v.merged_into = m.id)
                 SELECT id FROM merged",
        )?
        .query_map([vendor_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in &ids {
        tx.execute(
            "DELETE FROM vendor_search WHERE rowid = (SELECT seq FROM vendor WHERE id = ?1)",
            [id],
        )?;
        for table in ERASED_TABLES {
            // The table names are constants of this module, never input.
            tx.execute(&format!("DELETE FROM {table} WHERE vendor_id = ?1"), [id])?;
        }
        // Products and their photos: the pictures may show the person.
        tx.execute(
            "DELETE FROM product_photo WHERE product_id IN
                   (SELECT id FROM product WHERE vendor_id = ?1)",
            [id],
        )?;
        for table in ["edition_item", "curation_review"] {
            tx.execute(
                &format!(
                    "DELETE FROM {table} WHERE product_id IN
                           (SELECT id FROM product WHERE vendor_id = ?1)"
                ),
                [id],
            )?;
        }
        tx.execute("DELETE FROM product WHERE vendor_id = ?1", [id])?;
        tx.execute("DELETE FROM vendor WHERE id = ?1", [id])?;
    }
    crate::exchange::tables::forget_missing_rows(tx)
}
