//! The SQLite file behind a registry: how connections are opened and configured.
//!
//! Settings follow the reliability plan (shared reference, §0 and §1.4): WAL, `synchronous=FULL`
//! (laptops die on empty batteries), foreign keys, a 5 s busy timeout with `BEGIN IMMEDIATE` for
//! every write, `trusted_schema=OFF` and DEFENSIVE (the schema can't run our functions, SQL can't
//! corrupt the file), `secure_delete=ON` (deleted personal data is zeroed).

pub mod migrations;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};

/// The oldest SQLite we run on: older ones have the WAL-reset corruption bug.
pub const MIN_SQLITE: (u32, u32, u32) = (3, 51, 3);

pub const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

/// Refuses an SQLite library older than [`MIN_SQLITE`].
pub fn check_sqlite_version(version: &str) -> Result<()> {
    let parts: Vec<u32> = version.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    let found = (
        parts.first().copied().unwrap_or(0),
        parts.get(1).copied().unwrap_or(0),
        parts.get(2).copied().unwrap_or(0),
    );
    if found < MIN_SQLITE {
        return Err(Error::SqliteTooOld {
            found: version.to_owned(),
        });
    }
    Ok(())
}

/// Opens a read-write connection to the registry file (creating it) with our settings applied.
pub fn open(path: &Path) -> Result<Connection> {
    check_sqlite_version(rusqlite::version())?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e.into()))?;
    configure(&conn).map_err(|e| classify(path, e))?;
    Ok(conn)
}

/// Names what SQLite found wrong with a file in terms a person can act on: not a registry at
/// all, or a damaged one.
pub fn classify(path: &Path, e: Error) -> Error {
    match &e {
        Error::Storage(inner) => match inner.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => Error::NotARegistry {
                path: path.to_owned(),
            },
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::Damaged {
                path: path.to_owned(),
                detail: inner.to_string(),
            },
            _ => e,
        },
        _ => e,
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!(
            "journal_mode stayed {mode}, expected wal"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

/// SQLite's quick structural check; anything but "ok" means the file is damaged.
pub fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(Error::Damaged {
            path: path.to_owned(),
            detail: rows.join("; "),
        })
    }
}
