//! `etalase legality …`

use clap::Subcommand;

use etalase::legality::{LegalityDoc, LegalityDraft, LegalityKind};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum LegalityCommand {
    /// Add a legality document to a vendor.
    Add {
        /// The vendor's id.
        id: String,
        /// pirt, bpom, halal, hki, sni or other.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        number: String,
        /// YYYY-MM-DD or DD-MM-YYYY.
        #[arg(long, default_value = "")]
        issued: String,
        /// YYYY-MM-DD or DD-MM-YYYY (a P-IRT's is read from its number when left out).
        #[arg(long, default_value = "")]
        valid_until: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// List a vendor's documents.
    List {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a document (by the document's id).
    Remove { doc_id: String },
}

pub fn run(registry: &Registry, cmd: LegalityCommand, lang: Lang) -> Result<()> {
    match cmd {
        LegalityCommand::Add {
            id,
            kind,
            number,
            issued,
            valid_until,
            note,
            json,
        } => {
            let draft = LegalityDraft {
                kind: LegalityKind::parse(&kind)?,
                number,
                issued_on: issued,
                valid_until,
                note,
            };
            let doc = registry.add_legality(&id, &draft)?;
            if json {
                output::json(&doc)
            } else {
                print(&[doc], lang)
            }
        }
        LegalityCommand::List { id, json } => {
            let docs = registry.legality(&id)?;
            if json {
                output::json(&docs)
            } else {
                print(&docs, lang)
            }
        }
        LegalityCommand::Remove { doc_id } => registry.remove_legality(&doc_id)?,
    }
    Ok(())
}

fn print(docs: &[LegalityDoc], lang: Lang) {
    for d in docs {
        println!(
            "{}  {:<6} {:<22} {}",
            d.id,
            d.kind.as_str(),
            d.number,
            d.valid_until.as_deref().unwrap_or("")
        );
        for w in &d.warnings {
            println!("    {}", w.message.get(lang));
        }
    }
}
