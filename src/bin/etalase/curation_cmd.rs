//! `etalase curation …`: curators' reviews, the revision queue and readiness per channel.

use clap::Subcommand;

use etalase::planner::curation::{Criteria, Mark, ReviewDraft, Verdict};
use etalase::planner::readiness::Readiness;
use etalase::{Error, FieldError, Lang, Registry, Result, Text};

use crate::output;

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum CurationCommand {
    /// Review a product: each criterion ok, revise or na (does not apply). Food is judged on
    /// taste and hygiene too; asking for revision needs --notes.
    Review {
        product: String,
        #[arg(long, default_value = "na")]
        legality: String,
        #[arg(long, default_value = "na")]
        quality: String,
        #[arg(long, default_value = "na")]
        packaging: String,
        #[arg(long, default_value = "na")]
        taste: String,
        #[arg(long, default_value = "na")]
        hygiene: String,
        #[arg(long, default_value = "na")]
        photo: String,
        #[arg(long, default_value = "")]
        notes: String,
        #[arg(long)]
        reviewer: String,
        /// YYYY-MM-DD; default today.
        #[arg(long, default_value = "")]
        on: String,
        #[arg(long)]
        json: bool,
    },
    /// Products whose last review asks for revision (registered on this laptop; --all for
    /// every laptop's).
    Queue {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// What a product still misses, per channel.
    Readiness {
        product: String,
        #[arg(long)]
        json: bool,
    },
}

fn mark(field: &str, raw: &str) -> Result<Mark> {
    match raw.trim().to_lowercase().as_str() {
        "ok" | "baik" => Ok(Mark::Ok),
        "revise" | "revisi" | "perbaiki" => Ok(Mark::Revise),
        "na" | "-" | "" => Ok(Mark::Na),
        other => Err(Error::Invalid(vec![FieldError::new(
            field,
            "unknown_mark",
            Text::new(
                format!("\"{other}\": ok, revise atau na."),
                format!("\"{other}\": ok, revise or na."),
            ),
        )])),
    }
}

fn show_readiness(r: &Readiness, lang: Lang) {
    let ready: Vec<&str> = r.ready.iter().map(|c| c.name()).collect();
    match lang {
        Lang::Id => println!("Kesiapan {}%. Siap untuk: {}", r.score, ready.join(", ")),
        Lang::En => println!("Readiness {}%. Ready for: {}", r.score, ready.join(", ")),
    }
    for g in &r.gaps {
        let on: Vec<&str> = g.channels.iter().map(|c| c.name()).collect();
        println!("  - {} ({})", g.text.get(lang), on.join(", "));
    }
}

pub fn run(registry: &Registry, cmd: CurationCommand, lang: Lang) -> Result<()> {
    match cmd {
        CurationCommand::Review {
            product,
            legality,
            quality,
            packaging,
            taste,
            hygiene,
            photo,
            notes,
            reviewer,
            on,
            json,
        } => {
            let review = registry.review_product(
                &product,
                &ReviewDraft {
                    criteria: Criteria {
                        legality: mark("legality", &legality)?,
                        quality: mark("quality", &quality)?,
                        packaging: mark("packaging", &packaging)?,
                        taste: mark("taste", &taste)?,
                        hygiene: mark("hygiene", &hygiene)?,
                        photo: mark("photo", &photo)?,
                    },
                    notes,
                    reviewer,
                    reviewed_on: on,
                },
            )?;
            if json {
                output::json(&review);
            } else {
                let verdict = match (review.verdict, lang) {
                    (Verdict::Ok, Lang::Id) => "lolos kurasi",
                    (Verdict::Ok, Lang::En) => "passed curation",
                    (Verdict::Revise, Lang::Id) => "perlu perbaikan",
                    (Verdict::Revise, Lang::En) => "needs revision",
                };
                println!("{}  {verdict}  {}", review.product_id, review.reviewed_on);
            }
        }
        CurationCommand::Queue { all, json } => {
            let queue = registry.revision_queue(!all)?;
            if json {
                output::json(&queue);
            } else {
                for q in &queue {
                    let edited = if q.edited_since {
                        match lang {
                            Lang::Id => "  (sudah diubah: kurasi ulang)",
                            Lang::En => "  (edited: review again)",
                        }
                    } else {
                        ""
                    };
                    println!(
                        "{}  {:<40}  {:<28}  {}{edited}",
                        q.product_id, q.product_name, q.vendor_name, q.review.reviewed_on
                    );
                    if let Some(n) = &q.review.notes {
                        println!("    {n}");
                    }
                }
            }
        }
        CurationCommand::Readiness { product, json } => {
            let r = registry.readiness(&product)?;
            if json {
                output::json(&r);
            } else {
                show_readiness(&r, lang);
            }
        }
    }
    Ok(())
}
