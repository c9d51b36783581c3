//! Products: what a vendor sells, as the Friday outputs and the marketplaces need it.
//!
//! Fields and limits: domain.md §7.1 item 6. A name over 70 characters is kept but warned about
//! (Tokopedia's limit); prices are whole rupiah; variants have at most two types.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::category;
use crate::error::{Error, FieldError, Result};
use crate::identifier::FieldWarning;
use crate::registry::Registry;
use crate::text::Text;

pub const MAX_NAME: usize = 200;
/// Tokopedia's limit: longer names are saved with a warning.
pub const MARKETPLACE_NAME: usize = 70;
pub const MAX_DESCRIPTION: usize = 2000;

/// A variant type and its options ("Rasa": "Pedas", "Original").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Variant {
    pub name: String,
    pub options: Vec<String>,
}

/// A product as typed in the form or on the command line; numbers as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProductDraft {
    pub name: String,
    pub description: String,
    pub description_en: String,
    /// A category's slug or name.
    pub category: String,
    pub subcategory: String,
    /// Whole rupiah (`Rp 25.000` is fine).
    pub price: String,
    pub stock: String,
    pub min_order: String,
    pub weight_g: String,
    pub length_cm: String,
    pub width_cm: String,
    pub height_cm: String,
    /// `baru` (new, the default) or `bekas` (used).
    pub condition: String,
    pub sku: String,
    pub variants: Vec<Variant>,
    /// Ids of the vendor's legality documents this product carries.
    pub legality_ids: Vec<String>,
    pub preorder_days: String,
    /// The label or listing says halal (needs a halal certificate among `legality_ids`).
    pub halal_claim: bool,
    /// Why packaged food needs no P-IRT or BPOM number: `fresh` (keeps under 7 days),
    /// `ready_to_eat` or `raw`; empty when it needs one.
    pub permit_exempt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Product {
    pub id: String,
    pub vendor_id: String,
    pub vendor_name: String,
    pub name: String,
    pub description: Option<String>,
    pub description_en: Option<String>,
    pub category: String,
    pub subcategory: Option<String>,
    #[ts(type = "number")]
    pub price_rp: i64,
    #[ts(type = "number | null")]
    pub stock: Option<i64>,
    #[ts(type = "number | null")]
    pub min_order: Option<i64>,
    #[ts(type = "number | null")]
    pub weight_g: Option<i64>,
    #[ts(type = "number | null")]
    pub length_cm: Option<i64>,
    #[ts(type = "number | null")]
    pub width_cm: Option<i64>,
    #[ts(type = "number | null")]
    pub height_cm: Option<i64>,
    pub condition: String,
    pub sku: Option<String>,
    pub variants: Vec<Variant>,
    pub legality_ids: Vec<String>,
    #[ts(type = "number | null")]
    pub preorder_days: Option<i64>,
    pub halal_claim: bool,
    pub permit_exempt: Option<String>,
    pub archived: bool,
    /// How many photos it has; the first is the cover.
    pub photo_count: u32,
    /// The cover photo's id, for the thumbnail in lists.
    pub cover_photo: Option<String>,
    pub warnings: Vec<FieldWarning>,
}

struct Valid {
    name: String,
    description: Option<String>,
    description_en: Option<String>,
    category_slug: String,
    subcategory: Option<String>,
    price_rp: i64,
    stock: Option<i64>,
    min_order: Option<i64>,
    weight_g: Option<i64>,
    dims: [Option<i64>; 3],
    condition: String,
    sku: Option<String>,
    variants: String,
    legality_ids: String,
    preorder_days: Option<i64>,
    halal_claim: bool,
    permit_exempt: Option<String>,
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn error(&mut self, field: &str, code: &str, id: String, en: String) {
        self.errors
            .push(FieldError::new(field, code, Text::new(id, en)));
    }

