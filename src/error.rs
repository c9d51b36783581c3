//! The core's one error type. Every variant has a stable `code()` for programs and a
//! bilingual `text()` for people; `payload()` is what crosses to the UI.

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

use crate::text::{Lang, Text};
use crate::vendor::DuplicateCandidate;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A problem with one field of user input, named so the UI can show it beside the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    /// The field's name as the UI and the CLI know it (`name`, `owner`, `phone`, ...).
    pub field: String,
    /// A stable code (`required`, `too_long`, `invalid_phone`, `unknown_kecamatan`, ...).
    pub code: String,
    pub message: Text,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: Text) -> FieldError {
        FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input: {}", describe_fields(.0))]
    Invalid(Vec<FieldError>),
    #[error("possible duplicates: {}", .0.iter().map(|c| c.vendor.name.as_str()).collect::<Vec<_>>().join(", "))]
    PossibleDuplicates(Vec<DuplicateCandidate>),
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: String },
    #[error(
        "registry {path} was made by a newer Etalase (schema {found}, this version knows {supported})"
    )]
    NewerRegistry {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} is not an Etalase registry")]
    NotARegistry { path: PathBuf },
    #[error("registry {path} is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error("SQLite {found} is too old; Etalase needs 3.51.3 or newer")]
    SqliteTooOld { found: String },
    #[error("the registry is busy (another program is writing to it)")]
    Busy,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file someone brought (a spreadsheet, a bundle) that cannot be used, and why.
    #[error("{}: {}", .path.display(), .reason.en)]
    BadFile { path: PathBuf, reason: Text },
    /// The action no longer fits what is stored (the registry changed since a preview, two
    /// vendors that cannot be merged, ...); the text says what happened.
    #[error("{}", .0.en)]
    Conflict(Text),
    #[error("storage error: {0}")]
    Storage(rusqlite::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

fn describe_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {}", f.field, f.message.en))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy
            }
            _ => Error::Storage(e),
        }
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A stable, machine-readable code. Never change an existing one: the UI and scripts use them.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::PossibleDuplicates(_) => "possible_duplicates",
            Error::NotFound { .. } => "not_found",
            Error::NewerRegistry { .. } => "newer_registry",
            Error::NotARegistry { .. } => "not_a_registry",
            Error::Damaged { .. } => "damaged",
            Error::SqliteTooOld { .. } => "sqlite_too_old",
            Error::Busy => "busy",
            Error::Io { .. } => "io",
            Error::BadFile { .. } => "bad_file",
            Error::Conflict(_) => "conflict",
            Error::Storage(_) => "storage",
            Error::Internal(_) => "internal",
        }
    }

    /// The message a person reads, in both languages.
    pub fn text(&self) -> Text {
        match self {
            Error::Invalid(fields) => {
                let id = fields
                    .iter()
                    .map(|f| f.message.id.as_str())
                    .collect::<Vec<_>>();
                let en = fields
                    .iter()
                    .map(|f| f.message.en.as_str())
                    .collect::<Vec<_>>();
                Text::new(
                    format!("Periksa isian: {}", id.join("; ")),
                    format!("Please check: {}", en.join("; ")),
                )
            }
            Error::PossibleDuplicates(found) => {
                let names = found
                    .iter()
                    .map(|c| c.vendor.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                Text::new(
                    format!(
                        "Belum disimpan: mungkin sudah terdaftar sebagai {names}. Periksa dulu, lalu simpan lagi bila memang berbeda."
                    ),
                    format!(
                        "Not saved: this may already be registered as {names}. Check first, then save again if it really is different."
                    ),
                )
            }
            Error::NotFound { what, id } => Text::new(
                format!("{} {id} tidak ditemukan.", what_id(what)),
                format!("{what} {id} was not found."),
            ),
            Error::NewerRegistry {
                path,
                found,
                supported,
            } => Text::new(
                format!(
                    "Data di {} dibuat oleh Etalase versi yang lebih baru (skema {found}; versi ini \
                     mengenal sampai {supported}). Perbarui Etalase untuk membukanya.",
                    path.display()
                ),
                format!(
                    "The registry at {} was made by a newer Etalase (schema {found}; this version \
                     knows up to {supported}). Update Etalase to open it.",
                    path.display()
                ),
            ),
            Error::NotARegistry { path } => Text::new(
                format!("{} bukan berkas data Etalase.", path.display()),
                format!("{} is not an Etalase registry.", path.display()),
            ),
            Error::Damaged { path, detail } => Text::new(
                format!(
                    "Berkas data {} rusak ({detail}). Jangan ditimpa; pulihkan dari cadangan.",
                    path.display()
                ),
                format!(
                    "The registry {} is damaged ({detail}). Do not overwrite it; restore a backup.",
                    path.display()
                ),
            ),
            Error::SqliteTooOld { found } => Text::new(
                format!("SQLite {found} terlalu lama; Etalase memerlukan 3.51.3 atau lebih baru."),
                format!("SQLite {found} is too old; Etalase needs 3.51.3 or newer."),
            ),
            Error::Busy => Text::new(
                "Data sedang dipakai program lain. Tunggu sebentar lalu coba lagi.",
                "The registry is busy with another program. Wait a moment and try again.",
            ),
            Error::Io { path, source } => Text::new(
                format!(
                    "Tidak dapat membaca atau menulis {}: {source}",
                    path.display()
                ),
                format!("Cannot read or write {}: {source}", path.display()),
            ),
            Error::BadFile { path, reason } => Text::new(
                format!(
                    "Berkas {} tidak dapat dipakai: {}.",
                    path.display(),
                    reason.id
                ),
                format!("The file {} cannot be used: {}.", path.display(), reason.en),
            ),
            Error::Conflict(text) => text.clone(),
            Error::Storage(e) => Text::new(
                format!("Kesalahan penyimpanan data: {e}"),
                format!("Storage error: {e}"),
            ),
            Error::Internal(e) => Text::new(
                format!("Kesalahan internal: {e}"),
                format!("Internal error: {e}"),
            ),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        self.text().get(lang).to_owned()
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Invalid(fields) => fields,
            _ => &[],
        }
    }

    /// The error as the UI receives it.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_owned(),
            message: self.text(),
            fields: self.fields().to_vec(),
            duplicates: match self {
                Error::PossibleDuplicates(found) => found.clone(),
                _ => Vec::new(),
            },
        }
    }
}

fn what_id(what: &str) -> &str {
    match what {
        "vendor" => "Pelaku usaha",
        "file" => "Berkas",
        "class" => "Kelas",
        "participant" => "Peserta",
        "product" => "Produk",
        "photo" => "Foto",
        "edition" => "Edisi",
        _ => what,
    }
}

/// What a failed call gives the UI: a stable code, a bilingual message and, for invalid input,
/// the fields at fault.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: Text,
    pub fields: Vec<FieldError>,
    /// For `possible_duplicates`: the existing vendors the new one may be.
    pub duplicates: Vec<DuplicateCandidate>,
}
