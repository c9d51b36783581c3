//! The registry: one SQLite file per data directory, and the handle every host (desktop app,
//! CLI, tests) uses to reach it.
//!
//! One writer connection and one reader connection, each behind its own lock. WAL lets the
//! reader answer the UI while a background job writes. Every write is a `BEGIN IMMEDIATE`
//! transaction, so the write lock is taken up front and the busy timeout can work.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use ts_rs::TS;

use crate::category::{self, Category};
use crate::error::{Error, Result};
use crate::paths::REGISTRY_FILE;
use crate::store;

/// A cheap-to-clone handle to an open registry.
#[derive(Clone)]
pub struct Registry {
    inner: Arc<Inner>,
}

struct Inner {
    data_dir: PathBuf,
    path: PathBuf,
    device_id: String,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    /// The last change time handed out, so two changes on this device never share a time even
    /// if the wall clock stalls or steps back.
    last_time: AtomicI64,
    clock_offset: AtomicI64,
}

/// When and where a change is made: stamped on every row a write touches.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// Milliseconds since the Unix epoch, strictly increasing on this device.
    pub time: i64,
    pub device: String,
}

/// Facts about the open registry, for the UI's status and settings.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RegistryInfo {
    pub data_dir: String,
    pub path: String,
    pub device_id: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub vendor_count: u32,
    /// Whether the first-start choice (demo data or an empty registry) has been made.
    pub welcome_done: bool,
    pub app_version: String,
}

impl Registry {
    /// Whether a registry already exists in this data directory.
    pub fn exists(data_dir: &Path) -> bool {
        data_dir.join(REGISTRY_FILE).is_file()
    }