    fn text(&mut self, field: &str, raw: &str, max: usize, multiline: bool) -> Option<String> {
        if raw
            .chars()
            .any(|c| c == '\0' || (c.is_control() && !(multiline && c == '\n')))
        {
            self.error(
                field,
                "forbidden_character",
                "Berisi karakter tersembunyi yang tidak diizinkan.".into(),
                "Contains a hidden character that is not allowed.".into(),
            );
            return None;
        }
        let cleaned = if multiline {
            raw.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n")
                .trim()
                .to_owned()
        } else {
            raw.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let n = cleaned.chars().count();
        if n > max {
            self.error(
                field,
                "too_long",
                format!("Terlalu panjang ({n} karakter, paling banyak {max})."),
                format!("Too long ({n} characters, at most {max})."),
            );
            return None;
        }
        (!cleaned.is_empty()).then_some(cleaned)
    }

    /// A whole number as typed (`25.000`, `Rp 25.000`), within a range.
    fn number(&mut self, field: &str, raw: &str, min: i64, max: i64) -> Option<i64> {
        let t = raw
            .trim()
            .trim_start_matches("Rp")
            .trim_start_matches("rp")
            .trim();
        if t.is_empty() {
            return None;
        }
        let t = t.strip_suffix(",00").unwrap_or(t);
        let digits: String = t
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
            .collect();
        match digits.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) && digits.chars().all(|c| c.is_ascii_digit()) => {
                Some(n)
            }
            _ => {
                self.error(
                    field,
                    "invalid_number",
                    format!("Harus bilangan bulat {min}–{max}."),
                    format!("Must be a whole number from {min} to {max}."),
                );
                None
            }
        }
    }
}

fn validate(
    d: &ProductDraft,
    categories: &[category::Category],
) -> Result<(Valid, Vec<FieldWarning>)> {
    let mut c = Checker { errors: Vec::new() };
    let name = c.text("name", &d.name, MAX_NAME, false);
    if name.is_none() && c.errors.iter().all(|e| e.field != "name") {
        c.error(
            "name",
            "required",
            "Nama produk wajib diisi.".into(),
            "The product name is required.".into(),
        );
    }
    let category_slug = match d.category.trim() {
        "" => {
            c.error(
                "category",
                "required",
                "Pilih kategori.".into(),
                "Choose a category.".into(),
            );
            None
        }
        q => match category::find(categories, q) {
            Some(cat) => Some(cat.slug.clone()),
            None => {
                c.error(
                    "category",
                    "unknown_category",
                    format!("Kategori \"{q}\" tidak dikenal."),
                    format!("Category \"{q}\" is unknown."),
                );
                None
            }
        },
    };
    let price = if d.price.trim().is_empty() {
        c.error(
            "price",
            "required",
            "Harga wajib diisi (rupiah).".into(),
            "The price is required (rupiah).".into(),
        );
        None
    } else {
        c.number("price", &d.price, 100, 1_000_000_000_000)
    };
    let stock = c.number("stock", &d.stock, 0, 999_999);
    let min_order = c.number("min_order", &d.min_order, 1, 9_999);
    let weight_g = c.number("weight_g", &d.weight_g, 1, 1_000_000);
    let dims = [
        c.number("length_cm", &d.length_cm, 1, 10_000),
        c.number("width_cm", &d.width_cm, 1, 10_000),
        c.number("height_cm", &d.height_cm, 1, 10_000),
    ];
    let condition = match d.condition.trim().to_lowercase().as_str() {
        "" | "baru" | "new" => "baru".to_owned(),
        "bekas" | "used" => "bekas".to_owned(),
        other => {
            c.error(
                "condition",
                "unknown_condition",
                format!("Kondisi \"{other}\": baru atau bekas."),
                format!("Condition \"{other}\": new (baru) or used (bekas)."),
            );
            String::new()
        }
    };
    let preorder_days = c.number("preorder_days", &d.preorder_days, 1, 90);
    if d.variants.len() > 2 {
        c.error(
            "variants",
            "too_many",
            "Paling banyak dua jenis varian.".into(),
            "At most two variant types.".into(),
        );
    }
    let mut variants = Vec::new();
    for v in d.variants.iter().take(2) {
        let vname = c.text("variants", &v.name, 30, false);
        let options: Vec<String> = v
            .options
            .iter()
            .filter_map(|o| c.text("variants", o, 30, false))
            .collect();
        if let Some(n) = vname
            && !options.is_empty()
        {
            variants.push(Variant { name: n, options });
        }
    }
    let description = c.text("description", &d.description, MAX_DESCRIPTION, true);
    let description_en = c.text("description_en", &d.description_en, MAX_DESCRIPTION, true);
    let subcategory = c.text("subcategory", &d.subcategory, 100, false);
    let sku = c.text("sku", &d.sku, 50, false);
    let permit_exempt = match d.permit_exempt.trim() {
        "" => None,
        e @ ("fresh" | "ready_to_eat" | "raw") => Some(e.to_owned()),
        other => {
            c.error(
                "permit_exempt",
                "unknown_exemption",
                format!("Pengecualian izin \"{other}\": fresh, ready_to_eat atau raw."),
                format!("Permit exemption \"{other}\": fresh, ready_to_eat or raw."),
            );
            None
        }
    };
    if !c.errors.is_empty() {
        return Err(Error::Invalid(c.errors));
    }
    let (Some(name), Some(category_slug), Some(price_rp)) = (name, category_slug, price) else {
        return Err(Error::Internal("checked fields missing".into()));
    };
    let warnings = warnings(&name, preorder_days);
    Ok((
        Valid {
            name,
            description,
            description_en,
            category_slug,
            subcategory,
            price_rp,
            stock,
            min_order,
            weight_g,
            dims,
            condition,
            sku,
            variants: to_json(&variants),
            legality_ids: to_json(&d.legality_ids),
            preorder_days,
            halal_claim: d.halal_claim,
            permit_exempt,
        },
        warnings,
    ))
}

