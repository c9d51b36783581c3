//! Vendor rows in SQLite: explicit columns, parameters only (no SQL built from input).

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::row::{self, Stored};
use super::search::like_pattern;
use super::{
    Count, Duplicates, MAX_PAGE, ValidVendor, Vendor, VendorDraft, VendorPage, VendorPatch,
    VendorQuery, VendorSort, VendorStats,
};
use super::{history, search};
use crate::error::{Error, FieldError, Result};
use crate::region;
use crate::registry::{Registry, Stamp};

pub(super) fn stored(conn: &Connection, id: &str) -> Result<Stored> {
    conn.query_row(
        &format!(
            "SELECT {} FROM vendor WHERE id = ?1 AND deleted_at IS NULL",
            row::select_columns()
        ),
        [id],
        row::from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "vendor",
        id: id.to_owned(),
    })
}

fn get(conn: &Connection, id: &str) -> Result<Vendor> {
    stored(conn, id).map(Stored::vendor)
}

/// Inserts one valid vendor with its search entry and its "create" history entry.
/// `ids` is the vendor's id and its history entry's id.
pub(super) fn insert(
    conn: &Connection,
    stamp: &Stamp,
    ids: &[String; 2],
    v: &ValidVendor,
) -> Result<()> {
    let [id, change_id] = ids;
    let mut values = vec![Value::Text(id.clone())];
    values.extend(row::core_values(v));
    values.extend([
        Value::Integer(stamp.time),
        Value::Integer(stamp.time),
        Value::Text(stamp.device.clone()),
    ]);
    values.extend(row::detail_values(v));
    conn.execute(&row::insert_sql(), params_from_iter(values))?;
    search::index(conn, id)?;
    history::record(
        conn,
        stamp,
        change_id.clone(),
        id,
        "create",
        &history::diff(None, v),
    )
}

/// Stores a new, validated version of a vendor with its history entry (`action`: `edit`,
/// `import`, `merge`) and its search entry. Returns false, writing nothing, when no field
/// changed.
pub(super) fn store_update(
    tx: &Connection,
    stamp: &Stamp,
    change_id: String,
    id: &str,
    current: &ValidVendor,
    next: &ValidVendor,
    action: &str,
) -> Result<bool> {
    let changes = history::diff(Some(current), next);
    if changes.is_empty() {
        return Ok(false);
    }
    history::record(tx, stamp, change_id, id, action, &changes)?;
    store_version(tx, stamp, id, next)?;
    Ok(true)
}

/// Writes a vendor's new version and its search entry; the caller records the history.
pub(super) fn store_version(
    tx: &Connection,
    stamp: &Stamp,
    id: &str,
    next: &ValidVendor,
) -> Result<()> {
    let mut values = row::core_values(next);
    values.extend([
        Value::Integer(stamp.time),
        Value::Text(stamp.device.clone()),
    ]);
    values.extend(row::detail_values(next));
    values.push(Value::Text(id.to_owned()));
    tx.execute(&row::update_sql(), params_from_iter(values))?;
    search::index(tx, id)
}

/// Vendors with at least one photo on a live product (and those without).
const PHOTOS_EXIST: &str = "id IN (SELECT p.vendor_id FROM product p JOIN product_photo f \
     ON f.product_id = p.id WHERE p.deleted_at IS NULL AND f.deleted_at IS NULL)";
const PHOTOS_MISSING: &str = "id NOT IN (SELECT p.vendor_id FROM product p JOIN product_photo f \
     ON f.product_id = p.id WHERE p.deleted_at IS NULL AND f.deleted_at IS NULL)";

impl Registry {
    /// Registers a new vendor after validating every field. Nothing is written if any fails.
    /// Refuses a possible duplicate of an existing vendor (same mobile number, or a nearly equal
    /// business name in the same kecamatan) unless `duplicates` is [`Duplicates::Allow`].
    pub fn create_vendor(&self, draft: &VendorDraft, duplicates: Duplicates) -> Result<Vendor> {
        let categories = self.categories()?;
        let valid = super::validate_draft(draft, &categories)?;
        if duplicates == Duplicates::Refuse {
            let found = self.duplicates_of(&valid, None)?;
            if !found.is_empty() {
                return Err(Error::PossibleDuplicates(found));
            }
        }
        let ids = [self.new_id(), self.new_id()];
        self.write(|tx, stamp| {
            insert(tx, stamp, &ids, &valid)?;
            get(tx, &ids[0])
        })
    }

