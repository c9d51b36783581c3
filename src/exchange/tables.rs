//! Which tables travel between laptops, how their rows are keyed, and the triggers that keep
//! a clock per field. One list, read by the export, the import and the migration, so a table
//! added to the registry cannot be half-exchanged.

use rusqlite::Connection;

use crate::error::Result;

/// How rows of a table merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Fields are last-writer-wins registers with a clock each; deletes are tombstones.
    Fields,
    /// Rows never change once written (history, photos by hash, frozen snapshots): a row
    /// missing here is added, a row present is left as it is.
    Once,
}

/// A table that is exchanged.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    /// The columns that identify a row on every laptop (never the local `vendor.seq`).
    pub key: &'static [&'static str],
    /// Every other column exchanged, in order.
    pub columns: &'static [&'static str],
    pub kind: Kind,
    /// Columns that may hold one live row only (a partial unique index on live rows).
    pub natural_key: &'static [&'static str],
}

/// Columns every `Fields` table has; they describe the row and are merged by their own rule.
pub const ROW_CLOCK: [&str; 2] = ["updated_at", "device_id"];

const fn fields(
    name: &'static str,
    columns: &'static [&'static str],
    natural_key: &'static [&'static str],
) -> Table {
    Table {
        name,
        key: &["id"],
        columns,
        kind: Kind::Fields,
        natural_key,
    }
}

