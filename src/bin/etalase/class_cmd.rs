//! `etalase class …`: training classes and coaching sessions.

use clap::{Args, Subcommand};

use etalase::training::{Attendance, ClassDetail, ClassDraft, ClassKind, PlaceKind};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum ClassCommand {
    /// Plan a class (pelatihan) or a coaching session (pendampingan).
    Add {
        #[command(flatten)]
        fields: ClassFields,
        #[arg(long)]
        json: bool,
    },
    /// Change a class's details (every field is given again).
    Edit {
        id: String,
        #[command(flatten)]
        fields: ClassFields,
        #[arg(long)]
        json: bool,
    },
    /// List classes, the latest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show a class with its participants and their attendance.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Sign vendors up for a class.
    Enrol {
        id: String,
        /// Vendor ids.
        #[arg(required = true)]
        vendors: Vec<String>,
    },
    /// Take a vendor off a class's list.
    Unenrol { id: String, vendor: String },
    /// Record that vendors attended (or, with --absent, did not). Attending a class completes
    /// the vendor's pelatihan stage (P2); attending coaching puts pendampingan (P3) in progress.
    Attend {
        id: String,
        #[arg(required = true)]
        vendors: Vec<String>,
        #[arg(long)]
        absent: bool,
    },
    /// Write the attendance sheet to sign (.xlsx or .csv): one line per participant.
    Sheet {
        id: String,
        file: std::path::PathBuf,
    },
    /// Remove a class and its list (stages it already moved stay). Needs --yes.
    Delete {
        id: String,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Args)]
pub struct ClassFields {
    /// What the class is about.
    #[arg(long)]
    topic: String,
    /// pelatihan (a class) or pendampingan (coaching).
    #[arg(long, default_value = "pelatihan")]
    kind: String,
    /// YYYY-MM-DD or DD-MM-YYYY.
    #[arg(long)]
    starts_on: String,
    /// The last day, for a class of several days.
    #[arg(long, default_value = "")]
    ends_on: String,
    #[arg(long, default_value = "")]
    trainer: String,
    /// training-centre, kecamatan-office or other.
    #[arg(long, default_value = "training-centre")]
    place_kind: String,
    /// The centre's or venue's name.
    #[arg(long, default_value = "")]
    place: String,
    /// The kecamatan (name or code), needed for a kecamatan office.
    #[arg(long, default_value = "")]
    kecamatan: String,
    #[arg(long, default_value = "")]
    notes: String,
}

impl ClassFields {
    fn draft(self) -> Result<ClassDraft> {
        Ok(ClassDraft {
            kind: ClassKind::parse(&self.kind)?,
            topic: self.topic,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            trainer: self.trainer,
            place_kind: PlaceKind::parse(&self.place_kind)?,
            place: self.place,
            kecamatan: self.kecamatan,
            notes: self.notes,
        })
    }
}

fn show(detail: &ClassDetail, lang: Lang) {
    let c = &detail.class;
    println!("{}  {}", c.id, c.topic);
    let when = match &c.ends_on {
        Some(end) => format!("{} – {end}", c.starts_on),
        None => c.starts_on.clone(),
    };
    let place = [c.place.clone(), c.kecamatan.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    println!("  {when}  {place}  {}", c.trainer.as_deref().unwrap_or(""));
    for p in &detail.participants {
        let status = match (p.status, lang) {
            (Attendance::Registered, Lang::Id) => "terdaftar",
            (Attendance::Registered, Lang::En) => "registered",
            (Attendance::Attended, Lang::Id) => "hadir",
            (Attendance::Attended, Lang::En) => "attended",
            (Attendance::Absent, Lang::Id) => "tidak hadir",
            (Attendance::Absent, Lang::En) => "absent",
        };
        println!(
            "  {:<36}  {:<32}  {:<12}  {status}",
            p.vendor_id, p.name, p.kecamatan
        );
    }
    match lang {
        Lang::Id => println!("{} peserta, {} hadir", c.participants, c.attended),
        Lang::En => println!("{} participants, {} attended", c.participants, c.attended),
    }
}

pub fn run(registry: &Registry, cmd: ClassCommand, lang: Lang) -> Result<()> {
    let detail_out = |d: &ClassDetail, json: bool| {
        if json { output::json(d) } else { show(d, lang) }
    };
    match cmd {
        ClassCommand::Add { fields, json } => {
            let c = registry.create_class(&fields.draft()?)?;
            detail_out(&registry.class_detail(&c.id)?, json);
        }
        ClassCommand::Edit { id, fields, json } => {
            registry.update_class(&id, &fields.draft()?)?;
            detail_out(&registry.class_detail(&id)?, json);
        }
        ClassCommand::List { json } => {
            let classes = registry.list_classes()?;
            if json {
                output::json(&classes);
            } else {
                for c in &classes {
                    println!(
                        "{}  {}  {:<40}  {}/{}",
                        c.id, c.starts_on, c.topic, c.attended, c.participants
                    );
                }
            }
        }
        ClassCommand::Show { id, json } => detail_out(&registry.class_detail(&id)?, json),
        ClassCommand::Enrol { id, vendors } => show(&registry.enrol(&id, &vendors)?, lang),
        ClassCommand::Unenrol { id, vendor } => show(&registry.unenrol(&id, &vendor)?, lang),
        ClassCommand::Attend {
            id,
            vendors,
            absent,
        } => {
            let status = if absent {
                Attendance::Absent
            } else {
                Attendance::Attended
            };
            show(&registry.record_attendance(&id, &vendors, status)?, lang);
        }
        ClassCommand::Sheet { id, file } => {
            let n = registry.attendance_sheet(&id, &file, lang)?;
            match lang {
                Lang::Id => println!("Daftar hadir ({n} peserta) ditulis ke {}.", file.display()),
                Lang::En => println!(
                    "Wrote the attendance sheet ({n} participants) to {}.",
                    file.display()
                ),
            }
        }
        ClassCommand::Delete { id, yes } => {
            let c = registry.class_detail(&id)?.class;
            if !yes {
                return Err(etalase::Error::Invalid(vec![etalase::FieldError::new(
                    "yes",
                    "confirm",
                    etalase::Text::new(
                        format!(
                            "Kelas \"{}\" akan dihapus. Ulangi dengan --yes bila yakin.",
                            c.topic
                        ),
                        format!(
                            "The class \"{}\" will be removed. Repeat with --yes if you are sure.",
                            c.topic
                        ),
                    ),
                )]));
            }
            registry.delete_class(&id)?;
            match lang {
                Lang::Id => println!("Kelas \"{}\" dihapus.", c.topic),
                Lang::En => println!("Class \"{}\" removed.", c.topic),
            }
        }
    }
    Ok(())
}
