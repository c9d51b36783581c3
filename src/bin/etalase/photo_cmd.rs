//! `etalase photo …`

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Subcommand;

use etalase::photo::import::PhotoStatus;
use etalase::photo::{Frame, Variant};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum PhotoCommand {
    /// Import photo files or folders (JPEG, PNG, WebP) for a product. Prints what was stored
    /// and what was refused, with reasons; fails only when nothing could be stored.
    Import {
        #[arg(long)]
        product: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Worker threads (default: one per core).
        #[arg(long, default_value_t = 0)]
        workers: usize,
        #[arg(long)]
        json: bool,
    },
    /// A product's photos, the cover first: id, content hash, size, quality flags.
    List {
        #[arg(long)]
        product: String,
        #[arg(long)]
        json: bool,
    },
    /// Write one photo: the master, the thumbnail, or a 1x1, 4x5 or 9x16 framing.
    Export {
        id: String,
        #[arg(long, default_value = "master")]
        variant: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Make a photo its product's cover.
    Cover { id: String },
    /// Take a photo off its product.
    Remove { id: String },
}

pub fn run(registry: &Registry, cmd: PhotoCommand, lang: Lang) -> Result<()> {
    match cmd {
        PhotoCommand::Import {
            product,
            files,
            workers,
            json,
        } => {
            let report = registry.import_photos(
                &product,
                &files,
                workers,
                &AtomicBool::new(false),
                &mut |p| {
                    if !json {
                        eprintln!("[{}/{}] {}", p.done, p.total, p.current);
                    }
                },
            )?;
            if json {
                output::json(&report);
            } else {
                for o in &report.outcomes {
                    let what = match (o.status, lang) {
                        (PhotoStatus::Added, Lang::Id) => "disimpan".to_owned(),
                        (PhotoStatus::Added, Lang::En) => "stored".to_owned(),
                        (PhotoStatus::AlreadyThere, Lang::Id) => "sudah ada".to_owned(),
                        (PhotoStatus::AlreadyThere, Lang::En) => "already there".to_owned(),
                        (PhotoStatus::Refused, _) => format!(
                            "{}: {}",
                            if lang == Lang::Id {
                                "ditolak"
                            } else {
                                "refused"
                            },
                            o.reason.as_ref().map(|r| r.get(lang)).unwrap_or_default()
                        ),
                    };
                    println!("{}  {what}", o.file);
                }
            }
            if report.added + report.already_there == 0 {
                return Err(etalase::Error::Conflict(etalase::Text::new(
                    "Tidak ada foto yang dapat disimpan.",
                    "No photo could be stored.",
                )));
            }
        }
        PhotoCommand::List { product, json } => {
            let photos = registry.photos(&product)?;
            if json {
                output::json(&photos);
            } else {
                for p in &photos {
                    println!(
                        "{}{} {}  {}×{}  {}",
                        if p.cover { "*" } else { " " },
                        p.id,
                        &p.hash[..12],
                        p.width,
                        p.height,
                        p.flags
                            .iter()
                            .map(|f| f.code.as_str())
                            .collect::<Vec<_>>()
                            .join(",")
                    );
                }
            }
        }
        PhotoCommand::Export { id, variant, out } => {
            let bytes = match variant.as_str() {
                "master" => registry.photo_bytes(&id, Variant::Master)?,
                "thumb" => registry.photo_bytes(&id, Variant::Thumb)?,
                other => registry.framed_photo(&id, Frame::parse(other)?, 1080)?,
            };
            std::fs::write(&out, bytes).map_err(|e| etalase::Error::io(&out, e))?;
            println!("{}", out.display());
        }
        PhotoCommand::Cover { id } => {
            registry.set_cover(&id)?;
        }
        PhotoCommand::Remove { id } => {
            registry.remove_photo(&id)?;
        }
    }
    Ok(())
}