    /// Registers many vendors in one transaction: all of them or none.
    pub fn create_vendors(&self, drafts: &[VendorDraft]) -> Result<Vec<Vendor>> {
        let categories = self.categories()?;
        let valid = drafts
            .iter()
            .map(|d| super::validate_draft(d, &categories))
            .collect::<Result<Vec<_>>>()?;
        let ids: Vec<[String; 2]> = valid
            .iter()
            .map(|_| [self.new_id(), self.new_id()])
            .collect();
        self.write(|tx, stamp| {
            for (ids, v) in ids.iter().zip(&valid) {
                insert(tx, stamp, ids, v)?;
            }
            ids.iter().map(|[id, _]| get(tx, id)).collect()
        })
    }

    /// One vendor, with the warnings its record raises today (an expired P-IRT, an unknown NIK
    /// region, ...).
    pub fn get_vendor(&self, id: &str) -> Result<Vendor> {
        let categories = self.categories()?;
        let found = self.read(|conn| stored(conn, id))?;
        // Rules may have tightened since it was saved: a record that no longer validates
        // still shows, without warnings.
        let warnings = super::validate_draft(&found.draft(), &categories)
            .map(|v| v.warnings)
            .unwrap_or_default();
        Ok(Vendor {
            warnings,
            ..found.vendor()
        })
    }

    /// Refuses an id that names no (undeleted) vendor; a cheap check for the tables that hang
    /// off a vendor (consent, stages, documents, history), which need nothing else of it.
    pub fn require_vendor(&self, id: &str) -> Result<()> {
        let found: bool = self.read(|c| {
            Ok(c.query_row(
                "SELECT EXISTS (SELECT 1 FROM vendor WHERE id = ?1 AND deleted_at IS NULL)",
                [id],
                |r| r.get(0),
            )?)
        })?;
        if found {
            Ok(())
        } else {
            Err(Error::NotFound {
                what: "vendor",
                id: id.to_owned(),
            })
        }
    }

    /// Everything the edit form needs, as stored (the NIK in full).
    pub fn vendor_draft(&self, id: &str) -> Result<VendorDraft> {
        self.read(|conn| stored(conn, id)).map(|s| s.draft())
    }

    /// Changes the fields a patch names: the patch is laid over the stored record and the
    /// whole record is validated again, so an edit can never leave a record a new registration
    /// would refuse.
    pub fn update_vendor(&self, id: &str, patch: &VendorPatch) -> Result<Vendor> {
        let categories = self.categories()?;
        let change_id = self.new_id();
        self.write(|tx, stamp| {
            let current = stored(tx, id)?;
            let valid = super::validate_draft(&patch.apply(current.draft()), &categories)?;
            if !store_update(tx, stamp, change_id, id, &current.valid, &valid, "edit")? {
                return Ok(current.vendor()); // nothing changed: no new version, no history entry
            }
            get(tx, id)
        })
    }

    /// Archives a vendor: hidden from lists and future catalogues, kept in the registry, and
    /// undone by [`Registry::restore_vendor`].
    pub fn archive_vendor(&self, id: &str) -> Result<Vendor> {
        self.set_archived(id, true)
    }

    pub fn restore_vendor(&self, id: &str) -> Result<Vendor> {
        self.set_archived(id, false)
    }

    fn set_archived(&self, id: &str, archived: bool) -> Result<Vendor> {
        self.write(|tx, stamp| {
            let current = get(tx, id)?;
            if current.archived != archived {
                let change = history::FieldChange {
                    field: "archived".into(),
                    old: Some(current.archived.to_string()),
                    new: Some(archived.to_string()),
                };
                let action = if archived { "archive" } else { "restore" };
                history::record(tx, stamp, self.new_id(), id, action, &[change])?;
                tx.execute(
                    "UPDATE vendor SET archived_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3,
                            device_id = ?4
                     WHERE id = ?1",
                    params![id, archived, stamp.time, stamp.device],
                )?;
            }
            get(tx, id)
        })
    }

