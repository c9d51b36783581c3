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
    /// Show the catalogue's look: price style, grouping, colours, paper and whether a logo is set.
    Options {
        #[arg(long)]
        json: bool,
    },
    /// Change the catalogue's look; what is not given stays. Colours are refused when white
    /// text on them would be hard to read.
    SetOptions {
        /// tight (Rp25.000) or spaced (Rp 25.000).
        #[arg(long)]
        price_style: Option<String>,
        /// city, kecamatan or category.
        #[arg(long)]
        grouping: Option<String>,
        /// The main colour, #rrggbb.
        #[arg(long)]
        colour: Option<String>,
        /// The accent colour, #rrggbb.
        #[arg(long)]
        accent: Option<String>,
        /// a4, f4, a5 or letter.
        #[arg(long)]
        paper: Option<String>,
        /// A folder of edited templates for every build ("" for the built-in ones).
        #[arg(long)]
        template_folder: Option<String>,
    },
    /// Set the programme's logo from an image file (JPEG, PNG or WebP), or remove it.
    Logo {
        #[arg(required_unless_present = "clear")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        clear: bool,
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
        CatalogueCommand::Options { json } => {
            print_options(&registry.catalogue_options()?, json);
        }
        CatalogueCommand::SetOptions {
            price_style,
            grouping,
            colour,
            accent,
            paper,
            template_folder,
        } => {
            let mut o = registry.catalogue_options()?;
            o.price_style = price_style.unwrap_or(o.price_style);
            o.grouping = grouping.unwrap_or(o.grouping);
            o.colour = colour.unwrap_or(o.colour);
            o.accent = accent.unwrap_or(o.accent);
            o.paper = paper.unwrap_or(o.paper);
            o.templates = template_folder.unwrap_or(o.templates);
            print_options(&registry.set_catalogue_options(&o)?, false);
        }
        CatalogueCommand::Logo { file, clear } => {
            let o = match file {
                Some(f) if !clear => registry.set_catalogue_logo(&f)?,
                _ => registry.clear_catalogue_logo()?,
            };
            print_options(&o, false);
        }
    }
    Ok(())
}

fn print_options(o: &etalase::catalogue::CatalogueOptions, json: bool) {
    if json {
        output::json(o);
    } else {
        println!("price style  {}", o.price_style);
        println!("grouping     {}", o.grouping);
        println!("colour       {}", o.colour);
        println!("accent       {}", o.accent);
        println!("paper        {}", o.paper);
        println!("logo         {}", if o.logo { "yes" } else { "no" });
        println!(
            "templates    {}",
            if o.templates.is_empty() {
                "built-in"
            } else {
                &o.templates
            }
        );
    }
}
