//! `etalase`: the command-line tool. It drives the same core as the desktop app, on the same
//! data directory, so everything the window does can be scripted and tested.

mod bundle_cmd;
mod catalogue_cmd;
mod class_cmd;
mod curation_cmd;
mod edition_cmd;

mod consent_cmd;
mod legality_cmd;
mod output;
mod photo_cmd;
mod product_cmd;
mod stage_cmd;
mod vendor_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use etalase::{Error, Lang, Registry, paths};

#[derive(Parser)]
#[command(
    name = "etalase",
    version,
    about = "Etalase: the Jakpreneur vendor registry and Friday catalogue builder, offline."
)]
struct Cli {
    /// The data directory holding the registry (default: the OS's app-data directory).
    #[arg(long, global = true, env = paths::DATA_DIR_ENV, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Language of messages: id (Indonesian) or en (English). Default: from $LANG.
    #[arg(long, global = true, env = "ETALASE_LANG", value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Register, list, show, edit and archive vendors (pelaku usaha).
    #[command(subcommand)]
    Vendor(Box<vendor_cmd::VendorCommand>),
    /// Record and show consent (UU 27/2022) for a vendor's purposes.
    #[command(subcommand)]
    Consent(consent_cmd::ConsentCommand),
    /// Add, list and remove a vendor's legality documents (P-IRT, BPOM, halal, ...).
    #[command(subcommand)]
    Legality(legality_cmd::LegalityCommand),
    /// Set and show a vendor's Jakpreneur stages (P1–P7).
    #[command(subcommand)]
    Stage(stage_cmd::StageCommand),
    /// Add, edit, list and archive vendors' products.
    #[command(subcommand)]
    Product(Box<product_cmd::ProductCommand>),
    /// Import, list, export and order product photos.
    #[command(subcommand)]
    Photo(photo_cmd::PhotoCommand),
    /// Training classes and coaching sessions: participants, attendance, attendance sheets.
    #[command(subcommand)]
    Class(class_cmd::ClassCommand),
    /// Curators' reviews, the revision queue and readiness per channel.
    #[command(subcommand)]
    Curation(Box<curation_cmd::CurationCommand>),
    /// The Friday planner: calendar, rotation, editions, suggestion and publishing.
    #[command(subcommand)]
    Edition(Box<edition_cmd::EditionCommand>),
    /// The Friday catalogue: PDF, social images and captions of a published edition.
    #[command(subcommand)]
    Catalogue(catalogue_cmd::CatalogueCommand),
    /// Fill an empty registry with 60 demo vendors from all over Jakarta.
    Demo {
        /// Only when no registry exists yet in the data directory (for first starts); else
        /// do nothing.
        #[arg(long)]
        if_new: bool,
    },
    /// List Jakarta's kecamatan with their official codes.
    Regions {
        #[arg(long)]
        json: bool,
    },
    /// List the Friday categories with their slugs.
    Categories {
        #[arg(long)]
        json: bool,
    },
    /// Show where the registry is and what it holds.
    Info {
        #[arg(long)]
        json: bool,
    },
    /// Exchange with other laptops: export and import `.etalase` files.
    #[command(subcommand)]
    Bundle(bundle_cmd::BundleCommand),
    /// Verified backups of the whole registry: create, list, restore, settings.
    #[command(subcommand)]
    Backup(bundle_cmd::BackupCommand),
    /// Check the registry file: SQLite's integrity_check and foreign_key_check.
    Check,
}