/// JSON for the two list columns; our own plain types always serialise.
fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// What a stored product is saved with but flagged for: channel limits it breaks.
fn warnings(name: &str, preorder_days: Option<i64>) -> Vec<FieldWarning> {
    let mut out = Vec::new();
    if name.chars().count() > MARKETPLACE_NAME {
        out.push(FieldWarning {
            field: "name".into(),
            code: "name_long_for_marketplace".into(),
            message: Text::new(
                format!("Nama lebih dari {MARKETPLACE_NAME} karakter: Tokopedia akan menolaknya."),
                format!(
                    "The name is over {MARKETPLACE_NAME} characters: Tokopedia will refuse it."
                ),
            ),
        });
    }
    if preorder_days.is_some_and(|p| p > 30) {
        out.push(FieldWarning {
            field: "preorder_days".into(),
            code: "preorder_long".into(),
            message: Text::new(
                "Pre-order lebih dari 30 hari: Tokopedia hanya menerima sampai 30 hari.",
                "Pre-order over 30 days: Tokopedia accepts at most 30 days.",
            ),
        });
    }
    out
}

const COLUMNS: &str = "p.id, p.vendor_id, v.business_name, p.name, p.description, p.description_en,
    p.category_slug, p.subcategory, p.price_rp, p.stock, p.min_order, p.weight_g, p.length_cm,
    p.width_cm, p.height_cm, p.condition, p.sku, p.variants, p.legality_ids, p.preorder_days,
    p.archived_at, p.halal_claim, p.permit_exempt,
    (SELECT count(*) FROM product_photo f WHERE f.product_id = p.id AND f.deleted_at IS NULL),
    (SELECT f.id FROM product_photo f WHERE f.product_id = p.id AND f.deleted_at IS NULL
       ORDER BY f.position, f.id LIMIT 1)";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Product> {
    let variants: String = r.get(17)?;
    let legality: String = r.get(18)?;
    Ok(Product {
        id: r.get(0)?,
        vendor_id: r.get(1)?,
        vendor_name: r.get(2)?,
        name: r.get(3)?,
        description: r.get(4)?,
        description_en: r.get(5)?,
        category: r.get(6)?,
        subcategory: r.get(7)?,
        price_rp: r.get(8)?,
        stock: r.get(9)?,
        min_order: r.get(10)?,
        weight_g: r.get(11)?,
        length_cm: r.get(12)?,
        width_cm: r.get(13)?,
        height_cm: r.get(14)?,
        condition: r.get(15)?,
        sku: r.get(16)?,
        variants: serde_json::from_str(&variants).unwrap_or_default(),
        legality_ids: serde_json::from_str(&legality).unwrap_or_default(),
        preorder_days: r.get(19)?,
        archived: r.get::<_, Option<i64>>(20)?.is_some(),
        halal_claim: r.get(21)?,
        permit_exempt: r.get(22)?,
        photo_count: r.get(23)?,
        cover_photo: r.get(24)?,
        warnings: Vec::new(),
    })
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<Product> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM product p JOIN vendor v ON v.id = p.vendor_id
             WHERE p.id = ?1 AND p.deleted_at IS NULL"
        ),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "product",
        id: id.to_owned(),
    })
}

