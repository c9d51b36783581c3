//! `etalase product …`

use clap::{Args, Subcommand};

use etalase::product::{Product, ProductDraft, ProductQuery, Variant};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum ProductCommand {
    /// Add a product to a vendor.
    Add {
        /// The vendor's id.
        #[arg(long)]
        vendor: String,
        #[arg(long)]
        name: String,
        /// Whole rupiah, e.g. 25000 or "Rp 25.000".
        #[arg(long)]
        price: String,
        /// A category's slug or name.
        #[arg(long)]
        category: String,
        #[command(flatten)]
        more: ProductFields,
        #[arg(long)]
        json: bool,
    },
    /// Change some of a product's fields.
    Edit {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        price: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[command(flatten)]
        more: ProductFields,
        #[arg(long)]
        json: bool,
    },
    /// Show one product with its photos.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List products, of one vendor or all.
    List {
        #[arg(long)]
        vendor: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        archived: bool,
        #[arg(long)]
        json: bool,
    },
    /// Archive a product (kept, left out of catalogues); undo with `product restore`.
    Archive {
        id: String,
    },
    Restore {
        id: String,
    },
}

/// The rest of a product; every field optional.
#[derive(Args)]
pub struct ProductFields {
    /// In Indonesian.
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    description_en: Option<String>,
    #[arg(long)]
    subcategory: Option<String>,
    #[arg(long)]
    stock: Option<String>,
    #[arg(long)]
    min_order: Option<String>,
    /// Weight in grams, packaging included.
    #[arg(long)]
    weight_g: Option<String>,
    #[arg(long)]
    length_cm: Option<String>,
    #[arg(long)]
    width_cm: Option<String>,
    #[arg(long)]
    height_cm: Option<String>,
    /// baru (new) or bekas (used).
    #[arg(long)]
    condition: Option<String>,
    #[arg(long)]
    sku: Option<String>,
    /// A variant type and its options: "Rasa=Pedas,Original". At most two.
    #[arg(long = "variant")]
    variants: Vec<String>,
    /// Ids of the vendor's legality documents this product carries (repeatable).
    #[arg(long = "legality")]
    legality_ids: Vec<String>,
    /// Days to make an order (pre-order), 1–90.
    #[arg(long)]
    preorder_days: Option<String>,
    /// Whether the label or listing says halal: yes or no (needs a halal certificate).
    #[arg(long)]
    halal_claim: Option<bool>,
    /// Why packaged food needs no P-IRT/BPOM: fresh, ready_to_eat or raw ("" for none).
    #[arg(long)]
    permit_exempt: Option<String>,
}

impl ProductFields {
    fn apply(self, mut d: ProductDraft) -> ProductDraft {
        let set = |slot: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *slot = v;
            }
        };
        set(&mut d.description, self.description);
        set(&mut d.description_en, self.description_en);
        set(&mut d.subcategory, self.subcategory);
        set(&mut d.stock, self.stock);
        set(&mut d.min_order, self.min_order);
        set(&mut d.weight_g, self.weight_g);
        set(&mut d.length_cm, self.length_cm);
        set(&mut d.width_cm, self.width_cm);
        set(&mut d.height_cm, self.height_cm);
        set(&mut d.condition, self.condition);
        set(&mut d.sku, self.sku);
        set(&mut d.preorder_days, self.preorder_days);
        set(&mut d.permit_exempt, self.permit_exempt);
        if let Some(h) = self.halal_claim {
            d.halal_claim = h;
        }
        if !self.variants.is_empty() {
            d.variants = self
                .variants
                .iter()
                .map(|v| {
                    let (name, options) = v.split_once('=').unwrap_or((v, ""));
                    Variant {
                        name: name.trim().to_owned(),
                        options: options.split(',').map(|o| o.trim().to_owned()).collect(),
                    }
                })
                .collect();
        }
        if !self.legality_ids.is_empty() {
            d.legality_ids = self.legality_ids;
        }
        d
    }
}

fn show(p: &Product, lang: Lang, registry: &Registry) -> Result<()> {
    println!("{}  {}", p.id, p.name);
    println!(
        "  {}  Rp{}",
        p.vendor_name,
        etalase::money::format_rupiah(p.price_rp)
    );
    println!("  {}", p.category);
    for w in &p.warnings {
        println!("  ! {}", w.message.get(lang));
    }
    for photo in registry.photos(&p.id)? {
        let cover = if photo.cover { "*" } else { " " };
        println!(
            "  {cover} {}  {}×{}  {}",
            photo.id,
            photo.width,
            photo.height,
            photo
                .flags
                .iter()
                .map(|f| f.text.get(lang))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    Ok(())
}

pub fn run(registry: &Registry, cmd: ProductCommand, lang: Lang) -> Result<()> {
    match cmd {
        ProductCommand::Add {
            vendor,
            name,
            price,
            category,
            more,
            json,
        } => {
            let draft = more.apply(ProductDraft {
                name,
                price,
                category,
                ..Default::default()
            });
            let p = registry.create_product(&vendor, &draft)?;
            if json {
                output::json(&p)
            } else {
                show(&p, lang, registry)?
            }
        }
        ProductCommand::Edit {
            id,
            name,
            price,
            category,
            more,
            json,
        } => {
            let mut draft = registry.product_draft(&id)?;
            if let Some(n) = name {
                draft.name = n;
            }
            if let Some(p) = price {
                draft.price = p;
            }
            if let Some(c) = category {
                draft.category = c;
            }
            let p = registry.update_product(&id, &more.apply(draft))?;
            if json {
                output::json(&p)
            } else {
                show(&p, lang, registry)?
            }
        }
        ProductCommand::Show { id, json } => {
            let p = registry.get_product(&id)?;
            if json {
                output::json(&serde_json::json!({ "product": p, "photos": registry.photos(&id)? }))
            } else {
                show(&p, lang, registry)?
            }
        }
        ProductCommand::List {
            vendor,
            search,
            category,
            archived,
            json,
        } => {
            let items = registry.list_products(&ProductQuery {
                vendor_id: vendor,
                search,
                category,
                include_archived: archived,
            })?;
            if json {
                output::json(&items);
            } else {
                for p in &items {
                    println!(
                        "{}  {:<40}  Rp{:>12}  {} foto  {}",
                        p.id,
                        p.name,
                        etalase::money::format_rupiah(p.price_rp),
                        p.photo_count,
                        p.vendor_name
                    );
                }
            }
        }
        ProductCommand::Archive { id } => {
            let p = registry.archive_product(&id)?;
            match lang {
                Lang::Id => println!(
                    "{} diarsipkan. Batalkan dengan: etalase product restore {}",
                    p.name, p.id
                ),
                Lang::En => println!(
                    "{} archived. Undo with: etalase product restore {}",
                    p.name, p.id
                ),
            }
        }
        ProductCommand::Restore { id } => {
            let p = registry.restore_product(&id)?;
            println!("{}", p.name);
        }
    }
    Ok(())
}