    /// One page of vendors, sorted by business name.
    pub fn list_vendors(&self, query: &VendorQuery) -> Result<VendorPage> {
        let categories = self.categories()?;
        // Filters take the same values as the form, and are refused the same way.
        let mut errors = Vec::new();
        let mut filter =
            |value: &Option<String>, check: &dyn Fn(&str) -> Result<String, FieldError>| {
                let value = value.as_deref().filter(|v| !v.trim().is_empty())?;
                check(value).map_err(|e| errors.push(e)).ok()
            };
        let kecamatan = filter(&query.kecamatan, &super::validate::check_kecamatan);
        let category = filter(&query.category, &|c| {
            super::validate::check_category(c, &categories)
        });
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        // Words go through the full-text index; a phone fragment matches stored numbers; a
        // search of symbols only ("50%") falls back to a literal match on the names.
        let typed = query
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let fts = typed.and_then(search::fts_query);
        let phone = typed
            .and_then(search::phone_fragment)
            .map(|d| like_pattern(&d));
        let literal = typed.filter(|_| fts.is_none()).map(like_pattern);

        // The WHERE clause is assembled from constant fragments for the filters present, so
        // SQLite can plan each combination with its indexes; values only ever travel as
        // parameters.
        let mut clauses: Vec<&str> = vec!["deleted_at IS NULL"];
        let mut args: Vec<Value> = Vec::new();
        if !query.include_archived {
            clauses.push("archived_at IS NULL");
        }
        if let Some(k) = kecamatan {
            clauses.push("kecamatan_code = ?");
            args.push(Value::Text(k));
        }
        if let Some(c) = category {
            clauses.push("category_slug = ?");
            args.push(Value::Text(c));
        }
        match (fts, phone, literal) {
            (Some(f), Some(p), _) => {
                clauses.push(
                    "(seq IN (SELECT rowid FROM vendor_search WHERE vendor_search MATCH ?) \
                     OR phone LIKE ? ESCAPE '\\')",
                );
                args.extend([Value::Text(f), Value::Text(p)]);
            }
            (Some(f), None, _) => {
                clauses
                    .push("seq IN (SELECT rowid FROM vendor_search WHERE vendor_search MATCH ?)");
                args.push(Value::Text(f));
            }
            (None, Some(p), _) => {
                clauses.push("phone LIKE ? ESCAPE '\\'");
                args.push(Value::Text(p));
            }
            (None, None, Some(l)) => {
                clauses.push("(business_name LIKE ? ESCAPE '\\' OR owner_name LIKE ? ESCAPE '\\')");
                args.extend([Value::Text(l.clone()), Value::Text(l)]);
            }
            (None, None, None) => {}
        }
        // Constant fragments again; the purpose, stage and kind travel as parameters.
        if let Some(p) = query.consent {
            clauses.push(
                "id IN (SELECT vendor_id FROM consent WHERE purpose = ? AND withdrawn_at IS NULL \
                 AND deleted_at IS NULL)",
            );
            args.push(Value::Text(p.as_str().to_owned()));
        }
        if let Some(st) = query.stage_done {
            clauses.push(
                "id IN (SELECT vendor_id FROM vendor_stage WHERE stage = ? AND status = 'selesai' \
                 AND deleted_at IS NULL)",
            );
            args.push(Value::Text(st.as_str().to_owned()));
        }
        if let Some(k) = query.legality {
            clauses.push(
                "id IN (SELECT vendor_id FROM legality WHERE kind = ? AND deleted_at IS NULL)",
            );
            args.push(Value::Text(k.as_str().to_owned()));
        }
        match query.has_photos {
            Some(true) => clauses.push(PHOTOS_EXIST),
            Some(false) => clauses.push(PHOTOS_MISSING),
            None => {}
        }
        let filter = clauses.join(" AND ");
        // Each order with the row-value comparison that continues it after a given row.
        let (order, after) = match query.sort {
            VendorSort::Name => (
                "business_name COLLATE NOCASE, id",
                "(business_name COLLATE NOCASE, id) > (SELECT business_name, id FROM vendor WHERE id = ?)",
            ),
            VendorSort::Newest => (
                "created_at DESC, id DESC",
                "(created_at, id) < (SELECT created_at, id FROM vendor WHERE id = ?)",
            ),
            VendorSort::Updated => (
                "updated_at DESC, id DESC",
                "(updated_at, id) < (SELECT updated_at, id FROM vendor WHERE id = ?)",
            ),
            VendorSort::Kecamatan => (
                "kecamatan_code, business_name COLLATE NOCASE, id",
                "(kecamatan_code, business_name COLLATE NOCASE, id) > \
                 (SELECT kecamatan_code, business_name, id FROM vendor WHERE id = ?)",
            ),
        };
        let limit = query.limit.min(MAX_PAGE);
        let cursor = query.after.as_deref().filter(|a| !a.is_empty());
        self.read(|conn| {
            let total: u32 = conn.query_row(
                &format!("SELECT count(*) FROM vendor WHERE {filter}"),
                params_from_iter(&args),
                |r| r.get(0),
            )?;
            let (page_filter, page_args) = match cursor {
                Some(id) => {
                    let known: bool = conn.query_row(
                        "SELECT EXISTS (SELECT 1 FROM vendor WHERE id = ?1)",
                        [id],
                        |r| r.get(0),
                    )?;
                    if !known {
                        return Err(Error::NotFound {
                            what: "vendor",
                            id: id.to_owned(),
                        });
                    }
                    let mut a = args.clone();
                    a.push(Value::Text(id.to_owned()));
                    (format!("{filter} AND {after}"), a)
                }
                None => (filter.clone(), args.clone()),
            };
            let mut stmt = conn.prepare(&format!(
                "SELECT {} FROM vendor WHERE {page_filter}
                 ORDER BY {order} LIMIT {limit} OFFSET {}",
                row::select_columns(),
                query.offset
            ))?;
            let items = stmt
                .query_map(params_from_iter(&page_args), row::from_row)?
                .map(|r| r.map(Stored::vendor))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(VendorPage { items, total })
        })
    }

