//! Importing files and folders of photos for a product: a job that uses every core, reports
//! each file as it goes, can be cancelled, and never lets one bad file stop the others.
//!
//! Workers read, hash and process files in parallel (each with its own decode buffer and
//! resizer); this thread stores each result in its own transaction as it arrives, so whatever
//! was reported as stored stays stored if the job is cancelled or the laptop dies.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;
use ts_rs::TS;

use super::pipeline::{self, Processed, Refusal, Worker};
use super::{Stored, store};
use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::spreadsheet::read::fingerprint;
use crate::text::Text;

/// Extensions a folder is searched for (HEIC is picked up to be refused with advice).
const EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "heic", "heif"];
/// More files than this in one import are refused: split the folder.
pub const MAX_FILES: usize = 2_000;

/// Where the job is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PhotoProgress {
    pub done: u32,
    pub total: u32,
    /// The file just finished.
    pub current: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PhotoStatus {
    Added,
    /// The product already had this picture.
    AlreadyThere,
    Refused,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PhotoOutcome {
    pub file: String,
    pub status: PhotoStatus,
    pub photo_id: Option<String>,
    /// Why it was refused (a stable code and the reason in both languages).
    pub code: Option<String>,
    pub reason: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PhotoImportReport {
    pub outcomes: Vec<PhotoOutcome>,
    pub added: u32,
    pub already_there: u32,
    pub refused: u32,
    /// Stopped before every file was done; what is listed was finished.
    pub cancelled: bool,
}

/// Files to import: each path as given, folders searched (one level) for photo files.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    if out.len() > MAX_FILES {
        return Err(Error::Conflict(Text::new(
            format!(
                "Terlalu banyak berkas ({}); paling banyak {MAX_FILES} sekali impor.",
                out.len()
            ),
            format!(
                "Too many files ({}); at most {MAX_FILES} per import.",
                out.len()
            ),
        )));
    }
    Ok(out)
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

enum Done {
    Processed(Box<Processed>),
    /// The registry already holds these pixels: only a link is needed.
    Known,
    Refused(Refusal),
}

fn read_file(path: &Path) -> std::result::Result<Vec<u8>, Refusal> {
    let unreadable = |e: std::io::Error| Refusal {
        code: "unreadable_file",
        reason: etalase_pipeline::Reason::new(
            format!("berkas tidak dapat dibaca ({e})"),
            format!("the file cannot be read ({e})"),
        ),
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > pipeline::MAX_FILE_BYTES {
        return Err(Refusal {
            code: "too_large_file",
            reason: etalase_pipeline::Reason::new(
                format!(
                    "berkas terlalu besar (paling besar {} MB)",
                    pipeline::MAX_FILE_BYTES >> 20
                ),
                format!(
                    "the file is too large (at most {} MB)",
                    pipeline::MAX_FILE_BYTES >> 20
                ),
            ),
        });
    }
    std::fs::read(path).map_err(unreadable)
}

impl Registry {
    /// Imports photo files (or folders of them) for a product with `workers` threads (0: one
    /// per core). `progress` hears of each file as it is finished; setting `cancel` stops the
    /// job after the files in hand.
    pub fn import_photos(
        &self,
        product_id: &str,
        paths: &[PathBuf],
        workers: usize,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&PhotoProgress),
    ) -> Result<PhotoImportReport> {
        self.get_product(product_id)?;
        let files: Vec<(PathBuf, String)> = collect(paths)?
            .into_iter()
            .map(|p| {
                let name = display_name(&p);
                (p, name)
            })
            .collect();
        self.import_photo_files(product_id, &files, workers, cancel, progress)
    }

    /// Imports files the window handed over (staging tokens), reported under their own names.
    pub fn import_staged_photos(
        &self,
        product_id: &str,
        staged: &[(String, String)],
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&PhotoProgress),
    ) -> Result<PhotoImportReport> {
        self.get_product(product_id)?;
        let files = staged
            .iter()
            .map(|(token, name)| Ok((self.staged_path(token)?, name.clone())))
            .collect::<Result<Vec<_>>>()?;
        let report = self.import_photo_files(product_id, &files, 0, cancel, progress);
        for (token, _) in staged {
            // Best effort: leftovers are cleared with the next hand-over anyway.
            let _ = self.discard_staged(token);
        }
        report
    }

    fn import_photo_files(
        &self,
        product_id: &str,
        files: &[(PathBuf, String)],
        workers: usize,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&PhotoProgress),
    ) -> Result<PhotoImportReport> {
        if files.len() > MAX_FILES {
            return Err(Error::Conflict(Text::new(
                format!(
                    "Terlalu banyak berkas ({}); paling banyak {MAX_FILES} sekali impor.",
                    files.len()
                ),
                format!(
                    "Too many files ({}); at most {MAX_FILES} per import.",
                    files.len()
                ),
            )));
        }
        let workers = if workers == 0 {
            std::thread::available_parallelism().map_or(2, usize::from)
        } else {
            workers
        }
        .clamp(1, 8)
        .min(files.len().max(1));
        let next = AtomicUsize::new(0);
        let total = files.len() as u32;
        let mut outcomes: Vec<Option<PhotoOutcome>> = vec![None; files.len()];
        // A rendezvous: a worker hands over its result only when this thread takes it, so no more
        // than one processed photo per worker is held in memory.
        let (tx, rx) = mpsc::sync_channel::<(usize, String, Done)>(0);
        std::thread::scope(|scope| -> Result<()> {
            for _ in 0..workers {
                let tx = tx.clone();
                let (files, next) = (&files, &next);
                scope.spawn(move || {
                    let mut worker = Worker::new();
                    loop {
                        if cancel.load(Ordering::Relaxed) {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((path, _)) = files.get(i) else { break };
                        let (hash, done) = match read_file(path) {
                            Err(r) => (String::new(), Done::Refused(r)),
                            Ok(bytes) => {
                                let hash = fingerprint(&bytes);
                                let known = self
                                    .read(|c| {
                                        Ok(c.query_row(
                                            "SELECT EXISTS (SELECT 1 FROM photo_blob WHERE hash = ?1)",
                                            [&hash],
                                            |r| r.get::<_, bool>(0),
                                        )?)
                                    })
                                    .unwrap_or(false);
                                if known {
                                    (hash, Done::Known)
                                } else {
                                    // A decoder bug must not take the app down with it.
                                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                        worker.process(&bytes)
                                    }));
                                    let done = match result {
                                        Ok(Ok(p)) => Done::Processed(Box::new(p)),
                                        Ok(Err(r)) => Done::Refused(r),
                                        Err(_) => {
                                            worker = Worker::new();
                                            Done::Refused(Refusal {
                                                code: "decoder_failed",
                                                reason: etalase_pipeline::Reason::new(
                                                    "pengurai gambar gagal pada berkas ini",
                                                    "the image decoder failed on this file",
                                                ),
                                            })
                                        }
                                    };
                                    (hash, done)
                                }
                            }
                        };
                        if tx.send((i, hash, done)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            for (n, (i, hash, result)) in rx.into_iter().enumerate() {
                let file = files[i].1.clone();
                let outcome = match result {
                    Done::Refused(r) => refused(&file, r),
                    Done::Known => self.store_known(product_id, &file, &hash)?,
                    Done::Processed(p) => {
                        let id = self.new_id();
                        let stored = self
                            .write(|t, stamp| store(t, stamp, &id, product_id, &hash, Some(&p)))?;
                        stored_outcome(&file, stored)
                    }
                };
                outcomes[i] = Some(outcome);
                progress(&PhotoProgress {
                    done: n as u32 + 1,
                    total,
                    current: file,
                });
            }
            Ok(())
        })?;
        let cancelled = outcomes.iter().any(Option::is_none);
        let outcomes: Vec<PhotoOutcome> = outcomes.into_iter().flatten().collect();
        let count = |s: PhotoStatus| outcomes.iter().filter(|o| o.status == s).count() as u32;
        Ok(PhotoImportReport {
            added: count(PhotoStatus::Added),
            already_there: count(PhotoStatus::AlreadyThere),
            refused: count(PhotoStatus::Refused),
            cancelled,
            outcomes,
        })
    }

    /// Links pixels the registry already holds to the product (the same file imported again,
    /// perhaps for another product).
    fn store_known(&self, product_id: &str, file: &str, hash: &str) -> Result<PhotoOutcome> {
        let id = self.new_id();
        let stored = self.write(|t, stamp| store(t, stamp, &id, product_id, hash, None))?;
        Ok(stored_outcome(file, stored))
    }
}

fn refused(file: &str, r: Refusal) -> PhotoOutcome {
    PhotoOutcome {
        file: file.to_owned(),
        status: PhotoStatus::Refused,
        photo_id: None,
        code: Some(r.code.to_owned()),
        reason: Some(Text::new(r.reason.id, r.reason.en)),
    }
}

fn stored_outcome(file: &str, stored: Stored) -> PhotoOutcome {
    let (status, id) = match stored {
        Stored::Added(id) => (PhotoStatus::Added, id),
        Stored::AlreadyThere(id) => (PhotoStatus::AlreadyThere, id),
    };
    PhotoOutcome {
        file: file.to_owned(),
        status,
        photo_id: Some(id),
        code: None,
        reason: None,
    }
}