fn lang(choice: Option<&str>) -> Lang {
    match choice {
        Some(l) => Lang::from_locale(l),
        None => {
            let locale = std::env::var("LC_ALL")
                .or_else(|_| std::env::var("LANG"))
                .unwrap_or_default();
            if locale.to_ascii_lowercase().starts_with("id") {
                Lang::Id
            } else {
                Lang::En
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = lang(cli.lang.as_deref());
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::print_error(&e, lang);
            match e {
                Error::Invalid(_) | Error::NotFound { .. } | Error::PossibleDuplicates(_) => {
                    ExitCode::from(2)
                }
                _ => ExitCode::FAILURE,
            }
        }
    }
}

fn run(cli: Cli) -> etalase::Result<()> {
    let data_dir = paths::resolve_data_dir(cli.data_dir, None)?;
    let lang = lang(cli.lang.as_deref());
    match cli.command {
        Command::Regions { json } => {
            output::regions(json);
            return Ok(());
        }
        Command::Legality(cmd) => legality_cmd::run(&Registry::open(&data_dir)?, cmd, lang)?,
        Command::Stage(cmd) => stage_cmd::run(&Registry::open(&data_dir)?, cmd, lang)?,
        Command::Class(cmd) => class_cmd::run(&Registry::open(&data_dir)?, cmd, lang)?,
        Command::Catalogue(cmd) => catalogue_cmd::run(&Registry::open(&data_dir)?, cmd, lang)?,
        Command::Curation(cmd) => curation_cmd::run(&Registry::open(&data_dir)?, *cmd, lang)?,
        Command::Edition(cmd) => edition_cmd::run(&Registry::open(&data_dir)?, *cmd, lang)?,
        Command::Product(cmd) => product_cmd::run(&Registry::open(&data_dir)?, *cmd, lang)?,
        Command::Photo(cmd) => photo_cmd::run(&Registry::open(&data_dir)?, cmd, lang)?,
        Command::Consent(cmd) => consent_cmd::run(&Registry::open(&data_dir)?, cmd, lang)?,
        Command::Bundle(cmd) => bundle_cmd::run_bundle(&Registry::open(&data_dir)?, cmd, lang)?,
        Command::Backup(cmd) => bundle_cmd::run_backup(&Registry::open(&data_dir)?, cmd, lang)?,
        Command::Vendor(cmd) => vendor_cmd::run(&Registry::open(&data_dir)?, *cmd, lang)?,
        Command::Demo { if_new } => {
            if if_new && Registry::exists(&data_dir) {
                return Ok(());
            }
            let registry = Registry::open(&data_dir)?;
            let vendors = registry.fill_demo()?;
            registry.fill_demo_photos(etalase::demo::DEMO_PHOTOS)?;
            registry.fill_demo_planner(etalase::vendor::today_in_jakarta())?;
            println!(
                "{}",
                match lang {
                    Lang::Id => format!(
                        "{} pelaku usaha contoh ditambahkan ke {}.",
                        vendors.len(),
                        registry.path().display()
                    ),
                    Lang::En => format!(
                        "Added {} demo vendors to {}.",
                        vendors.len(),
                        registry.path().display()
                    ),
                }
            );
        }
        Command::Categories { json } => {
            output::categories(&Registry::open(&data_dir)?.categories()?, json, lang)
        }
        Command::Info { json } => output::info(&Registry::open(&data_dir)?.info()?, json),
        Command::Check => {
            let registry = Registry::open(&data_dir)?;
            let problems = registry.check()?;
            let newest = registry.backups()?.into_iter().next();
            let id = lang == Lang::Id;
            println!("{}", registry.path().display());
            if problems.is_empty() {
                println!(
                    "{}",
                    if id {
                        "Isi berkas utuh (integrity_check: ok) dan setiap rujukan antar data menunjuk ke data yang ada (foreign_key_check: ok)."
                    } else {
                        "The file is intact (integrity_check: ok) and every reference between records points to a record that exists (foreign_key_check: ok)."
                    }
                );
            } else {
                let damaged = problems
                    .iter()
                    .filter(|p| !p.starts_with("foreign key"))
                    .count();
                let dangling = problems.len() - damaged;
                if id {
                    println!(
                        "Ditemukan {damaged} kerusakan pada berkas dan {dangling} rujukan ke data yang tidak ada:"
                    );
                } else {
                    println!(
                        "Found {damaged} damaged places in the file and {dangling} references to records that do not exist:"
                    );
                }
                for p in problems.iter().take(20) {
                    println!("  {p}");
                }
            }
            match (&newest, id) {
                (Some(b), true) => println!("Cadangan terbaru: {} ({}).", b.name, b.bytes),
                (Some(b), false) => println!("Newest backup: {} ({} bytes).", b.name, b.bytes),
                (None, true) => {
                    println!("Belum ada cadangan: buat dengan `etalase backup create`.")
                }
                (None, false) => println!("No backup yet: make one with `etalase backup create`."),
            }
            if !problems.is_empty() {
                return Err(Error::Damaged {
                    path: registry.path().to_owned(),
                    detail: if id {
                        "pulihkan cadangan terbaru yang baik: `etalase backup list`, lalu `etalase backup restore NAMA --yes`".into()
                    } else {
                        "restore the newest good backup: `etalase backup list`, then `etalase backup restore NAME --yes`".into()
                    },
                });
            }
        }
    }
    Ok(())
}
