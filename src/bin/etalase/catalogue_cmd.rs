//! `etalase catalogue …`: the Friday catalogue's outputs from a published edition.

use clap::Subcommand;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use etalase::catalogue::{BuildOptions, Formats};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum CatalogueCommand {
    /// Build a published edition's outputs into DIR/{friday}-{theme}/.
    Build {
        /// The edition's Friday, YYYY-MM-DD.
        #[arg(long)]
        friday: String,
        #[arg(long)]
        out: PathBuf,
        /// Comma-separated: pdf, social, captions, web, sheets (default all).
        #[arg(long, default_value = "pdf,social,captions,web,sheets")]
        formats: String,
        /// A folder with edited templates (catalogue.typ, social.typ); errors in them are
        /// reported and the defaults used.
        #[arg(long)]
        templates: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(registry: &Registry, cmd: CatalogueCommand, lang: Lang) -> Result<()> {
    match cmd {
        CatalogueCommand::Build {
            friday,
            out,
            formats,
            templates,
            json,
        } => {
            let options = BuildOptions {
                formats: Formats::parse(&formats)?,
                templates: templates.as_deref(),
            };
            let report = registry.build_catalogue(
                &friday,
                &out,
                &options,
                &mut |p| {
                    if !json {
                        eprint!("\r{}/{} {}          ", p.done, p.total, p.step.get(lang));
                    }
                },
                &AtomicBool::new(false),
            )?;
            if json {
                output::json(&report);
            } else {
                eprintln!();
                for p in &report.template_problems {
                    eprintln!("template: {p}");
                }
                for t in &report.left_out {
                    eprintln!("{}", t.get(lang));
                }
                for f in &report.files {
                    println!("{:>9}  {}", f.bytes, f.path);
                }
                println!("{}", report.folder);
            }
        }
    }
    Ok(())
}
