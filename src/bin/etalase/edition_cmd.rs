//! `etalase edition …`: the Friday planner (calendar, rotation, editions, suggestion, publish).

use clap::Subcommand;

use etalase::planner::calendar::Rotation;
use etalase::planner::edition::{Edition, EditionPlan, EditionState};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum EditionCommand {
    /// Plan a Friday's edition (or change the plan of one not yet published).
    Plan {
        /// The Friday, YYYY-MM-DD.
        #[arg(long)]
        friday: String,
        /// A category (slug or name); default: the rotation's theme for that Friday.
        #[arg(long, default_value = "")]
        theme: String,
        /// province, city or kecamatan.
        #[arg(long, default_value = "province")]
        scope: String,
        /// The city's code or name, or the kecamatan's.
        #[arg(long, default_value = "")]
        area: String,
        /// Products per kecamatan (default 10).
        #[arg(long)]
        quota: Option<u32>,
        /// Comma-separated: catalogue, instagram, whatsapp, tokopedia, shopee (default all).
        #[arg(long, value_delimiter = ',')]
        channels: Vec<String>,
        /// Hashtags, space- or comma-separated (default #JumatBeliLokal #Jakpreneur
        /// #BanggaBuatanIndonesia).
        #[arg(long, value_delimiter = ',')]
        hashtags: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Propose ready, curated products of the theme within the quotas, and why; with
    /// --accept, add them to the edition.
    Suggest {
        #[arg(long)]
        friday: String,
        #[arg(long)]
        accept: bool,
        #[arg(long)]
        json: bool,
    },
    /// Add products by hand (refused, with reasons, when one may not enter).
    Add {
        #[arg(long)]
        friday: String,
        #[arg(required = true)]
        products: Vec<String>,
    },
    /// Take products out of the selection.
    Remove {
        #[arg(long)]
        friday: String,
        #[arg(required = true)]
        products: Vec<String>,
    },
    /// Put the selection in this order (every product of it, once).
    Order {
        #[arg(long)]
        friday: String,
        #[arg(required = true)]
        products: Vec<String>,
    },
    /// Mark the selection as curated.
    Curated {
        #[arg(long)]
        friday: String,
    },
    /// Publish: check every product again and freeze what the outputs show.
    Publish {
        #[arg(long)]
        friday: String,
        #[arg(long)]
        json: bool,
    },
    /// Record that the published edition went out on a channel.
    Sent {
        #[arg(long)]
        friday: String,
        #[arg(long)]
        channel: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Remove an edition not yet published. Needs --yes.
    Delete {
        #[arg(long)]
        friday: String,
        #[arg(long)]
        yes: bool,
    },
    /// Every edition, the latest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One edition with its selection, counts per kecamatan and publish log.
    Show {
        #[arg(long)]
        friday: String,
        #[arg(long)]
        json: bool,
    },
    /// The coming Fridays with their themes, skips and editions.
    Calendar {
        #[arg(long, default_value_t = 12)]
        weeks: u32,
        /// From this day (default today, Jakarta).
        #[arg(long, default_value = "")]
        from: String,
        #[arg(long)]
        json: bool,
    },
    /// Skip a Friday (a public holiday): no edition, and the rotation continues after it.
    Skip {
        friday: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Give a skipped Friday its turn back.
    Unskip { friday: String },
    /// Show the rotation, or change it with --start and --order.
    Rotation {
        /// The Friday the order starts from.
        #[arg(long)]
        start: Option<String>,
        /// Comma-separated categories in order.
        #[arg(long, value_delimiter = ',')]
        order: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

fn state(s: EditionState, lang: Lang) -> &'static str {
    match (s, lang) {
        (EditionState::Draft, Lang::Id) => "draf",
        (EditionState::Draft, Lang::En) => "draft",
        (EditionState::Curated, Lang::Id) => "dikurasi",
        (EditionState::Curated, Lang::En) => "curated",
        (EditionState::Published, Lang::Id) => "terbit",
        (EditionState::Published, Lang::En) => "published",
    }
}

fn show(e: &Edition, lang: Lang) {
    println!(
        "{}  {}  {}  {}",
        e.label.get(lang),
        e.theme_name.get(lang),
        e.scope.name,
        state(e.state, lang)
    );
    let channels: Vec<&str> = e.channels.iter().map(|c| c.name()).collect();
    println!("  {}  {}", channels.join(", "), e.hashtags.join(" "));
    if e.state == EditionState::Published {
        for i in &e.snapshot {
            println!(
                "  {:>2}. {:<36}  {:<40}  {:<28}  Rp{}",
                i.position,
                i.product_id,
                i.name,
                i.vendor_name,
                etalase::money::format_rupiah(i.price_rp)
            );
        }
    } else {
        for i in &e.items {
            let mark = if i.problems.is_empty() { "✓" } else { "!" };
            println!(
                "  {:>2}. {mark} {:<36}  {:<40}  {:<28}  {}",
                i.position, i.product.id, i.product.name, i.product.vendor_name, i.kecamatan_name
            );
            for p in &i.problems {
                println!("        {}", p.get(lang));
            }
        }
    }
    for c in &e.counts {
        println!("  Kec. {:<24} {}/{}", c.name, c.count, c.quota);
    }
    for l in &e.log {
        println!(
            "  {}  {}  {}",
            l.action,
            l.channel,
            l.note.as_deref().unwrap_or("")
        );
    }
    for n in &e.notices {
        println!("  ! {}", n.get(lang));
    }
}

pub fn run(registry: &Registry, cmd: EditionCommand, lang: Lang) -> Result<()> {
    let out = |e: &Edition, json: bool| if json { output::json(e) } else { show(e, lang) };
    let id_of = |friday: &str| -> Result<String> { Ok(registry.edition_on(friday)?.id) };
    match cmd {
        EditionCommand::Plan {
            friday,
            theme,
            scope,
            area,
            quota,
            channels,
            hashtags,
            json,
        } => {
            let e = registry.plan_edition(&EditionPlan {
                friday,
                theme,
                scope_level: scope,
                scope_code: area,
                quota,
                channels,
                hashtags,
            })?;
            out(&e, json);
        }
        EditionCommand::Suggest {
            friday,
            accept,
            json,
        } => {
            let id = id_of(&friday)?;
            if accept {
                out(&registry.accept_suggestion(&id)?, json);
            } else {
                let picks = registry.suggest_edition(&id)?;
                if json {
                    output::json(&picks);
                } else {
                    for (n, s) in picks.iter().enumerate() {
                        println!(
                            "{:>2}. {}  {}  ({}, {})",
                            n + 1,
                            s.product.id,
                            s.product.name,
                            s.product.vendor_name,
                            s.kecamatan_name
                        );
                        println!("    {}", s.reason.get(lang));
                    }
                }
            }
        }
        EditionCommand::Add { friday, products } => {
            let id = id_of(&friday)?;
            let mut last = None;
            for p in &products {
                last = Some(registry.add_to_edition(&id, p)?);
            }
            if let Some(e) = last {
                show(&e, lang);
            }
        }
        EditionCommand::Remove { friday, products } => {
            let id = id_of(&friday)?;
            let mut last = None;
            for p in &products {
                last = Some(registry.remove_from_edition(&id, p)?);
            }
            if let Some(e) = last {
                show(&e, lang);
            }
        }
        EditionCommand::Order { friday, products } => show(
            &registry.reorder_edition(&id_of(&friday)?, &products)?,
            lang,
        ),
        EditionCommand::Curated { friday } => show(&registry.mark_curated(&id_of(&friday)?)?, lang),
        EditionCommand::Publish { friday, json } => {
            out(&registry.publish_edition(&id_of(&friday)?)?, json)
        }
        EditionCommand::Sent {
            friday,
            channel,
            note,
        } => show(
            &registry.record_sent(&id_of(&friday)?, &channel, &note)?,
            lang,
        ),
        EditionCommand::Delete { friday, yes } => {
            let e = registry.edition_on(&friday)?;
            if !yes {
                return Err(etalase::Error::Invalid(vec![etalase::FieldError::new(
                    "yes",
                    "confirm",
                    etalase::Text::new(
                        format!(
                            "Edisi {} akan dihapus. Ulangi dengan --yes bila yakin.",
                            e.label.id
                        ),
                        format!(
                            "The edition of {} will be removed. Repeat with --yes if you are sure.",
                            e.label.en
                        ),
                    ),
                )]));
            }
            registry.delete_edition(&e.id)?;
        }
        EditionCommand::List { json } => {
            let list = registry.editions()?;
            if json {
                output::json(&list);
            } else {
                for e in &list {
                    println!(
                        "{}  {:<28}  {:<18}  {:<10}  {}",
                        e.friday,
                        e.label.get(lang),
                        e.theme,
                        state(e.state, lang),
                        e.items
                    );
                }
            }
        }
        EditionCommand::Show { friday, json } => out(&registry.edition_on(&friday)?, json),
        EditionCommand::Calendar { weeks, from, json } => {
            let weeks = registry.calendar_from(&from, weeks)?;
            if json {
                output::json(&weeks);
            } else {
                for w in &weeks {
                    let what = if w.skipped {
                        format!("— {}", w.skip_reason.as_deref().unwrap_or(""))
                    } else {
                        w.theme.clone().unwrap_or_default()
                    };
                    let edition = w
                        .edition
                        .as_ref()
                        .map(|e| format!("{} ({})", e.state, e.items))
                        .unwrap_or_default();
                    println!(
                        "{}  {:<28}  {:<20}  {edition}",
                        w.friday,
                        w.label.get(lang),
                        what
                    );
                }
            }
        }
        EditionCommand::Skip { friday, reason } => registry.skip_friday(&friday, &reason)?,
        EditionCommand::Unskip { friday } => registry.unskip_friday(&friday)?,
        EditionCommand::Rotation { start, order, json } => {
            let r = if start.is_some() || !order.is_empty() {
                let current = registry.rotation()?;
                registry.set_rotation(&Rotation {
                    start: start.unwrap_or(current.start),
                    order: if order.is_empty() {
                        current.order
                    } else {
                        order
                    },
                })?
            } else {
                registry.rotation()?
            };
            if json {
                output::json(&r);
            } else {
                println!("{}  {}", r.start, r.order.join(" → "));
            }
        }
    }
    Ok(())
}
