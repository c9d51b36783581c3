//! Where a registry lives on disk. The app and the CLI resolve the same directory:
//! `--data-dir DIR`, else `ETALASE_DATA_DIR`, else the OS's app-data directory.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "ETALASE_DATA_DIR";

/// The registry's file name inside the data directory.
pub const REGISTRY_FILE: &str = "registry.sqlite";

/// The OS's app-data directory for Etalase (`~/.local/share/etalase` on Linux,
/// `%APPDATA%\etalase` on Windows, `~/Library/Application Support/etalase` on macOS).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("etalase"))
}

/// Resolves the data directory from an explicit choice, then the environment's value, then
/// the OS default. Empty values count as unset.
pub fn resolve_data_dir(explicit: Option<PathBuf>, env: Option<OsString>) -> Result<PathBuf> {
    explicit
        .filter(|p| !p.as_os_str().is_empty())
        .or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(default_data_dir)
        .ok_or_else(|| {
            Error::Internal("no data directory: set --data-dir or ETALASE_DATA_DIR".into())
        })
}

/// Reads `--data-dir DIR` or `--data-dir=DIR` from a program's arguments (the desktop app has
/// no other options, so it needs no argument parser).
pub fn data_dir_arg(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = arg.to_str().and_then(|s| s.strip_prefix("--data-dir=")) {
            return Some(PathBuf::from(v));
        }
    }
    None
}

/// The environment variable that overrides where the window saves exports.
pub const EXPORT_DIR_ENV: &str = "ETALASE_EXPORT_DIR";

/// Where the window saves spreadsheets and catalogues: `ETALASE_EXPORT_DIR`, else the user's
/// Downloads folder, else their home folder.
pub fn export_dir() -> Option<PathBuf> {
    std::env::var_os(EXPORT_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(dirs::download_dir)
        .or_else(dirs::home_dir)
}

/// `dir/stem.ext`, or `dir/stem-2.ext`, `-3`, ... if that exists: an export never overwrites.
pub fn unused_path(dir: &std::path::Path, stem: &str, ext: &str) -> PathBuf {
    let mut path = dir.join(format!("{stem}.{ext}"));
    let mut n = 2;
    while path.exists() || path.symlink_metadata().is_ok() {
        path = dir.join(format!("{stem}-{n}.{ext}"));
        n += 1;
    }
    path
}
