//! Exchange between laptops without a server: a bundle (`.etalase`) holds the whole registry or
//! what changed since the last exchange with a laptop; importing shows what will be added,
//! changed and deleted and the fields both laptops changed, then merges in one transaction by
//! the rule in `merge.rs` (docs/EXCHANGE.md). A backup is made before every import.

mod container;
pub(crate) mod data_file;
pub mod merge;
pub mod tables;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::text::Text;
pub use container::BUNDLE_FORMAT;
pub use merge::{Conflict, ConflictChoice, TableCounts};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportReport {
    pub file: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Whether it holds the whole registry (else what changed since the other laptop last
    /// confirmed).
    pub whole: bool,
    pub counts: BTreeMap<String, u64>,
    pub sealed: bool,
}

/// What importing a bundle would do (a preview) or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BundlePlan {
    /// The bundle's SHA-256: the import refuses a file that changed since its preview.
    pub sha256: String,
    pub source_device: String,
    #[ts(type = "number")]
    pub made_at: i64,
    pub whole: bool,
    pub tables: Vec<TableCounts>,
    pub conflicts: Vec<Conflict>,
    /// Rows not taken because their vendor was erased (here or there).
    pub erased_rows: u32,
    /// Vendors the other laptop erased that are erased here too.
    pub erased_here: u32,
    pub warnings: Vec<Text>,
    /// Whether anything would change.
    pub changes: bool,
    pub applied: bool,
}

/// One line of the exchange history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExchangeEntry {
    pub direction: String,
    pub peer_device: Option<String>,
    pub file_name: String,
    #[ts(type = "number")]
    pub at: i64,
    pub counts: BTreeMap<String, u64>,
}

/// A clock this far ahead of the laptop's own is probably a wrong date on the other laptop.
const FUTURE_MS: i64 = 24 * 3600 * 1000;

/// A private working folder under the data directory, removed when dropped (and, if the
/// process was killed, at the next start: see `Registry::open`).
struct WorkDir(std::path::PathBuf);

impl WorkDir {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Where bundles are unpacked; anything left there is from a process that was killed.
pub(crate) const WORK_DIR: &str = "exchange-work";

fn private_dir(r: &Registry) -> Result<WorkDir> {
    let dir = r.data_dir().join(WORK_DIR).join(r.new_id());
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok(WorkDir(dir))
}

impl Registry {
    /// Writes a bundle to `out`: the whole registry, or with `since_device` what changed
    /// after that laptop last confirmed receiving our changes. With a passphrase the file is
    /// encrypted.
    pub fn export_bundle(
        &self,
        out: &Path,
        since_device: Option<&str>,
        passphrase: Option<&str>,
    ) -> Result<ExportReport> {
        if let Some(p) = passphrase {
            check_passphrase(p)?;
        }
        let work = private_dir(self)?;
        let data = work.path().join(container::DATA);
        let since = match since_device {
            Some(d) => self.read(|c| {
                Ok(
                    c.query_row("SELECT acked_seq FROM peer WHERE device = ?1", [d], |r| {
                        r.get::<_, i64>(0)
                    })
                    .optional()?
                    .unwrap_or(0),
                )
            })?,
            None => 0,
        };
        // One read transaction: the bundle is one consistent moment of the registry.
        let (counts, to_seq, acks) = self.read(|c| {
            let tx = c.unchecked_transaction()?;
            let to_seq: i64 = tx.query_row("SELECT n FROM sync_counter", [], |r| r.get(0))?;
            let counts = data_file::write(&tx, &data, since)?;
            let acks: BTreeMap<String, i64> = tx
                .prepare("SELECT device, their_seq FROM peer")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?;
            tx.commit()?;
            Ok((counts, to_seq, acks))
        })?;
        let (bytes, sha256) = container::sha256_file(&data)?;
        let manifest = container::Manifest {
            format: BUNDLE_FORMAT,
            app: env!("CARGO_PKG_VERSION").to_owned(),
            schema: crate::store::migrations::latest_version(),
            device: self.device_id().to_owned(),
            created_at: chrono::Utc::now().timestamp_millis(),
            from_seq: since,
            to_seq,
            acks,
            counts: counts.clone(),
            parts: vec![container::Part {
                name: container::DATA.to_owned(),
                bytes,
                sha256,
            }],
        };
        container::write(out, &manifest, &data, passphrase)?;
        let file_bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
        let entry_counts = serde_json::to_string(&counts).unwrap_or_else(|_| "{}".into());
        let id = self.new_id();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.write(|tx, stamp| {
            tx.execute(
                "INSERT INTO exchange (id, direction, peer_device, file_name, at, from_seq, to_seq, counts)
                 VALUES (?1, 'export', ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, since_device, name, stamp.time, since, to_seq, entry_counts],
            )?;
            Ok(())
        })?;
        Ok(ExportReport {
            file: out.display().to_string(),
            bytes: file_bytes,
            whole: since == 0,
            counts,
            sealed: passphrase.is_some(),
        })
    }