/// In the order rows must be written (what a row refers to comes first).
pub const TABLES: &[Table] = &[
    fields(
        "vendor",
        &[
            "business_name",
            "owner_name",
            "phone",
            "kecamatan_code",
            "category_slug",
            "archived_at",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
            "brand",
            "legal_form",
            "nib",
            "npwp",
            "kbli",
            "kbli_edition",
            "capital_rp",
            "annual_sales_rp",
            "employees",
            "street",
            "rt",
            "rw",
            "kelurahan_code",
            "owner_gender",
            "owner_birth_date",
            "owner_nik",
            "owner_email",
            "owner_whatsapp",
            "home_address",
            "public_contact",
            "agency",
            "mentor",
            "notes",
            "merged_into",
            "shop_link",
        ],
        &[],
    ),
    // History entries never change, except that merging two records moves them.
    fields(
        "vendor_change",
        &[
            "vendor_id",
            "action",
            "changes",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &[],
    ),
    fields(
        "consent",
        &[
            "vendor_id",
            "purpose",
            "form",
            "notice_version",
            "granted_at",
            "withdrawn_at",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &[],
    ),
    fields(
        "vendor_stage",
        &[
            "vendor_id",
            "stage",
            "status",
            "date",
            "note",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &["vendor_id", "stage"],
    ),
    fields(
        "legality",
        &[
            "vendor_id",
            "kind",
            "number",
            "issued_on",
            "valid_until",
            "note",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &[],
    ),
    Table {
        name: "audit",
        key: &["id"],
        columns: &[
            "action",
            "subject_id",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        kind: Kind::Once,
        natural_key: &[],
    },
    fields(
        "training_class",
        &[
            "kind",
            "topic",
            "starts_on",
            "ends_on",
            "trainer",
            "place_kind",
            "place",
            "kecamatan_code",
            "notes",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &[],
    ),
    fields(
        "class_participant",
        &[
            "class_id",
            "vendor_id",
            "status",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &["class_id", "vendor_id"],
    ),
    Table {
        name: "photo_blob",
        key: &["hash"],
        columns: &[
            "master",
            "thumb",
            "width",
            "height",
            "original_width",
            "original_height",
            "source_format",
            "brightness",
            "sharpness",
            "phash",
            "created_at",
        ],
        kind: Kind::Once,
        natural_key: &[],
    },
    fields(
        "product",
        &[
            "vendor_id",
            "name",
            "description",
            "description_en",
            "category_slug",
            "subcategory",
            "price_rp",
            "stock",
            "min_order",
            "weight_g",
            "length_cm",
            "width_cm",
            "height_cm",
            "condition",
            "sku",
            "variants",
            "legality_ids",
            "preorder_days",
            "archived_at",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
            "halal_claim",
            "permit_exempt",
            "created_device",
        ],
        &[],
    ),
    fields(
        "product_photo",
        &[
            "product_id",
            "blob_hash",
            "position",
            "crop_1x1",
            "crop_4x5",
            "crop_9x16",
            "shows_person",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &["product_id", "blob_hash"],
    ),
    fields(
        "curation_review",
        &[
            "product_id",
            "legality",
            "quality",
            "packaging",
            "taste",
            "hygiene",
            "photo",
            "verdict",
            "notes",
            "reviewer",
            "reviewed_on",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &[],
    ),
    Table {
        name: "skipped_friday",
        key: &["friday"],
        columns: &[
            "reason",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        kind: Kind::Fields,
        natural_key: &[],
    },
    fields(
        "edition",
        &[
            "friday",
            "theme_slug",
            "scope_level",
            "scope_code",
            "quota",
            "channels",
            "hashtags",
            "state",
            "published_at",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        &["friday"],
    ),
    Table {
        name: "edition_item",
        key: &["edition_id", "product_id"],
        columns: &[
            "position",
            "source",
            "reason",
            "created_at",
            "updated_at",
            "device_id",
            "deleted_at",
        ],
        kind: Kind::Fields,
        natural_key: &[],
    },
    Table {
        name: "edition_snapshot",
        key: &["edition_id", "product_id"],
        columns: &["vendor_id", "position", "data"],
        kind: Kind::Once,
        natural_key: &[],
    },
    Table {
        name: "publish_log",
        key: &["id"],
        columns: &["edition_id", "channel", "action", "note", "at", "device_id"],
        kind: Kind::Once,
        natural_key: &[],
    },
];

impl Table {
    /// Key columns then the others.
    pub fn all_columns(&self) -> Vec<&'static str> {
        self.key.iter().chain(self.columns).copied().collect()
    }

    /// The columns whose values are registers with a clock each: everything but the key,
    /// the creation time and the row's own clock.
    pub fn clocked(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns
            .iter()
            .copied()
            .filter(|c| !ROW_CLOCK.contains(c) && *c != "created_at")
    }

    /// The SQL expression of a row's key as one text (`id`, or `a || '/' || b`).
    pub fn key_sql(&self, prefix: &str) -> String {
        self.key
            .iter()
            .map(|k| format!("{prefix}{k}"))
            .collect::<Vec<_>>()
            .join(" || '/' || ")
    }

    pub fn by_name(name: &str) -> Option<&'static Table> {
        TABLES.iter().find(|t| t.name == name)
    }
}

/// Installs the change counter and, per exchanged table, the triggers that give each changed
/// field its clock (the row's new `updated_at` and `device_id`) and each written row its
/// place in the counter, for exports of what changed since an exchange.
pub fn install_triggers(conn: &Connection) -> Result<()> {
    let mut sql = String::new();
    for t in TABLES {
        let key = t.key_sql("NEW.");
        let seq = format!(
            "UPDATE sync_counter SET n = n + 1;
             INSERT INTO row_seq (tbl, row_key, seq) VALUES ('{name}', {key}, (SELECT n FROM sync_counter))
               ON CONFLICT (tbl, row_key) DO UPDATE SET seq = excluded.seq;",
            name = t.name
        );
        sql.push_str(&format!(
            "CREATE TRIGGER sync_{name}_insert AFTER INSERT ON {name} BEGIN {seq} END;\n",
            name = t.name
        ));
        if t.kind == Kind::Once {
            continue;
        }
        let mut body = seq.clone();
        for c in t.clocked() {
            body.push_str(&format!(
                "INSERT INTO field_clock (tbl, row_key, field, time, device)
                   SELECT '{name}', {key}, '{c}', NEW.updated_at, NEW.device_id
                   WHERE OLD.{c} IS NOT NEW.{c}
                   ON CONFLICT (tbl, row_key, field) DO UPDATE SET time = excluded.time, device = excluded.device;",
                name = t.name
            ));
        }
        sql.push_str(&format!(
            "CREATE TRIGGER sync_{name}_update AFTER UPDATE ON {name} BEGIN {body} END;\n",
            name = t.name
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Drops the clocks and change numbers of rows that no longer exist (after an erasure), so
/// nothing of an erased row stays behind and every laptop keeps the same clocks.
pub fn forget_missing_rows(conn: &Connection) -> Result<()> {
    for t in TABLES {
        for side in ["field_clock", "row_seq"] {
            // Table and column names come from the constant list above, never from input.
            conn.execute(
                &format!(
                    "DELETE FROM {side} WHERE tbl = ?1 AND row_key NOT IN (SELECT {} FROM {})",
                    t.key_sql(""),
                    t.name
                ),
                [t.name],
            )?;
        }
    }
    Ok(())
}
