//! The bundle's `data.sqlite`: a fresh SQLite file with one plain table per exchanged table
//! (same columns, no constraints), the exchanged rows' field clocks, and nothing else. It is
//! written on a connection of its own and read through a hardened read-only connection whose
//! schema must match this version's exactly, so a file with a trigger, a view or an extra
//! table is refused before a single row is read.

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, params_from_iter};
use std::path::Path;

use super::tables::{Kind, TABLES, Table};
use crate::error::{Error, Result};
use crate::text::Text;

/// "ETXB" in the SQLite header: an exchange bundle's data, never a registry.
const BUNDLE_APPLICATION_ID: i64 = 0x4554_5842;

/// The longest single value accepted: photo masters are a few MB; anything near this is not
/// from Etalase.
const MAX_VALUE: i32 = 48 << 20;
/// Text columns hold names, notes and JSON: a megabyte is already absurd.
pub const MAX_TEXT: usize = 1 << 20;

fn schema_sql() -> String {
    let mut sql = String::new();
    for t in TABLES {
        sql.push_str(&format!(
            "CREATE TABLE {} ({});\n",
            t.name,
            t.all_columns().join(", ")
        ));
    }
    sql.push_str("CREATE TABLE field_clock (tbl, row_key, field, time, device);\n");
    sql
}

/// Writes the rows of the registry `from` into a new data file at `to`: every row when
/// `since` is 0, else the rows written after the local change counter passed `since`.
/// Returns rows per table.
pub fn write(
    from: &Connection,
    to: &Path,
    since: i64,
) -> Result<std::collections::BTreeMap<String, u64>> {
    let _ = std::fs::remove_file(to);
    let out = Connection::open(to)?;
    out.pragma_update(None, "journal_mode", "DELETE")?;
    out.pragma_update(None, "application_id", BUNDLE_APPLICATION_ID)?;
    out.pragma_update(
        None,
        "user_version",
        i64::from(super::container::BUNDLE_FORMAT),
    )?;
    out.execute_batch(&schema_sql())?;
    let tx = out.unchecked_transaction()?;
    let mut counts = std::collections::BTreeMap::new();
    for t in TABLES {
        let cols = t.all_columns();
        let filter = if since > 0 {
            format!(
                " WHERE {} IN (SELECT row_key FROM row_seq WHERE tbl = '{}' AND seq > ?1)",
                t.key_sql(""),
                t.name
            )
        } else {
            " WHERE ?1 = ?1".to_owned()
        };
        let mut read = from.prepare(&format!(
            "SELECT {} FROM {}{filter}",
            cols.join(", "),
            t.name
        ))?;
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {} VALUES ({})",
            t.name,
            vec!["?"; cols.len()].join(", ")
        ))?;
        let mut clocks = tx.prepare(
            "INSERT INTO field_clock (tbl, row_key, field, time, device) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut read_clocks = from.prepare(
            "SELECT field, time, device FROM field_clock WHERE tbl = ?1 AND row_key = ?2",
        )?;
        let mut rows = read.query([since])?;
        let mut n = 0u64;
        while let Some(row) = rows.next()? {
            let values: Vec<Value> = (0..cols.len())
                .map(|i| row.get::<_, Value>(i))
                .collect::<std::result::Result<_, _>>()?;
            insert.execute(params_from_iter(values.iter()))?;
            if t.kind == Kind::Fields {
                let key = row_key(t, &values);
                let mut c = read_clocks.query(rusqlite::params![t.name, key])?;
                while let Some(r) = c.next()? {
                    clocks.execute(rusqlite::params![
                        t.name,
                        key,
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?
                    ])?;
                }
            }
            n += 1;
        }
        counts.insert(t.name.to_owned(), n);
    }
    tx.commit()?;
    drop(out);
    Ok(counts)
}

/// A row's key as one text, from its values in `all_columns` order.
pub fn row_key(t: &Table, values: &[Value]) -> String {
    values[..t.key.len()]
        .iter()
        .map(value_text)
        .collect::<Vec<_>>()
        .join("/")
}

pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => format!("{} bytes", b.len()),
    }
}

fn refused(why: &str) -> Error {
    Error::Conflict(Text::new(
        format!("Berkas pertukaran ditolak: datanya bukan buatan Etalase ({why})."),
        format!("The exchange file was refused: its data was not made by Etalase ({why})."),
    ))
}

/// Opens a bundle's data file read-only after checking its header, identity, format,
/// schema and integrity.
pub fn open(path: &Path) -> Result<Connection> {
    // SQLite's own complaints about a hostile file ("malformed", "not a database") mean the
    // same to the person: the file is damaged.
    open_checked(path).map_err(|e| match e {
        Error::Storage(s) => super::container::damaged(s),
        other => other,
    })
}

fn open_checked(path: &Path) -> Result<Connection> {
    let mut head = [0u8; 100];
    let n = std::io::Read::read(
        &mut std::fs::File::open(path).map_err(|e| Error::io(path, e))?,
        &mut head,
    )
    .map_err(|e| Error::io(path, e))?;
    if n < 100 || &head[..16] != b"SQLite format 3\0" {
        return Err(refused("not a SQLite file"));
    }
    // Bytes 18 and 19 are 1 for a rollback journal, 2 for WAL: only the first is ours, and
    // a WAL file would need its -wal beside it.
    if head[18] != 1 || head[19] != 1 {
        return Err(refused("write-ahead log mode"));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA,
        false,
    )?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER,
        false,
    )?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW,
        false,
    )?;
    conn.pragma_update(None, "query_only", "ON")?;
    conn.pragma_update(None, "cell_size_check", "ON")?;
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_LENGTH, MAX_VALUE)?;
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app != BUNDLE_APPLICATION_ID {
        return Err(refused("unknown application id"));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > i64::from(super::container::BUNDLE_FORMAT) {
        return Err(Error::Conflict(Text::new(
            "Berkas ini dibuat oleh Etalase yang lebih baru. Perbarui Etalase di laptop ini dulu, lalu impor lagi.",
            "This file was made by a newer Etalase. Update Etalase on this laptop first, then import again.",
        )));
    }
    if version != i64::from(super::container::BUNDLE_FORMAT) {
        return Err(refused("unknown format"));
    }
    // The schema, compared with what this version writes: any extra table, column, index,
    // trigger or view is refused here.
    let expected = Connection::open_in_memory()?;
    expected.execute_batch(&schema_sql())?;
    let fingerprint = |c: &Connection| -> Result<Vec<(String, String, Option<String>)>> {
        Ok(
            c.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<std::result::Result<_, _>>()?,
        )
    };
    if fingerprint(&conn)? != fingerprint(&expected)? {
        return Err(refused("unexpected tables, columns, triggers or views"));
    }
    let check: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    if check != ["ok"] {
        return Err(super::container::damaged("integrity check"));
    }
    Ok(conn)
}
