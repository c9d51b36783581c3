//! Backups: complete, verified copies of the registry (photos included, they live in it),
//! made with `VACUUM INTO` and checked with `integrity_check` before they count; automatic
//! at an interval the person chooses, and always before an import, a restore or a
//! migration. The newest ones are kept; a restore first backs up what it replaces.

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::text::Text;

pub const BACKUP_DIR: &str = "backups";
/// Backups kept when none is set.
pub const DEFAULT_KEEP: u32 = 10;
/// Hours between automatic backups when none is set; 0 turns them off.
pub const DEFAULT_EVERY_HOURS: u32 = 24;

/// Why a backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Manual,
    Automatic,
    BeforeImport,
    BeforeRestore,
    BeforeMigration,
}

impl Reason {
    fn key(self) -> &'static str {
        match self {
            Reason::Manual => "manual",
            Reason::Automatic => "auto",
            Reason::BeforeImport => "before-import",
            Reason::BeforeRestore => "before-restore",
            Reason::BeforeMigration => "before-migration",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Backup {
    /// The file's name in the backups folder; what `restore` takes.
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub made_at: i64,
    #[ts(type = "number")]
    pub bytes: u64,
    /// `manual`, `auto`, `before-import`, `before-restore` or `before-migration`.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSettings {
    /// Hours between automatic backups; 0: none.
    pub every_hours: u32,
    /// How many backups to keep (at least 2).
    pub keep: u32,
}

fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// `etalase-20261129-051500123-before-import.sqlite`: sorts by time, says why.
fn file_name(millis: i64, reason: Reason) -> String {
    let t = chrono::DateTime::from_timestamp_millis(millis).unwrap_or_default();
    format!(
        "etalase-{}-{}.sqlite",
        t.format("%Y%m%d-%H%M%S%3f"),
        reason.key()
    )
}

fn parse_name(name: &str) -> Option<(i64, String)> {
    let rest = name.strip_prefix("etalase-")?.strip_suffix(".sqlite")?;
    let (day, rest) = rest.split_once('-')?;
    let (time, reason) = rest.split_once('-')?;
    if day.len() != 8
        || time.len() != 9
        || !matches!(
            reason,
            "manual" | "auto" | "before-import" | "before-restore" | "before-migration"
        )
    {
        return None;
    }
    let t =
        chrono::NaiveDateTime::parse_from_str(&format!("{day}{time}"), "%Y%m%d%H%M%S%3f").ok()?;
    Some((t.and_utc().timestamp_millis(), reason.to_owned()))
}

/// Checks a file is an intact registry: opened read-only, `integrity_check` must say ok.
fn verify(path: &Path) -> Result<()> {
    verify_file(path).map_err(|e| match e {
        Error::Storage(s) => Error::Damaged {
            path: path.to_owned(),
            detail: s.to_string(),
        },
        other => other,
    })
}

fn verify_file(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let check: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    if app != crate::store::migrations::APPLICATION_ID || check != ["ok"] {
        return Err(Error::Damaged {
            path: path.to_owned(),
            detail: check.join("; "),
        });
    }
    Ok(())
}

/// Copies the database `conn` is open on into the backups folder of `data_dir`, verified.
pub(crate) fn backup_connection(
    conn: &Connection,
    data_dir: &Path,
    reason: Reason,
) -> Result<Backup> {
    let folder = dir(data_dir);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let mut made_at = chrono::Utc::now().timestamp_millis();
    let mut name = file_name(made_at, reason);
    while folder.join(&name).exists() {
        made_at += 1;
        name = file_name(made_at, reason);
    }
    let path = folder.join(&name);
    let part = folder.join(format!(".{name}.part"));
    let _ = std::fs::remove_file(&part);
    let result = (|| -> Result<()> {
        conn.execute("VACUUM INTO ?1", [part.to_string_lossy()])?;
        verify(&part)?;
        std::fs::File::open(&part)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(&part, e))?;
        std::fs::rename(&part, &path).map_err(|e| Error::io(&path, e))
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(Backup {
        name,
        path: path.display().to_string(),
        made_at,
        bytes,
        reason: reason.key().to_owned(),
    })
}

impl Registry {
    /// Makes a verified backup now, then removes the oldest beyond the number to keep.
    pub fn create_backup(&self, reason: Reason) -> Result<Backup> {
        let backup = self.write_connection(|c| backup_connection(c, self.data_dir(), reason))?;
        let keep = self.backup_settings()?.keep as usize;
        let all = self.backups()?;
        for old in all.iter().skip(keep) {
            let _ = std::fs::remove_file(&old.path);
        }
        Ok(backup)
    }

    /// The backups, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        let folder = dir(self.data_dir());
        let mut list = Vec::new();
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return Ok(list);
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some((made_at, reason)) = parse_name(&name) {
                list.push(Backup {
                    path: e.path().display().to_string(),
                    bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                    name,
                    made_at,
                    reason,
                });
            }
        }
        list.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.name.cmp(&a.name)));
        Ok(list)
    }

    pub fn backup_settings(&self) -> Result<BackupSettings> {
        let num = |key: &str, default: u32| -> Result<u32> {
            Ok(self
                .meta(key)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(default))
        };
        Ok(BackupSettings {
            every_hours: num("backup_every_hours", DEFAULT_EVERY_HOURS)?,
            keep: num("backup_keep", DEFAULT_KEEP)?.max(2),
        })
    }

    pub fn set_backup_settings(&self, s: &BackupSettings) -> Result<BackupSettings> {
        if s.every_hours > 24 * 30 || !(2..=100).contains(&s.keep) {
            return Err(Error::Invalid(vec![crate::error::FieldError::new(
                "backup",
                "out_of_range",
                Text::new(
                    "Cadangan: setiap 0–720 jam, simpan 2–100 cadangan.",
                    "Backups: every 0–720 hours, keep 2–100 backups.",
                ),
            )]));
        }
        self.write(|tx, _| {
            crate::registry::put_meta(tx, "backup_every_hours", &s.every_hours.to_string())?;
            crate::registry::put_meta(tx, "backup_keep", &s.keep.to_string())
        })?;
        self.backup_settings()
    }

    /// Makes an automatic backup when the newest is older than the interval. Returns it.
    pub fn backup_if_due(&self) -> Result<Option<Backup>> {
        let s = self.backup_settings()?;
        if s.every_hours == 0 {
            return Ok(None);
        }
        let newest = self.backups()?.first().map(|b| b.made_at).unwrap_or(0);
        let now = chrono::Utc::now().timestamp_millis();
        if now - newest < i64::from(s.every_hours) * 3600 * 1000 {
            return Ok(None);
        }
        self.create_backup(Reason::Automatic).map(Some)
    }

    /// Puts a backup back in place of the registry, after backing up the current state. The
    /// backup is verified first; the registry is replaced page by page under the write lock,
    /// so nothing half-restored is ever seen.
    pub fn restore_backup(&self, name: &str) -> Result<Backup> {
        let chosen = self
            .backups()?
            .into_iter()
            .find(|b| b.name == name)
            .ok_or_else(|| Error::NotFound {
                what: "backup",
                id: name.to_owned(),
            })?;
        verify(Path::new(&chosen.path))?;
        let before = self.create_backup(Reason::BeforeRestore)?;
        let source = Connection::open_with_flags(
            &chosen.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let version = crate::store::migrations::user_version(&source)?;
        if version > crate::store::migrations::latest_version() {
            return Err(Error::NewerRegistry {
                path: PathBuf::from(&chosen.path),
                found: version,
                supported: crate::store::migrations::latest_version(),
            });
        }
        self.restore_from(&source)?;
        Ok(before)
    }
}

/// Whether `name` could be a backup's file name (for messages and the window).
pub fn is_backup_name(name: &str) -> bool {
    parse_name(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_when_and_why_and_nothing_else_passes() {
        let n = file_name(1_796_000_000_123, Reason::BeforeImport);
        assert!(n.starts_with("etalase-2026"), "{n}");
        let (t, why) = parse_name(&n).expect("parses");
        assert_eq!((t, why.as_str()), (1_796_000_000_123, "before-import"));
        for bad in [
            "../etalase-20261129-051500123-auto.sqlite",
            "etalase-20261129-051500123-evil.sqlite",
            "etalase-2026112-051500123-auto.sqlite",
            "registry.sqlite",
        ] {
            assert!(parse_name(bad).is_none(), "{bad}");
        }
    }
}
