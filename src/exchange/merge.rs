//! The merge rule (docs/EXCHANGE.md): per field, the value with the larger clock (time, then
//! device) wins; deletes are a field like any other (a tombstone); rows that never change are
//! added once; two live rows that may exist only once (a stage per vendor, an edition per
//! Friday, ...) keep the newer and mark the other deleted at the newer's time; whatever an
//! erasure removed never comes back. The same code makes the preview (on a read connection,
//! writing nothing) and the import (in one write transaction), so what was shown is what is
//! done.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use ts_rs::TS;

use super::data_file::{MAX_TEXT, row_key, value_text};
use super::tables::{Kind, TABLES, Table};
use crate::error::{Error, Result};
use crate::registry::Stamp;
use crate::text::Text;

/// A field's clock: when, and on which laptop, its value was set.
type Clock = (i64, String);

/// Counts for one table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct TableCounts {
    pub table: String,
    pub added: u32,
    pub changed: u32,
    pub deleted: u32,
    pub unchanged: u32,
}

/// A field both laptops changed to different values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Conflict {
    pub table: String,
    pub key: String,
    /// What the row is, for people (a business or product name).
    pub row: String,
    pub field: String,
    pub here: Option<String>,
    pub there: Option<String>,
    #[ts(type = "number")]
    pub here_at: i64,
    pub here_device: String,
    #[ts(type = "number")]
    pub there_at: i64,
    pub there_device: String,
    /// What the rule keeps: `here` or `there`.
    pub choice: String,
}

/// A person's choice for a conflict, overriding the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictChoice {
    pub table: String,
    pub key: String,
    pub field: String,
    /// `here` or `there`.
    pub keep: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub tables: Vec<TableCounts>,
    pub conflicts: Vec<Conflict>,
    /// Rows left out because their vendor was erased on one of the laptops.
    pub erased_rows: u32,
    /// Vendors erased here because the other laptop erased them.
    pub erased_here: u32,
    /// The largest clock seen in the bundle, for this laptop's clock to move past.
    pub newest: i64,
    pub touched_vendors: HashSet<String>,
}

fn bigger(a: &Clock, b: &Clock) -> bool {
    (a.0, &a.1) > (b.0, &b.1)
}

fn bad_row(table: &str, why: &str) -> Error {
    Error::Conflict(Text::new(
        format!(
            "Berkas pertukaran ditolak: baris tabel {table} tidak sah ({why}). Tidak ada yang diubah."
        ),
        format!(
            "The exchange file was refused: a {table} row is invalid ({why}). Nothing was changed."
        ),
    ))
}

/// Lengths and kinds of a bundle's values; the registry's own constraints check the rest when
/// the row is written.
fn check_values(t: &Table, values: &[Value]) -> Result<()> {
    for (i, (col, v)) in t.all_columns().iter().zip(values).enumerate() {
        match v {
            Value::Text(s) if s.len() > MAX_TEXT => return Err(bad_row(t.name, "text too long")),
            Value::Text(s) if i < t.key.len() && (s.is_empty() || s.len() > 200) => {
                return Err(bad_row(t.name, "bad key"));
            }
            Value::Blob(_) if !(t.name == "photo_blob" && matches!(*col, "master" | "thumb")) => {
                return Err(bad_row(t.name, "unexpected bytes"));
            }
            Value::Real(_) if t.name != "photo_blob" => {
                return Err(bad_row(t.name, "unexpected number"));
            }
            Value::Null if i < t.key.len() => return Err(bad_row(t.name, "no key")),
            _ => {}
        }
    }
    Ok(())
}

/// One side of the merge: the registry here, or the bundle.
struct Side<'a> {
    conn: &'a Connection,
}

impl Side<'_> {
    fn row(&self, t: &Table, key: &[Value]) -> Result<Option<Vec<Value>>> {
        let cols = t.all_columns();
        let cond = t
            .key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM {} WHERE {cond}",
                cols.join(", "),
                t.name
            ))?
            .query_row(params_from_iter(key.iter()), |r| {
                (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect()
            })
            .optional()?)
    }

    fn clocks(&self, t: &Table, key: &str) -> Result<HashMap<String, Clock>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT field, time, device FROM field_clock WHERE tbl = ?1 AND row_key = ?2",
            )?
            .query_map(params![t.name, key], |r| {
                Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
            })?
            .collect::<std::result::Result<_, _>>()?)
    }
}