/// Which products to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProductQuery {
    pub vendor_id: Option<String>,
    /// Words in the product's or the vendor's name.
    pub search: Option<String>,
    pub category: Option<String>,
    pub include_archived: bool,
}

impl Registry {
    pub fn create_product(&self, vendor_id: &str, draft: &ProductDraft) -> Result<Product> {
        self.require_vendor(vendor_id)?;
        let (v, _) = validate(draft, &self.categories()?)?;
        self.check_legality_ids(vendor_id, &draft.legality_ids)?;
        let id = self.new_id();
        self.write(|tx, stamp| {
            tx.execute(
                "INSERT INTO product (id, vendor_id, name, description, description_en, category_slug,
                   subcategory, price_rp, stock, min_order, weight_g, length_cm, width_cm, height_cm,
                   condition, sku, variants, legality_ids, preorder_days, created_at, updated_at, device_id,
                   halal_claim, permit_exempt, created_device)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                   ?19, ?20, ?20, ?21, ?22, ?23, ?21)",
                params![
                    id, vendor_id, v.name, v.description, v.description_en, v.category_slug,
                    v.subcategory, v.price_rp, v.stock, v.min_order, v.weight_g, v.dims[0], v.dims[1],
                    v.dims[2], v.condition, v.sku, v.variants, v.legality_ids, v.preorder_days,
                    stamp.time, stamp.device, v.halal_claim, v.permit_exempt
                ],
            )?;
            crate::vendor::search::index(tx, vendor_id)?;
            Ok(())
        })?;
        self.get_product(&id)
    }

    /// Replaces a product's fields with the draft's (the form sends them all).
    pub fn update_product(&self, id: &str, draft: &ProductDraft) -> Result<Product> {
        let current = self.get_product(id)?;
        let (v, _) = validate(draft, &self.categories()?)?;
        self.check_legality_ids(&current.vendor_id, &draft.legality_ids)?;
        self.write(|tx, stamp| {
            tx.execute(
                "UPDATE product SET name = ?2, description = ?3, description_en = ?4,
                   category_slug = ?5, subcategory = ?6, price_rp = ?7, stock = ?8, min_order = ?9,
                   weight_g = ?10, length_cm = ?11, width_cm = ?12, height_cm = ?13, condition = ?14,
                   sku = ?15, variants = ?16, legality_ids = ?17, preorder_days = ?18,
                   updated_at = ?19, device_id = ?20, halal_claim = ?21, permit_exempt = ?22
                 WHERE id = ?1",
                params![
                    id, v.name, v.description, v.description_en, v.category_slug, v.subcategory,
                    v.price_rp, v.stock, v.min_order, v.weight_g, v.dims[0], v.dims[1], v.dims[2],
                    v.condition, v.sku, v.variants, v.legality_ids, v.preorder_days, stamp.time,
                    stamp.device, v.halal_claim, v.permit_exempt
                ],
            )?;
            crate::vendor::search::index(tx, &current.vendor_id)?;
            Ok(())
        })?;
        self.get_product(id)
    }

    /// The draft the edit form starts from.
    pub fn product_draft(&self, id: &str) -> Result<ProductDraft> {
        let p = self.get_product(id)?;
        let n = |o: Option<i64>| o.map(|x| x.to_string()).unwrap_or_default();
        Ok(ProductDraft {
            name: p.name,
            description: p.description.unwrap_or_default(),
            description_en: p.description_en.unwrap_or_default(),
            category: p.category,
            subcategory: p.subcategory.unwrap_or_default(),
            price: p.price_rp.to_string(),
            stock: n(p.stock),
            min_order: n(p.min_order),
            weight_g: n(p.weight_g),
            length_cm: n(p.length_cm),
            width_cm: n(p.width_cm),
            height_cm: n(p.height_cm),
            condition: p.condition,
            sku: p.sku.unwrap_or_default(),
            variants: p.variants,
            legality_ids: p.legality_ids,
            preorder_days: n(p.preorder_days),
            halal_claim: p.halal_claim,
            permit_exempt: p.permit_exempt.unwrap_or_default(),
        })
    }

    fn check_legality_ids(&self, vendor_id: &str, ids: &[String]) -> Result<()> {
        let known: Vec<String> = self
            .legality(vendor_id)?
            .into_iter()
            .map(|d| d.id)
            .collect();
        match ids.iter().find(|i| !known.contains(i)) {
            Some(unknown) => Err(Error::Invalid(vec![FieldError::new(
                "legality_ids",
                "unknown_document",
                Text::new(
                    format!("Dokumen {unknown} bukan milik pelaku usaha ini."),
                    format!("Document {unknown} does not belong to this vendor."),
                ),
            )])),
            None => Ok(()),
        }
    }

    /// One product, with the warnings its record raises today.
    pub fn get_product(&self, id: &str) -> Result<Product> {
        let product = self.read(|c| get(c, id))?;
        Ok(Product {
            warnings: warnings(&product.name, product.preorder_days),
            ..product
        })
    }

    pub fn list_products(&self, query: &ProductQuery) -> Result<Vec<Product>> {
        let categories = self.categories()?;
        self.read(|c| list(c, query, &categories))
    }

    pub fn archive_product(&self, id: &str) -> Result<Product> {
        self.set_product_archived(id, true)
    }
    pub fn restore_product(&self, id: &str) -> Result<Product> {
        self.set_product_archived(id, false)
    }

    fn set_product_archived(&self, id: &str, archived: bool) -> Result<Product> {
        self.write(|tx, stamp| {
            get(tx, id)?;
            tx.execute(
                "UPDATE product SET archived_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3,
                   device_id = ?4 WHERE id = ?1",
                params![id, archived, stamp.time, stamp.device],
            )?;
            Ok(())
        })?;
        self.get_product(id)
    }
}