    /// Writes a bundle to a new file in `dir` named after the day and this laptop
    /// (`etalase-2026-12-07-3f9a1c.etalase`), never replacing one: the window's export.
    pub fn export_bundle_into(
        &self,
        dir: &Path,
        since_device: Option<&str>,
        passphrase: Option<&str>,
    ) -> Result<ExportReport> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let id = self.device_id();
        let stem = format!(
            "etalase-{}-{}",
            crate::vendor::today_in_jakarta().format("%Y-%m-%d"),
            &id[id.len().saturating_sub(6)..]
        );
        let out = crate::paths::unused_path(dir, &stem, "etalase");
        self.export_bundle(&out, since_device, passphrase)
    }

    /// What importing `file` would do, writing nothing.
    pub fn preview_bundle(&self, file: &Path, passphrase: Option<&str>) -> Result<BundlePlan> {
        let work = private_dir(self)?;
        let (opened, sha) = open_bundle(file, passphrase, work.path())?;
        let bundle = data_file::open(&opened.data)?;
        self.read(|c| {
            let tx = c.unchecked_transaction()?;
            let outcome = merge::Merge {
                local: &tx,
                bundle: &bundle,
                stamp: None,
                choices: &[],
                seen_by_sender: opened
                    .manifest
                    .acks
                    .get(self.device_id())
                    .copied()
                    .unwrap_or(0),
            }
            .run()?;
            Ok(plan(&opened.manifest, sha, outcome, false))
        })
        .map_err(refused_rows)
    }

    /// Imports `file` as previewed: refuses if the file changed since (`sha256`), backs the
    /// registry up, then merges everything in one transaction, with the person's choices for
    /// conflicts. Importing the same bundle again changes nothing.
    pub fn import_bundle(
        &self,
        file: &Path,
        passphrase: Option<&str>,
        sha256: Option<&str>,
        choices: &[ConflictChoice],
    ) -> Result<BundlePlan> {
        if let Some(bad) = choices
            .iter()
            .find(|c| c.keep != "here" && c.keep != "there")
        {
            return Err(Error::Conflict(Text::new(
                format!(
                    "Pilihan \"{}\" untuk {} tidak dikenal: here atau there.",
                    bad.keep, bad.field
                ),
                format!(
                    "The choice \"{}\" for {} is unknown: here or there.",
                    bad.keep, bad.field
                ),
            )));
        }
        let work = private_dir(self)?;
        let (opened, sha) = open_bundle(file, passphrase, work.path())?;
        if let Some(expected) = sha256
            && expected != sha
        {
            return Err(Error::Conflict(Text::new(
                "Berkasnya berubah sejak pratinjau. Buka pratinjau lagi.",
                "The file changed since the preview. Preview it again.",
            )));
        }
        if opened.manifest.device == self.device_id() {
            return Err(Error::Conflict(Text::new(
                "Berkas ini dibuat oleh laptop ini sendiri: tidak ada yang perlu diimpor.",
                "This file was made by this laptop itself: there is nothing to import.",
            )));
        }
        let bundle = data_file::open(&opened.data)?;
        self.create_backup(crate::backup::Reason::BeforeImport)?;
        let m = &opened.manifest;
        let id = self.new_id();
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let outcome = self.write(|tx, stamp| {
            let outcome = merge::Merge {
                local: tx,
                bundle: &bundle,
                stamp: Some(stamp),
                choices,
                seen_by_sender: m.acks.get(self.device_id()).copied().unwrap_or(0),
            }
            .run()?;
            let now = chrono::Utc::now().timestamp_millis();
            if outcome.newest <= now + FUTURE_MS {
                // Kept so the clock carries on past it after a restart; only ever raised.
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('clock', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value
                     WHERE CAST(value AS INTEGER) < CAST(excluded.value AS INTEGER)",
                    [outcome.newest.to_string()],
                )?;
            }
            if outcome.erased_here > 0 {
                crate::photo::delete_unused_blobs(tx)?;
            }
            for v in &outcome.touched_vendors {
                crate::vendor::search::index(tx, v)?;
            }
            // How far the other laptop's changes have reached us, and ours it.
            let their: i64 = tx
                .query_row("SELECT their_seq FROM peer WHERE device = ?1", [&m.device], |r| {
                    r.get(0)
                })
                .optional()?
                .unwrap_or(0);
            let their = if m.from_seq <= their { their.max(m.to_seq) } else { their };
            let acked = m.acks.get(self.device_id()).copied().unwrap_or(0);
            tx.execute(
                "INSERT INTO peer (device, their_seq, acked_seq, seen_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (device) DO UPDATE SET their_seq = excluded.their_seq,
                   acked_seq = max(acked_seq, excluded.acked_seq), seen_at = excluded.seen_at",
                params![m.device, their, acked, stamp.time],
            )?;
            let counts: BTreeMap<String, u64> = outcome
                .tables
                .iter()
                .map(|t| (t.table.clone(), u64::from(t.added + t.changed)))
                .collect();
            tx.execute(
                "INSERT INTO exchange (id, direction, peer_device, file_name, at, from_seq, to_seq, counts)
                 VALUES (?1, 'import', ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    m.device,
                    name,
                    stamp.time,
                    m.from_seq,
                    m.to_seq,
                    serde_json::to_string(&counts).unwrap_or_else(|_| "{}".into())
                ],
            )?;
            Ok(outcome)
        })
        .map_err(refused_rows)?;
        // This laptop's clock moves past the newest edit it has seen (a hybrid logical
        // clock), unless that edit claims to be from the future.
        let now = chrono::Utc::now().timestamp_millis();
        if outcome.newest <= now + FUTURE_MS {
            self.observe_clock(outcome.newest);
        }
        Ok(plan(&opened.manifest, sha, outcome, true))
    }

