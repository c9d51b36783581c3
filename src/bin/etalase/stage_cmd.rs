//! `etalase stage …`

use clap::Subcommand;

use etalase::stage::{Stage, StageOrder, StageStatus, StageUpdate};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum StageCommand {
    /// Set one Jakpreneur stage of a vendor.
    Set {
        /// The vendor's id.
        id: String,
        /// pendaftaran, pelatihan, pendampingan, perizinan, pemasaran, pelaporan-keuangan,
        /// permodalan (or P1–P7).
        #[arg(long)]
        stage: String,
        /// belum, proses or selesai.
        #[arg(long)]
        status: String,
        /// YYYY-MM-DD or DD-MM-YYYY.
        #[arg(long, default_value = "")]
        date: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Show or set how P2 and P3 are numbered: pelatihan-first (P2 is training, the default)
    /// or pendampingan-first (P2 is coaching), as the coaching agency counts them.
    Order { value: Option<String> },
    /// Show all seven stages of a vendor.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(registry: &Registry, cmd: StageCommand, lang: Lang) -> Result<()> {
    match cmd {
        StageCommand::Set {
            id,
            stage,
            status,
            date,
            note,
        } => {
            let update = StageUpdate {
                stage: Stage::parse_in(&stage, registry.stage_order()?)?,
                status: StageStatus::parse(&status)?,
                date,
                note,
            };
            registry.set_stage(&id, &update)?;
            print(registry, &id, lang)?;
        }
        StageCommand::Order { value } => {
            if let Some(v) = value {
                registry.set_stage_order(StageOrder::parse(&v)?)?;
            }
            let order = registry.stage_order()?;
            for st in order.stages() {
                println!("{}  {}", order.number(st), st.as_str());
            }
        }
        StageCommand::Show { id, json } => {
            if json {
                output::json(&registry.stages(&id)?);
            } else {
                print(registry, &id, lang)?;
            }
        }
    }
    Ok(())
}

fn print(registry: &Registry, id: &str, _lang: Lang) -> Result<()> {
    for (i, s) in registry.stages(id)?.iter().enumerate() {
        let status = serde_json::to_value(s.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        println!(
            "P{}  {:<20} {:<8} {} {}",
            i + 1,
            s.stage.as_str(),
            status,
            s.date.as_deref().unwrap_or(""),
            s.note.as_deref().unwrap_or("")
        );
    }
    Ok(())
}