    /// Opens (creating if needed) the registry in `data_dir`, migrating it to this version's
    /// schema. Refuses files that are not registries, registries from a newer Etalase, and
    /// damaged files, without changing them.
    pub fn open(data_dir: &Path) -> Result<Registry> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
        let path = data_dir.join(REGISTRY_FILE);
        Self::open_file(data_dir, &path).map_err(|e| store::classify(&path, e))
    }

    fn open_file(data_dir: &Path, path: &Path) -> Result<Registry> {
        let path = path.to_owned();
        let mut writer = store::open(&path)?;
        store::quick_check(&writer, &path)?;
        let version = store::migrations::user_version(&writer)?;
        if version > 0 && version < store::migrations::latest_version() {
            // A migration rewrites tables: keep a verified copy of the registry as it was.
            store::migrations::check_compatible(&writer, &path)?;
            crate::backup::backup_connection(
                &writer,
                data_dir,
                crate::backup::Reason::BeforeMigration,
            )?;
        }
        store::migrations::migrate(&mut writer, &path)?;
        let device_id = ensure_device_id(&mut writer)?;
        ensure_search_index(&mut writer)?;
        // The clock carries on from the newest edit made or received here.
        let last_time = writer.query_row(
            "SELECT max(coalesce((SELECT max(updated_at) FROM vendor), 0),
                        coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'clock'), 0))",
            [],
            |r| r.get::<_, i64>(0),
        )?;
        // Bundles unpacked by a process that was killed.
        let _ = std::fs::remove_dir_all(data_dir.join(crate::exchange::WORK_DIR));
        let reader = store::open(&path)?;
        Ok(Registry {
            inner: Arc::new(Inner {
                data_dir: data_dir.to_owned(),
                path,
                device_id,
                writer: Mutex::new(writer),
                reader: Mutex::new(reader),
                last_time: AtomicI64::new(last_time),
                clock_offset: AtomicI64::new(0),
            }),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    pub fn device_id(&self) -> &str {
        &self.inner.device_id
    }

    /// A new UUIDv7: time-ordered, made on this device, unique across laptops.
    pub fn new_id(&self) -> String {
        uuid::Uuid::now_v7().to_string()
    }

    /// Moves this laptop's clock past an edit seen elsewhere (the receive rule of a hybrid
    /// logical clock): edits made here afterwards order after it even if this laptop's date
    /// is behind.
    pub(crate) fn observe_clock(&self, time: i64) {
        self.inner.last_time.fetch_max(time, Ordering::SeqCst);
    }

    /// Shifts this laptop's wall clock, to test what a wrong date does (a dead CMOS battery
    /// says 2001). Edits stay in order whatever the wall clock says.
    pub fn set_clock_offset(&self, millis: i64) {
        self.inner.clock_offset.store(millis, Ordering::SeqCst);
    }

    fn stamp(&self) -> Stamp {
        let now =
            chrono::Utc::now().timestamp_millis() + self.inner.clock_offset.load(Ordering::SeqCst);
        let prev = self.inner.last_time.fetch_max(now, Ordering::SeqCst);
        let time = if now > prev {
            now
        } else {
            // The clock did not move forward: take the next millisecond after the last one.
            self.inner.last_time.fetch_add(1, Ordering::SeqCst) + 1
        };
        Stamp {
            time,
            device: self.inner.device_id.clone(),
        }
    }

    /// Runs `f` on the reader connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = lock(&self.inner.reader)?;
        f(&conn)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on the writer, committing only if it
    /// returns `Ok`. Everything `f` writes lands together or not at all.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>, &Stamp) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.inner.writer)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let stamp = self.stamp();
        let out = f(&tx, &stamp)?;
        tx.commit()?;
        Ok(out)
    }

    /// Replaces the whole registry with `source`'s pages (SQLite's online backup, run into
    /// the live file under the write lock), then brings it to this version's schema.
    pub(crate) fn restore_from(&self, source: &Connection) -> Result<()> {
        let mut conn = lock(&self.inner.writer)?;
        // Other laptops know how far our change counter went; the restored counter must not
        // hand out those numbers again, or changes made after the restore would never be sent.
        let counter: i64 = conn.query_row("SELECT n FROM sync_counter", [], |r| r.get(0))?;
        {
            let backup = rusqlite::backup::Backup::new(source, &mut conn)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        store::migrations::migrate(&mut conn, &self.inner.path)?;
        conn.execute("UPDATE sync_counter SET n = max(n, ?1)", [counter])?;
        Ok(())
    }

    /// Runs `f` on the writer connection outside a transaction (for checkpoints and the like).
    pub(crate) fn write_connection<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        let conn = lock(&self.inner.writer)?;
        f(&conn)
    }

    pub fn categories(&self) -> Result<Vec<Category>> {
        self.read(category::list)
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.read(|c| {
            Ok(
                c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                    .optional()?,
            )
        })
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.write(|tx, _| put_meta(tx, key, value))
    }

    /// Records that the first-start choice was made, so it is not offered again.
    pub fn finish_welcome(&self) -> Result<()> {
        self.set_meta("welcome_done", "1")
    }

    pub fn info(&self) -> Result<RegistryInfo> {
        Ok(RegistryInfo {
            data_dir: self.inner.data_dir.display().to_string(),
            path: self.inner.path.display().to_string(),
            device_id: self.inner.device_id.clone(),
            schema_version: self.read(store::migrations::user_version)?,
            vendor_count: self.count_vendors()?,
            welcome_done: self.meta("welcome_done")?.is_some(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
        })
    }

    /// Full `integrity_check` and `foreign_key_check`; returns what SQLite found, empty if
    /// nothing is wrong.
    pub fn check(&self) -> Result<Vec<String>> {
        self.read(|c| {
            let mut problems: Vec<String> = c
                .prepare("PRAGMA integrity_check")?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .filter(|s| s != "ok")
                .collect();
            let fk = c
                .prepare("PRAGMA foreign_key_check")?
                .query_map([], |r| {
                    Ok(format!(
                        "foreign key: {} row {}",
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            problems.extend(fk);
            Ok(problems)
        })
    }
}

fn lock(m: &Mutex<Connection>) -> Result<MutexGuard<'_, Connection>> {
    // A panic while holding the lock leaves the connection usable: SQLite rolled back the
    // open transaction when the Transaction was dropped during unwinding.
    Ok(m.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
}

fn ensure_device_id(conn: &mut Connection) -> Result<String> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let existing: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let id = match existing {
        Some(id) => id,
        None => {
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('device_id', ?1)",
                [&id],
            )?;
            id
        }
    };
    tx.commit()?;
    Ok(id)
}

/// Rebuilds the search index when it was made by another version of the indexing rules (or
/// never made, as right after the migration that adds it).
fn ensure_search_index(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'search_index_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if version.as_deref() != Some(crate::vendor::search::INDEX_VERSION) {
        crate::vendor::search::rebuild(&tx)?;
    }
    tx.commit()?;
    Ok(())
}

/// Sets one `meta` value inside a caller's transaction.
pub(crate) fn put_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