    /// Exports and imports, newest first.
    pub fn exchanges(&self) -> Result<Vec<ExchangeEntry>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT direction, peer_device, file_name, at, counts FROM exchange ORDER BY at DESC LIMIT 200",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(ExchangeEntry {
                        direction: r.get(0)?,
                        peer_device: r.get(1)?,
                        file_name: r.get(2)?,
                        at: r.get(3)?,
                        counts: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                    })
                })?
                .collect::<std::result::Result<_, _>>()?;
            Ok(rows)
        })
    }
}

/// A bundle's rows that the registry's own rules refuse (a reference to nothing, a value out
/// of range): the whole import is rolled back.
fn refused_rows(e: Error) -> Error {
    match e {
        Error::Storage(s) => Error::Conflict(Text::new(
            format!(
                "Berkas pertukaran ditolak: isinya tidak cocok dengan aturan data Etalase ({s}). Tidak ada yang diubah."
            ),
            format!(
                "The exchange file was refused: its rows break Etalase's data rules ({s}). Nothing was changed."
            ),
        )),
        other => other,
    }
}

fn check_passphrase(p: &str) -> Result<()> {
    if p.chars().count() < 8 {
        return Err(Error::Invalid(vec![crate::error::FieldError::new(
            "passphrase",
            "too_short",
            Text::new(
                "Kata sandi paling sedikit 8 karakter.",
                "The passphrase needs at least 8 characters.",
            ),
        )]));
    }
    Ok(())
}

fn open_bundle(
    file: &Path,
    passphrase: Option<&str>,
    work: &Path,
) -> Result<(container::Opened, String)> {
    // A copy first: a USB stick may be pulled while we read.
    let copy = work.join("incoming.etalase");
    std::fs::copy(file, &copy).map_err(|e| Error::io(file, e))?;
    let (_, sha) = container::sha256_file(&copy)?;
    Ok((container::open(&copy, passphrase, work)?, sha))
}

fn plan(m: &container::Manifest, sha256: String, o: merge::Outcome, applied: bool) -> BundlePlan {
    let mut warnings = Vec::new();
    let now = chrono::Utc::now().timestamp_millis();
    if o.newest > now + FUTURE_MS {
        warnings.push(Text::new(
            format!(
                "Jam laptop asal tampaknya salah: ada perubahan bertanggal {}. Periksa tanggal di laptop itu.",
                day_of(o.newest).id
            ),
            format!(
                "The other laptop's clock looks wrong: a change is dated {}. Check that laptop's date.",
                day_of(o.newest).en
            ),
        ));
    }
    let changes = o.tables.iter().any(|t| t.added + t.changed > 0) || o.erased_here > 0;
    BundlePlan {
        sha256,
        source_device: m.device.clone(),
        made_at: m.created_at,
        whole: m.from_seq == 0,
        tables: o.tables,
        conflicts: o.conflicts,
        erased_rows: o.erased_rows,
        erased_here: o.erased_here,
        warnings,
        changes,
        applied,
    }
}

fn day_of(millis: i64) -> Text {
    let day = chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    crate::date::medium_day(day)
}
