//! Files the window hands to the core (a spreadsheet picked in the browser's file chooser):
//! the bytes are kept in a private folder of the data directory under a name the core makes,
//! and the UI gets that name as a token. No path ever travels from the UI to the core, so a
//! compromised page cannot make the core read anything else.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::spreadsheet::read::MAX_FILE_BYTES;
use crate::text::Text;

/// The folder, inside the data directory, where handed-over files wait.
pub const STAGING_DIR: &str = "incoming";

/// Staged files older than this are removed when the next one arrives.
const KEEP_FOR: Duration = Duration::from_secs(24 * 3600);

/// What may be handed over: spreadsheets to import, photos to import.
/// Bundles from other laptops sent through the window.
const MAX_BUNDLE_BYTES: u64 = 2 << 30;
const EXTENSIONS: [&str; 9] = [
    "csv", "xlsx", "jpg", "jpeg", "png", "webp", "heic", "heif", "etalase",
];

fn bad_token(token: &str) -> Error {
    Error::NotFound {
        what: "file",
        id: token.chars().take(60).collect(),
    }
}

impl Registry {
    fn staging_dir(&self) -> PathBuf {
        self.data_dir().join(STAGING_DIR)
    }

    /// Keeps a file the person chose; `name` is only used for its extension.
    pub fn stage_file(&self, name: &str, bytes: &[u8]) -> Result<String> {
        let ext = std::path::Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .filter(|e| EXTENSIONS.contains(&e.as_str()))
            .ok_or_else(|| Error::BadFile {
                path: PathBuf::from(name),
                reason: Text::new(
                    "jenis berkas tidak dikenal; gunakan .xlsx atau .csv untuk data, .jpg, .png atau .webp untuk foto, .etalase untuk pertukaran",
                    "unknown kind of file; use .xlsx or .csv for data, .jpg, .png or .webp for photos, .etalase for exchange",
                ),
            })?;
        let limit = if matches!(ext.as_str(), "csv" | "xlsx") {
            MAX_FILE_BYTES
        } else if ext == "etalase" {
            // A whole registry with its photos: the bundle reader caps what it unpacks.
            MAX_BUNDLE_BYTES
        } else {
            crate::photo::pipeline::MAX_FILE_BYTES
        };
        if bytes.len() as u64 > limit {
            return Err(Error::BadFile {
                path: PathBuf::from(name),
                reason: Text::new(
                    format!(
                        "berkas terlalu besar (paling besar {} MB)",
                        MAX_FILE_BYTES >> 20
                    ),
                    format!("file too large (at most {} MB)", MAX_FILE_BYTES >> 20),
                ),
            });
        }
        let dir = self.staging_dir();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        self.clear_old_staged();
        let token = format!("{}.{ext}", self.new_id());
        let path = dir.join(&token);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        Ok(token)
    }

    /// The staged file a token names. Anything but a token this module made is refused.
    pub fn staged_path(&self, token: &str) -> Result<PathBuf> {
        let (stem, ext) = token.rsplit_once('.').ok_or_else(|| bad_token(token))?;
        let well_formed = stem.len() == 36
            && stem.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
            && EXTENSIONS.contains(&ext);
        if !well_formed {
            return Err(bad_token(token));
        }
        let path = self.staging_dir().join(token);
        if !path.is_file() {
            return Err(bad_token(token));
        }
        Ok(path)
    }

    /// Removes a staged file once it has been used (or abandoned).
    pub fn discard_staged(&self, token: &str) -> Result<()> {
        let path = self.staged_path(token)?;
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))
    }

    fn clear_old_staged(&self) {
        let Ok(entries) = std::fs::read_dir(self.staging_dir()) else {
            return;
        };
        let now = SystemTime::now();
        for entry in entries.flatten() {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > KEEP_FOR);
            if old {
                // Best effort: a file that cannot be removed now is tried again next time.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
