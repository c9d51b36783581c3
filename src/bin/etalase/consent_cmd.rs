//! `etalase consent …`

use clap::Subcommand;

use etalase::consent::{ConsentForm, ConsentStatus, Purpose};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Record that the owner agreed to a purpose, after reading them its notice.
    Grant {
        /// The vendor's id.
        id: String,
        /// registration, publish, contact or people-photos.
        #[arg(long)]
        purpose: String,
        /// How it was given: written, recorded or electronic.
        #[arg(long, default_value = "written")]
        form: String,
    },
    /// Record that the owner withdrew a purpose.
    Withdraw {
        id: String,
        #[arg(long)]
        purpose: String,
    },
    /// Show where every purpose stands.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

fn form(s: &str) -> Result<ConsentForm> {
    match s.trim().to_lowercase().as_str() {
        "written" | "tertulis" => Ok(ConsentForm::Written),
        "recorded" | "terekam" => Ok(ConsentForm::Recorded),
        "electronic" | "elektronik" => Ok(ConsentForm::Electronic),
        _ => Err(etalase::Error::Invalid(vec![etalase::FieldError::new(
            "form",
            "unknown_form",
            etalase::Text::new(
                "Bentuk persetujuan: written, recorded atau electronic.",
                "Consent form: written, recorded or electronic.",
            ),
        )])),
    }
}

pub fn run(registry: &Registry, cmd: ConsentCommand, lang: Lang) -> Result<()> {
    match cmd {
        ConsentCommand::Grant {
            id,
            purpose,
            form: f,
        } => {
            let status = registry.grant_consent(&id, Purpose::parse(&purpose)?, form(&f)?)?;
            print_one(&status, lang);
        }
        ConsentCommand::Withdraw { id, purpose } => {
            let status = registry.withdraw_consent(&id, Purpose::parse(&purpose)?)?;
            print_one(&status, lang);
        }
        ConsentCommand::Show { id, json } => {
            let all = registry.consent_status(&id)?;
            if json {
                output::json(&all);
            } else {
                for s in &all {
                    print_one(s, lang);
                }
            }
        }
    }
    Ok(())
}

fn print_one(s: &ConsentStatus, lang: Lang) {
    let state = match (&s.active, &s.last_withdrawn, lang) {
        (Some(_), _, Lang::Id) => "disetujui",
        (Some(_), _, Lang::En) => "granted",
        (None, Some(_), Lang::Id) => "ditarik",
        (None, Some(_), Lang::En) => "withdrawn",
        (None, None, Lang::Id) => "belum",
        (None, None, Lang::En) => "not given",
    };
    println!("{:<14} {state}", s.purpose.as_str());
}