pub(crate) fn list(
    conn: &Connection,
    query: &ProductQuery,
    categories: &[category::Category],
) -> Result<Vec<Product>> {
    let mut clauses = vec!["p.deleted_at IS NULL", "v.deleted_at IS NULL"];
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if !query.include_archived {
        clauses.push("p.archived_at IS NULL");
    }
    if let Some(v) = query.vendor_id.as_deref().filter(|v| !v.is_empty()) {
        clauses.push("p.vendor_id = ?");
        args.push(v.to_owned().into());
    }
    if let Some(c) = query.category.as_deref().filter(|c| !c.is_empty()) {
        let slug = category::find(categories, c)
            .map(|c| c.slug.clone())
            .ok_or_else(|| {
                Error::Invalid(vec![FieldError::new(
                    "category",
                    "unknown_category",
                    Text::new(
                        format!("Kategori \"{c}\" tidak dikenal."),
                        format!("Category \"{c}\" is unknown."),
                    ),
                )])
            })?;
        clauses.push("p.category_slug = ?");
        args.push(slug.into());
    }
    if let Some(s) = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let pattern = crate::vendor::search::like_pattern(s);
        clauses.push("(p.name LIKE ? ESCAPE '\\' OR v.business_name LIKE ? ESCAPE '\\')");
        args.push(pattern.clone().into());
        args.push(pattern.into());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM product p JOIN vendor v ON v.id = p.vendor_id
             WHERE {} ORDER BY p.name COLLATE NOCASE, p.id LIMIT 5000",
        clauses.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(&args), from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
