//! What a published edition shows of each product: public fields only.
//!
//! These types are the only way product data reaches a public output. They have no field for
//! the owner's NIK, home address, personal phone or e-mail, birth date, capital or sales, so
//! no template or export can print one by mistake. The contact is the owner's chosen public
//! contact, and only while the contact consent is in force; photos showing a person only
//! with consent for photos of people.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::photo::{Crop, Frame};
use crate::product::{self, Variant};
use crate::region;

/// A permit number printed in the catalogue (P-IRT, BPOM, halal, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublicPermit {
    pub kind: String,
    pub number: String,
}

/// A photo as framed at publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublicPhoto {
    pub id: String,
    /// The stored picture's content hash (kept while a snapshot refers to it).
    pub hash: String,
    pub width: u32,
    pub height: u32,
    pub square: Crop,
    pub portrait: Crop,
    pub story: Crop,
}

/// One product of a published edition, frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublicItem {
    pub product_id: String,
    pub vendor_id: String,
    pub position: u32,
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
    pub condition: String,
    pub sku: Option<String>,
    pub variants: Vec<Variant>,
    #[ts(type = "number | null")]
    pub preorder_days: Option<i64>,
    pub vendor_name: String,
    pub brand: Option<String>,
    pub kecamatan: String,
    pub city: String,
    pub permits: Vec<PublicPermit>,
    /// The owner's chosen public contact, only with the contact consent.
    pub contact: Option<String>,
    /// The business's online shop (public business information, published with the item).
    /// Snapshots frozen before it existed read as none.
    #[serde(default)]
    pub shop_link: Option<String>,
    pub photos: Vec<PublicPhoto>,
}

fn has_consent(conn: &Connection, vendor_id: &str, purpose: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM consent WHERE vendor_id = ?1 AND purpose = ?2
           AND withdrawn_at IS NULL AND deleted_at IS NULL)",
        params![vendor_id, purpose],
        |r| r.get(0),
    )?)
}

/// Builds the public item of a product as it is now.
pub(crate) fn public_item(
    conn: &Connection,
    product_id: &str,
    position: u32,
) -> Result<PublicItem> {
    let p = product::get(conn, product_id)?;
    // Only the public columns are read from the vendor.
    type PublicColumns = (Option<String>, String, Option<String>, Option<String>);
    let (brand, kecamatan_code, public_contact, shop_link): PublicColumns = conn.query_row(
        "SELECT brand, kecamatan_code, public_contact, shop_link FROM vendor WHERE id = ?1",
        [&p.vendor_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let regions = region::jakarta();
    let kecamatan = regions.kecamatan_by_code(&kecamatan_code);
    let city = kecamatan
        .and_then(|k| regions.city(&k.city_code))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let mut permits = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT kind, number FROM legality WHERE id = ?1 AND vendor_id = ?2
               AND deleted_at IS NULL",
        )?;
        for id in &p.legality_ids {
            let found = stmt
                .query_map(params![id, p.vendor_id], |r| {
                    Ok(PublicPermit {
                        kind: r.get(0)?,
                        number: r.get(1)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            permits.extend(found);
        }
    }
    let people = has_consent(conn, &p.vendor_id, "people_photos")?;
    let contact = if has_consent(conn, &p.vendor_id, "contact")? {
        public_contact
    } else {
        None
    };
    let mut stmt = conn.prepare(
        "SELECT f.id, f.blob_hash, b.width, b.height, f.crop_1x1, f.crop_4x5, f.crop_9x16,
           f.shows_person
         FROM product_photo f JOIN photo_blob b ON b.hash = f.blob_hash
         WHERE f.product_id = ?1 AND f.deleted_at IS NULL ORDER BY f.position, f.id",
    )?;
    let photos = stmt
        .query_map([product_id], |r| {
            let (w, h): (u32, u32) = (r.get(2)?, r.get(3)?);
            let crop = |i: usize, frame: Frame| -> rusqlite::Result<Crop> {
                Ok(r.get::<_, Option<String>>(i)?
                    .and_then(|j| serde_json::from_str(&j).ok())
                    .unwrap_or_else(|| frame.centred(w, h)))
            };
            Ok((
                PublicPhoto {
                    id: r.get(0)?,
                    hash: r.get(1)?,
                    width: w,
                    height: h,
                    square: crop(4, Frame::Square)?,
                    portrait: crop(5, Frame::Portrait)?,
                    story: crop(6, Frame::Story)?,
                },
                r.get::<_, bool>(7)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|(_, person)| people || !person)
        .map(|(photo, _)| photo)
        .collect();
    Ok(PublicItem {
        product_id: p.id,
        vendor_id: p.vendor_id,
        position,
        name: p.name,
        description: p.description,
        description_en: p.description_en,
        category: p.category,
        subcategory: p.subcategory,
        price_rp: p.price_rp,
        stock: p.stock,
        min_order: p.min_order,
        weight_g: p.weight_g,
        condition: p.condition,
        sku: p.sku,
        variants: p.variants,
        preorder_days: p.preorder_days,
        vendor_name: p.vendor_name,
        brand,
        kecamatan: kecamatan.map(|k| k.name.clone()).unwrap_or_default(),
        city,
        permits,
        contact,
        shop_link,
        photos,
    })
}
