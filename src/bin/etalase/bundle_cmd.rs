//! `etalase bundle …` and `etalase backup …`: exchange between laptops and backups.

use clap::Subcommand;
use std::path::{Path, PathBuf};

use etalase::exchange::{BundlePlan, ConflictChoice};
use etalase::{Error, Lang, Registry, Result, Text};

use crate::output;

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Write the registry (or what changed since the last exchange with a laptop) to a
    /// `.etalase` file.
    Export {
        file: PathBuf,
        /// Only what changed since that laptop last confirmed receiving our changes.
        #[arg(long, value_name = "DEVICE_ID")]
        since_device: Option<String>,
        /// Protect the file with the passphrase in this file (first line).
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Merge a `.etalase` file from another laptop into this registry.
    Import {
        file: PathBuf,
        /// Show what would change and the conflicts, writing nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Override the rule for a conflict: TABLE/KEY/FIELD=here or =there.
        #[arg(long = "keep", value_name = "TABLE/KEY/FIELD=here|there")]
        keep: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Exports and imports so far, newest first.
    History {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Make a verified backup now.
    Create,
    /// The backups, newest first, with dates and sizes.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Put a backup back in place of the registry (the current state is backed up first).
    Restore {
        /// The backup's name as `backup list` shows it.
        name: String,
        #[arg(long)]
        yes: bool,
    },
    /// Show or set the automatic backups: every N hours (0: off), keeping K.
    Settings {
        #[arg(long)]
        every_hours: Option<u32>,
        #[arg(long)]
        keep: Option<u32>,
    },
}

fn passphrase(file: Option<&Path>) -> Result<Option<String>> {
    let Some(f) = file else { return Ok(None) };
    let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
    Ok(Some(text.lines().next().unwrap_or_default().to_owned()))
}

fn choices(raw: &[String]) -> Result<Vec<ConflictChoice>> {
    raw.iter()
        .map(|r| {
            let parsed = r.rsplit_once('=').and_then(|(path, keep)| {
                let (table, rest) = path.split_once('/')?;
                let (key, field) = rest.rsplit_once('/')?;
                matches!(keep, "here" | "there").then(|| ConflictChoice {
                    table: table.to_owned(),
                    key: key.to_owned(),
                    field: field.to_owned(),
                    keep: keep.to_owned(),
                })
            });
            parsed.ok_or_else(|| {
                Error::Conflict(Text::new(
                    format!(
                        "--keep \"{r}\" tidak dimengerti: tulis TABEL/KUNCI/KOLOM=here atau =there."
                    ),
                    format!(
                        "--keep \"{r}\" is not understood: write TABLE/KEY/FIELD=here or =there."
                    ),
                ))
            })
        })
        .collect()
}

fn when(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        // Jakarta has no daylight saving: UTC+7 all year.
        .map(|t| {
            (t + chrono::Duration::hours(7))
                .format("%Y-%m-%d %H:%M WIB")
                .to_string()
        })
        .unwrap_or_default()
}

fn print_plan(p: &BundlePlan, lang: Lang) {
    let id = lang == Lang::Id;
    println!(
        "{} {} ({})",
        if id { "Dari laptop" } else { "From laptop" },
        p.source_device,
        when(p.made_at)
    );
    for t in p
        .tables
        .iter()
        .filter(|t| t.added + t.changed + t.deleted > 0)
    {
        if id {
            println!(
                "  {:<18} {} baru, {} berubah, {} dihapus",
                t.table, t.added, t.changed, t.deleted
            );
        } else {
            println!(
                "  {:<18} {} added, {} changed, {} deleted",
                t.table, t.added, t.changed, t.deleted
            );
        }
    }
    for c in &p.conflicts {
        println!(
            "  {} {}/{}/{} \"{}\": {} = {:?} ({} {}) | {} = {:?} ({} {}) → {}",
            if id { "Konflik" } else { "Conflict" },
            c.table,
            c.key,
            c.field,
            c.row,
            if id { "di sini" } else { "here" },
            c.here.as_deref().unwrap_or(""),
            c.here_device,
            when(c.here_at),
            if id { "di sana" } else { "there" },
            c.there.as_deref().unwrap_or(""),
            c.there_device,
            when(c.there_at),
            c.choice
        );
    }
    for w in &p.warnings {
        println!("  ! {}", w.get(lang));
    }
    if p.erased_here > 0 || p.erased_rows > 0 {
        println!(
            "  {}",
            if id {
                format!(
                    "{} pelaku usaha dihapus atas permintaan pemiliknya; {} baris mereka tidak diambil.",
                    p.erased_here, p.erased_rows
                )
            } else {
                format!(
                    "{} vendors erased at their owner's request; {} of their rows not taken.",
                    p.erased_here, p.erased_rows
                )
            }
        );
    }
    let summary = match (p.changes, p.applied, id) {
        (false, _, true) => "Tidak ada yang berubah: semua isi berkas ini sudah ada di sini.",
        (false, _, false) => "Nothing changes: everything in this file is already here.",
        (true, true, true) => "Diimpor.",
        (true, true, false) => "Imported.",
        (true, false, true) => "Pratinjau saja: belum ada yang diubah.",
        (true, false, false) => "Preview only: nothing was changed.",
    };
    println!("{summary}");
}

pub fn run_bundle(registry: &Registry, cmd: BundleCommand, lang: Lang) -> Result<()> {
    match cmd {
        BundleCommand::Export {
            file,
            since_device,
            passphrase_file,
            json,
        } => {
            let pass = passphrase(passphrase_file.as_deref())?;
            let report = registry.export_bundle(&file, since_device.as_deref(), pass.as_deref())?;
            if json {
                output::json(&report);
            } else {
                let rows: u64 = report.counts.values().sum();
                match lang {
                    Lang::Id => println!(
                        "{} baris ditulis ke {} ({} bita).",
                        rows, report.file, report.bytes
                    ),
                    Lang::En => println!(
                        "Wrote {} rows to {} ({} bytes).",
                        rows, report.file, report.bytes
                    ),
                }
            }
        }
        BundleCommand::Import {
            file,
            dry_run,
            passphrase_file,
            keep,
            json,
        } => {
            let pass = passphrase(passphrase_file.as_deref())?;
            let plan = if dry_run {
                registry.preview_bundle(&file, pass.as_deref())?
            } else {
                registry.import_bundle(&file, pass.as_deref(), None, &choices(&keep)?)?
            };
            if json {
                output::json(&plan);
            } else {
                print_plan(&plan, lang);
            }
        }
        BundleCommand::History { json } => {
            let all = registry.exchanges()?;
            if json {
                output::json(&all);
            } else {
                for e in all {
                    println!(
                        "{}  {:<6} {:<38} {}",
                        when(e.at),
                        e.direction,
                        e.peer_device.as_deref().unwrap_or("-"),
                        e.file_name
                    );
                }
            }
        }
    }
    Ok(())
}

pub fn run_backup(registry: &Registry, cmd: BackupCommand, lang: Lang) -> Result<()> {
    let id = lang == Lang::Id;
    match cmd {
        BackupCommand::Create => {
            let b = registry.create_backup(etalase::backup::Reason::Manual)?;
            if id {
                println!(
                    "Cadangan dibuat dan diperiksa: {} ({} bita).",
                    b.path, b.bytes
                );
            } else {
                println!("Backup made and verified: {} ({} bytes).", b.path, b.bytes);
            }
        }
        BackupCommand::List { json } => {
            let all = registry.backups()?;
            if json {
                output::json(&all);
            } else if all.is_empty() {
                println!(
                    "{}",
                    if id {
                        "Belum ada cadangan."
                    } else {
                        "No backups yet."
                    }
                );
            } else {
                for b in all {
                    println!(
                        "{}  {:>12}  {:<16} {}",
                        when(b.made_at),
                        b.bytes,
                        b.reason,
                        b.name
                    );
                }
            }
        }
        BackupCommand::Restore { name, yes } => {
            if !yes {
                return Err(Error::Conflict(Text::new(
                    "Memulihkan mengganti seluruh data dengan cadangan itu (keadaan sekarang dicadangkan dulu). Ulangi dengan --yes.",
                    "Restoring replaces all data with that backup (the current state is backed up first). Repeat with --yes.",
                )));
            }
            let before = registry.restore_backup(&name)?;
            if id {
                println!(
                    "Dipulihkan dari {name}. Keadaan sebelumnya disimpan sebagai {}.",
                    before.name
                );
            } else {
                println!(
                    "Restored from {name}. The previous state was kept as {}.",
                    before.name
                );
            }
        }
        BackupCommand::Settings { every_hours, keep } => {
            let mut s = registry.backup_settings()?;
            if every_hours.is_some() || keep.is_some() {
                s.every_hours = every_hours.unwrap_or(s.every_hours);
                s.keep = keep.unwrap_or(s.keep);
                s = registry.set_backup_settings(&s)?;
            }
            if id {
                println!(
                    "Cadangan otomatis setiap {} jam (0: mati), simpan {}.",
                    s.every_hours, s.keep
                );
            } else {
                println!(
                    "Automatic backups every {} hours (0: off), keeping {}.",
                    s.every_hours, s.keep
                );
            }
        }
    }
    Ok(())
}