fn col(t: &Table, name: &str) -> usize {
    t.all_columns()
        .iter()
        .position(|c| *c == name)
        .unwrap_or(usize::MAX)
}

fn int(v: Option<&Value>) -> i64 {
    match v {
        Some(Value::Integer(i)) => *i,
        _ => 0,
    }
}

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::Text(s)) => s.clone(),
        _ => String::new(),
    }
}

fn describe(t: &Table, values: &[Value]) -> String {
    let pick = |c: &str| values.get(col(t, c)).map(value_text).unwrap_or_default();
    match t.name {
        "vendor" => pick("business_name"),
        "product" => pick("name"),
        "training_class" => pick("topic"),
        "edition" => pick("friday"),
        _ => row_key(t, values),
    }
}

/// Vendors erased on either side, with everything merged into them.
fn erased_vendors(local: &Connection, bundle: &Connection) -> Result<HashSet<String>> {
    let mut erased = HashSet::new();
    for c in [local, bundle] {
        let mut stmt = c.prepare("SELECT subject_id FROM audit WHERE action = 'erase'")?;
        for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
            erased.insert(id?);
        }
    }
    // Records merged into an erased one are the same person's.
    loop {
        let mut grew = false;
        for c in [local, bundle] {
            let mut stmt =
                c.prepare("SELECT id, merged_into FROM vendor WHERE merged_into IS NOT NULL")?;
            let pairs: Vec<(String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?;
            for (id, into) in pairs {
                if erased.contains(&into) && erased.insert(id) {
                    grew = true;
                }
            }
        }
        if !grew {
            return Ok(erased);
        }
    }
}

/// Which vendor each product belongs to, on either side.
fn product_vendors(local: &Connection, bundle: &Connection) -> Result<HashMap<String, String>> {
    let mut map = HashMap::new();
    for c in [bundle, local] {
        let mut stmt = c.prepare("SELECT id, vendor_id FROM product")?;
        for pair in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (p, v) = pair?;
            map.insert(p, v);
        }
    }
    Ok(map)
}

fn belongs_to_erased(
    t: &Table,
    values: &[Value],
    erased: &HashSet<String>,
    products: &HashMap<String, String>,
) -> bool {
    let get = |c: &str| values.get(col(t, c)).map(value_text);
    if t.name == "vendor" {
        return get("id").is_some_and(|id| erased.contains(&id));
    }
    if let Some(v) = get("vendor_id")
        && erased.contains(&v)
    {
        return true;
    }
    if t.name == "audit" {
        return false;
    }
    let product = if t.name == "product" {
        None
    } else {
        get("product_id")
    };
    product
        .and_then(|p| products.get(&p))
        .is_some_and(|v| erased.contains(v))
}

pub struct Merge<'a> {
    pub local: &'a Connection,
    pub bundle: &'a Connection,
    /// Set when writing; `None` makes a preview.
    pub stamp: Option<&'a Stamp>,
    pub choices: &'a [ConflictChoice],
    /// How far of this laptop's change counter the sender had received when it wrote the
    /// bundle: a row of ours it had already received was merged there, and any conflict in
    /// it was shown to the person on that laptop.
    pub seen_by_sender: i64,
}