    /// How many vendors the registry holds (archived ones included, deleted ones not).
    pub fn count_vendors(&self) -> Result<u32> {
        self.read(|conn| {
            Ok(conn.query_row(
                "SELECT count(*) FROM vendor WHERE deleted_at IS NULL",
                [],
                |r| r.get(0),
            )?)
        })
    }

    /// Active and archived counts, and active vendors per category and per city.
    pub fn vendor_stats(&self) -> Result<VendorStats> {
        let categories = self.categories()?;
        self.read(|conn| {
            let (active, archived): (u32, u32) = conn.query_row(
                "SELECT count(*) FILTER (WHERE archived_at IS NULL),
                        count(*) FILTER (WHERE archived_at IS NOT NULL)
                 FROM vendor WHERE deleted_at IS NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let mut by_category: Vec<Count> = categories
                .iter()
                .map(|c| Count {
                    key: c.slug.clone(),
                    count: 0,
                })
                .collect();
            let mut stmt = conn.prepare(
                "SELECT category_slug, count(*) FROM vendor
                 WHERE deleted_at IS NULL AND archived_at IS NULL GROUP BY category_slug",
            )?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
                let (slug, n) = row?;
                if let Some(c) = by_category.iter_mut().find(|c| c.key == slug) {
                    c.count = n;
                }
            }
            let regions = region::jakarta();
            let mut by_city: Vec<Count> = regions
                .cities
                .iter()
                .map(|c| Count {
                    key: c.code.clone(),
                    count: 0,
                })
                .collect();
            let mut stmt = conn.prepare(
                "SELECT substr(kecamatan_code, 1, 5), count(*) FROM vendor
                 WHERE deleted_at IS NULL AND archived_at IS NULL GROUP BY 1",
            )?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
                let (city, n) = row?;
                if let Some(c) = by_city.iter_mut().find(|c| c.key == city) {
                    c.count = n;
                }
            }
            Ok(VendorStats {
                active,
                archived,
                by_category,
                by_city,
            })
        })
    }
}
