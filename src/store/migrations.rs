//! Numbered schema migrations, embedded in the binary and tracked with `PRAGMA user_version`.
//!
//! Rules: migrations are additive (never drop or repurpose a column, so an older app can still
//! read what it understands), each runs in its own `BEGIN IMMEDIATE` transaction, and a
//! registry whose version is newer than the newest migration here is refused untouched.

use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

use crate::error::{Error, Result};

/// (version, SQL). Version N's SQL takes a registry from N-1 to N.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_init.sql")),
    (2, include_str!("migrations/0002_vendor_search.sql")),
    (3, include_str!("migrations/0003_vendor_history.sql")),
    (4, include_str!("migrations/0004_vendor_details.sql")),
    (5, include_str!("migrations/0005_consent.sql")),
    (6, include_str!("migrations/0006_stages.sql")),
    (7, include_str!("migrations/0007_legality.sql")),
    (8, include_str!("migrations/0008_audit.sql")),
    (9, include_str!("migrations/0009_import_merge.sql")),
    (10, include_str!("migrations/0010_training.sql")),
    (11, include_str!("migrations/0011_products_photos.sql")),
    (12, include_str!("migrations/0012_planner.sql")),
    (13, include_str!("migrations/0013_catalogue_look.sql")),
    (14, include_str!("migrations/0014_exchange.sql")),
];

/// Work a migration needs that is generated from code, run in the same transaction right
/// after the migration's SQL.
type Then = fn(&Connection) -> Result<()>;
const AFTER: &[(i64, Then)] = &[(14, crate::exchange::tables::install_triggers)];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}

/// "ETAL" in ASCII, stored in the SQLite header so our files can be told from others.
pub const APPLICATION_ID: i64 = 0x4554_414C;

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses files that are not ours and registries made by a newer Etalase, before any write.
pub fn check_compatible(conn: &Connection, path: &Path) -> Result<()> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version = user_version(conn)?;
    let has_tables: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table')",
        [],
        |r| r.get(0),
    )?;
    if app_id != APPLICATION_ID && (app_id != 0 || has_tables) {
        return Err(Error::NotARegistry {
            path: path.to_owned(),
        });
    }
    if version > latest_version() {
        return Err(Error::NewerRegistry {
            path: path.to_owned(),
            found: version,
            supported: latest_version(),
        });
    }
    Ok(())
}

/// Applies every migration newer than the registry's version, each atomically.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    check_compatible(conn, path)?;
    for (version, sql) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read inside the write lock: another process may have migrated meanwhile.
        if user_version(&tx)? >= *version {
            continue;
        }
        tx.execute_batch(sql)?;
        for (_, then) in AFTER.iter().filter(|(v, _)| v == version) {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
        tracing::info!(version, "registry migrated");
    }
    Ok(())
}