impl Merge<'_> {
    pub fn run(&self) -> Result<Outcome> {
        let mut out = Outcome::default();
        let erased = erased_vendors(self.local, self.bundle)?;
        let products = product_vendors(self.local, self.bundle)?;
        // Vendors the other laptop erased go here too, before anything else is merged.
        for id in &erased {
            let here: bool = self.local.query_row(
                "SELECT EXISTS (SELECT 1 FROM vendor WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if here {
                out.erased_here += 1;
                if self.stamp.is_some() {
                    crate::rights::erase_rows(self.local, id)?;
                }
            }
        }
        let local = Side { conn: self.local };
        let remote = Side { conn: self.bundle };
        for t in TABLES {
            let mut counts = TableCounts {
                table: t.name.to_owned(),
                ..Default::default()
            };
            let cols = t.all_columns();
            let mut stmt =
                self.bundle
                    .prepare(&format!("SELECT {} FROM {}", cols.join(", "), t.name))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let values: Vec<Value> = (0..cols.len())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<std::result::Result<_, _>>()?;
                check_values(t, &values)?;
                if belongs_to_erased(t, &values, &erased, &products) {
                    out.erased_rows += 1;
                    continue;
                }
                let key = row_key(t, &values);
                let here = local.row(t, &values[..t.key.len()])?;
                match (t.kind, here) {
                    (Kind::Once, Some(_)) => counts.unchanged += 1,
                    (Kind::Once, None) => {
                        self.insert(t, &values)?;
                        counts.added += 1;
                    }
                    (Kind::Fields, None) => {
                        let clocks = remote.clocks(t, &key)?;
                        out.newest = out.newest.max(int(values.get(col(t, "updated_at"))));
                        let values = self.settle_natural_key(t, values, &local)?;
                        self.insert(t, &values)?;
                        self.write_clocks(t, &key, clocks.iter())?;
                        counts.added += 1;
                        if is_deleted(t, &values) {
                            counts.deleted += 1;
                        }
                        self.touch(t, &values, &mut out);
                    }
                    (Kind::Fields, Some(here)) => {
                        out.newest = out.newest.max(int(values.get(col(t, "updated_at"))));
                        let there_clocks = remote.clocks(t, &key)?;
                        let here_clocks = local.clocks(t, &key)?;
                        let changed = self.fields(
                            t,
                            &key,
                            &here,
                            &values,
                            (&here_clocks, &there_clocks),
                            &mut out,
                        )?;
                        match changed {
                            Change::None => counts.unchanged += 1,
                            Change::Values { deleted } => {
                                counts.changed += 1;
                                if deleted {
                                    counts.deleted += 1;
                                }
                                self.touch(t, &values, &mut out);
                            }
                        }
                    }
                }
            }
            out.tables.push(counts);
        }
        Ok(out)
    }

    /// Whether the sender had received this row as it is here before writing the bundle.
    fn sender_saw(&self, t: &Table, key: &str) -> Result<bool> {
        let seq: Option<i64> = self
            .local
            .prepare_cached("SELECT seq FROM row_seq WHERE tbl = ?1 AND row_key = ?2")?
            .query_row(params![t.name, key], |r| r.get(0))
            .optional()?;
        Ok(seq.is_some_and(|s| s <= self.seen_by_sender))
    }

    fn touch(&self, t: &Table, values: &[Value], out: &mut Outcome) {
        match t.name {
            "vendor" => {
                out.touched_vendors.insert(value_text(&values[0]));
            }
            "product" => {
                out.touched_vendors
                    .insert(text(values.get(col(t, "vendor_id"))));
            }
            _ => {}
        }
    }

    fn insert(&self, t: &Table, values: &[Value]) -> Result<()> {
        if self.stamp.is_none() {
            return Ok(());
        }
        let cols = t.all_columns();
        self.local
            .prepare_cached(&format!(
                "INSERT INTO {} ({}) VALUES ({})",
                t.name,
                cols.join(", "),
                vec!["?"; cols.len()].join(", ")
            ))?
            .execute(params_from_iter(values.iter()))?;
        Ok(())
    }

    fn write_clocks<'c>(
        &self,
        t: &Table,
        key: &str,
        clocks: impl Iterator<Item = (&'c String, &'c Clock)>,
    ) -> Result<()> {
        if self.stamp.is_none() {
            return Ok(());
        }
        let mut stmt = self.local.prepare_cached(
            "INSERT INTO field_clock (tbl, row_key, field, time, device) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (tbl, row_key, field) DO UPDATE SET time = excluded.time, device = excluded.device",
        )?;
        for (field, (time, device)) in clocks {
            if t.clocked().any(|c| c == field) {
                stmt.execute(params![t.name, key, field, time, device])?;
            }
        }
        Ok(())
    }

    /// A live row arriving where a live row with the same natural key already is (the same
    /// stage of a vendor, the same Friday's edition): the newer stays, the other is marked
    /// deleted at the newer's time, the same way on every laptop.
    fn settle_natural_key(
        &self,
        t: &Table,
        mut values: Vec<Value>,
        local: &Side<'_>,
    ) -> Result<Vec<Value>> {
        if t.natural_key.is_empty() || is_deleted(t, &values) {
            return Ok(values);
        }
        let cond = t
            .natural_key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} IS ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let nat: Vec<Value> = t
            .natural_key
            .iter()
            .map(|c| values[col(t, c)].clone())
            .collect();
        let cols = t.all_columns();
        let other: Option<Vec<Value>> = local
            .conn
            .query_row(
                &format!(
                    "SELECT {} FROM {} WHERE {cond} AND deleted_at IS NULL",
                    cols.join(", "),
                    t.name
                ),
                params_from_iter(nat.iter()),
                |r| (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect(),
            )
            .optional()?;
        let Some(other) = other else {
            return Ok(values);
        };
        let rank = |v: &[Value]| {
            (
                int(v.get(col(t, "updated_at"))),
                text(v.get(col(t, "device_id"))),
                row_key(t, v),
            )
        };
        let (mine, theirs) = (rank(&other), rank(&values));
        let (winner_at, winner_device) = if theirs > mine {
            (theirs.0, theirs.1.clone())
        } else {
            (mine.0, mine.1.clone())
        };
        let clock = (winner_at, winner_device.clone());
        if theirs > mine {
            // The row here gives way.
            if self.stamp.is_some() {
                let key = row_key(t, &other);
                let (updated, device) = max_clock(
                    (
                        int(other.get(col(t, "updated_at"))),
                        text(other.get(col(t, "device_id"))),
                    ),
                    clock.clone(),
                );
                self.local.execute(
                    &format!(
                        "UPDATE {} SET deleted_at = ?1, updated_at = ?2, device_id = ?3 WHERE {} = ?4",
                        t.name,
                        t.key_sql("")
                    ),
                    params![winner_at, updated, device, key],
                )?;
                self.write_clocks(t, &key, [(&"deleted_at".to_owned(), &clock)].into_iter())?;
            }
        } else {
            values[col(t, "deleted_at")] = Value::Integer(winner_at);
            let (updated, device) = max_clock(
                (
                    int(values.get(col(t, "updated_at"))),
                    text(values.get(col(t, "device_id"))),
                ),
                clock.clone(),
            );
            values[col(t, "updated_at")] = Value::Integer(updated);
            values[col(t, "device_id")] = Value::Text(device);
            let key = row_key(t, &values);
            self.write_clocks(t, &key, [(&"deleted_at".to_owned(), &clock)].into_iter())?;
        }
        Ok(values)
    }

    /// Merges the fields of a row both sides have.
    fn fields(
        &self,
        t: &Table,
        key: &str,
        here: &[Value],
        there: &[Value],
        (here_clocks, there_clocks): (&HashMap<String, Clock>, &HashMap<String, Clock>),
        out: &mut Outcome,
    ) -> Result<Change> {
        let born = |v: &[Value]| (int(v.get(col(t, "created_at"))), String::new());
        let mut sets: Vec<(&'static str, Value)> = Vec::new();
        let mut clocks: BTreeMap<String, Clock> = BTreeMap::new();
        let mut fresh = false;
        for c in t.clocked() {
            let i = col(t, c);
            let h = here_clocks.get(c).cloned().unwrap_or_else(|| born(here));
            let r = there_clocks.get(c).cloned().unwrap_or_else(|| born(there));
            let differ = here[i] != there[i];
            let there_wins = bigger(&r, &h);
            let mut take_there = there_wins && differ;
            if differ && !h.1.is_empty() && !r.1.is_empty() && !self.sender_saw(t, key)? {
                let choice = self
                    .choices
                    .iter()
                    .find(|x| x.table == t.name && x.key == key && x.field == c)
                    .map(|x| x.keep == "there");
                out.conflicts.push(Conflict {
                    table: t.name.to_owned(),
                    key: key.to_owned(),
                    row: describe(t, here),
                    field: c.to_owned(),
                    here: opt_text(&here[i]),
                    there: opt_text(&there[i]),
                    here_at: h.0,
                    here_device: h.1.clone(),
                    there_at: r.0,
                    there_device: r.1.clone(),
                    choice: if there_wins { "there" } else { "here" }.into(),
                });
                if let (Some(keep_there), Some(stamp)) = (choice, self.stamp)
                    && keep_there != there_wins
                {
                    // Overridden: the person's choice is a new edit on this laptop, so it
                    // also wins on the others after the next exchange.
                    take_there = keep_there;
                    clocks.insert(c.to_owned(), (stamp.time, stamp.device.clone()));
                    fresh = true;
                    if take_there {
                        sets.push((c, there[i].clone()));
                    } else {
                        // Keep the value here, with the new clock.
                        sets.push((c, here[i].clone()));
                    }
                    continue;
                }
            }
            if take_there {
                sets.push((c, there[i].clone()));
            }
            if there_wins {
                clocks.insert(c.to_owned(), r);
            }
        }
        let was_deleted = !matches!(here[col(t, "deleted_at")], Value::Null);
        let value_change = sets.iter().any(|(c, v)| here[col(t, c)] != *v);
        let mut row_clock = max_clock(
            (
                int(here.get(col(t, "updated_at"))),
                text(here.get(col(t, "device_id"))),
            ),
            (
                int(there.get(col(t, "updated_at"))),
                text(there.get(col(t, "device_id"))),
            ),
        );
        if fresh && let Some(stamp) = self.stamp {
            row_clock = max_clock(row_clock, (stamp.time, stamp.device.clone()));
        }
        let row_clock_moves = row_clock.0 != int(here.get(col(t, "updated_at")))
            || row_clock.1 != text(here.get(col(t, "device_id")));
        if self.stamp.is_some() && (value_change || row_clock_moves || fresh) {
            let mut assign: Vec<String> = sets
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("{c} = ?{}", i + 1))
                .collect();
            let n = sets.len();
            assign.push(format!("updated_at = ?{}", n + 1));
            assign.push(format!("device_id = ?{}", n + 2));
            let mut values: Vec<Value> = sets.iter().map(|(_, v)| v.clone()).collect();
            values.push(Value::Integer(row_clock.0));
            values.push(Value::Text(row_clock.1.clone()));
            values.push(Value::Text(key.to_owned()));
            self.local.execute(
                &format!(
                    "UPDATE {} SET {} WHERE {} = ?{}",
                    t.name,
                    assign.join(", "),
                    t.key_sql(""),
                    n + 3
                ),
                params_from_iter(values.iter()),
            )?;
        }
        // Clocks only move forward, also where the values were already equal, so every
        // laptop ends with the same clocks.
        if self.stamp.is_some() && (!clocks.is_empty() || value_change) {
            // The trigger stamped changed fields with the row clock: put the real ones back.
            let mut all = clocks.clone();
            for (c, _) in &sets {
                all.entry((*c).to_owned()).or_insert_with(|| {
                    there_clocks.get(*c).cloned().unwrap_or_else(|| born(there))
                });
            }
            self.write_clocks(t, key, all.iter())?;
            // Fields the trigger stamped that were not set by us do not exist: only `sets`
            // change values.
        }
        if value_change {
            let now_deleted = sets
                .iter()
                .any(|(c, v)| *c == "deleted_at" && !matches!(v, Value::Null));
            Ok(Change::Values {
                deleted: now_deleted && !was_deleted,
            })
        } else {
            Ok(Change::None)
        }
    }
}

enum Change {
    None,
    Values { deleted: bool },
}

fn is_deleted(t: &Table, values: &[Value]) -> bool {
    !matches!(values.get(col(t, "deleted_at")), Some(Value::Null) | None)
}

fn opt_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        other => Some(value_text(other)),
    }
}

fn max_clock(a: Clock, b: Clock) -> Clock {
    if bigger(&b, &a) { b } else { a }
}
