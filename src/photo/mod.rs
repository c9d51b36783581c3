//! Product photos: imported through the pipeline, stored in SQLite once per content, ordered
//! per product (the first is the cover), framed for 1:1, 4:5 and 9:16, and served to the window
//! by opaque id only.

pub mod import;
pub mod protocol;
pub mod readiness;

pub use etalase_pipeline::{pipeline, quality};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::registry::{Registry, Stamp};
use crate::text::Text;
use quality::{
    BLURRY_BELOW, DARK_BELOW, NO_COVER_BELOW, SAME_PICTURE_WITHIN, SMALL_BELOW, distance,
};

/// A rectangle in the master's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// The framings a photo is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    /// 1:1, marketplaces and the Instagram feed.
    Square,
    /// 4:5, Instagram portrait.
    Portrait,
    /// 9:16, stories and WhatsApp status.
    Story,
}

impl Frame {
    pub const ALL: [Frame; 3] = [Frame::Square, Frame::Portrait, Frame::Story];

    fn column(self) -> &'static str {
        match self {
            Frame::Square => "crop_1x1",
            Frame::Portrait => "crop_4x5",
            Frame::Story => "crop_9x16",
        }
    }

    /// Width : height.
    pub fn ratio(self) -> (u32, u32) {
        match self {
            Frame::Square => (1, 1),
            Frame::Portrait => (4, 5),
            Frame::Story => (9, 16),
        }
    }

    pub fn parse(s: &str) -> Result<Frame> {
        match s {
            "1x1" | "square" => Ok(Frame::Square),
            "4x5" | "portrait" => Ok(Frame::Portrait),
            "9x16" | "story" => Ok(Frame::Story),
            _ => Err(Error::Invalid(vec![crate::error::FieldError::new(
                "frame",
                "unknown_frame",
                Text::new("Bingkai: 1x1, 4x5 atau 9x16.", "Frame: 1x1, 4x5 or 9x16."),
            )])),
        }
    }

    /// The largest rectangle of this ratio in a `w`×`h` picture, centred.
    pub fn centred(self, w: u32, h: u32) -> Crop {
        let (rw, rh) = self.ratio();
        let (cw, ch) = if u64::from(w) * u64::from(rh) > u64::from(h) * u64::from(rw) {
            (h * rw / rh, h)
        } else {
            (w, w * rh / rw)
        };
        Crop {
            x: (w - cw) / 2,
            y: (h - ch) / 2,
            w: cw,
            h: ch,
        }
    }
}

/// A flag on a photo, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PhotoFlag {
    /// `small`, `too_small_for_cover`, `dark`, `blurry`, `same_as_other_vendor`.
    pub code: String,
    pub text: Text,
}

/// A photo of a product.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Photo {
    pub id: String,
    pub product_id: String,
    /// SHA-256 of the original file.
    pub hash: String,
    pub position: u32,
    pub cover: bool,
    /// The master's size.
    pub width: u32,
    pub height: u32,
    /// The original's size, which the size rules judge.
    pub original_width: u32,
    pub original_height: u32,
    pub source_format: String,
    #[ts(type = "number")]
    pub master_bytes: i64,
    pub crops: Vec<FrameCrop>,
    pub flags: Vec<PhotoFlag>,
    /// Marked by staff: the picture shows a person (publishing it needs their consent).
    pub shows_person: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct FrameCrop {
    pub frame: Frame,
    pub crop: Crop,
    /// False while the centred default is used.
    pub chosen: bool,
}

fn flag(code: &str, id: String, en: String) -> PhotoFlag {
    PhotoFlag {
        code: code.to_owned(),
        text: Text::new(id, en),
    }
}

const PHOTO_COLUMNS: &str = "f.id, f.product_id, f.blob_hash, f.position, b.width, b.height,
    b.original_width, b.original_height, b.source_format, length(b.master), f.crop_1x1,
    f.crop_4x5, f.crop_9x16, b.brightness, b.sharpness, b.phash, f.shows_person";

struct PhotoRow {
    photo: Photo,
    brightness: f64,
    sharpness: f64,
    phash: i64,
}

fn photo_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PhotoRow> {
    let (w, h): (u32, u32) = (r.get(4)?, r.get(5)?);
    let crops = Frame::ALL
        .iter()
        .enumerate()
        .map(|(i, frame)| {
            let stored: Option<String> = r.get(10 + i).ok().flatten();
            match stored.and_then(|s| serde_json::from_str::<Crop>(&s).ok()) {
                Some(crop) => FrameCrop {
                    frame: *frame,
                    crop,
                    chosen: true,
                },
                None => FrameCrop {
                    frame: *frame,
                    crop: frame.centred(w, h),
                    chosen: false,
                },
            }
        })
        .collect();
    Ok(PhotoRow {
        photo: Photo {
            id: r.get(0)?,
            product_id: r.get(1)?,
            hash: r.get(2)?,
            position: r.get(3)?,
            cover: false,
            width: w,
            height: h,
            original_width: r.get(6)?,
            original_height: r.get(7)?,
            source_format: r.get(8)?,
            master_bytes: r.get(9)?,
            crops,
            flags: Vec::new(),
            shows_person: r.get(16)?,
        },
        brightness: r.get(13)?,
        sharpness: r.get(14)?,
        phash: r.get(15)?,
    })
}

/// The flags of one photo; `others` are (vendor id, hash, phash) of other vendors' photos.
fn flags_of(row: &PhotoRow, cover: bool, same_picture_elsewhere: Option<&str>) -> Vec<PhotoFlag> {
    let p = &row.photo;
    let short = p.original_width.min(p.original_height);
    let mut out = Vec::new();
    if short < NO_COVER_BELOW {
        out.push(flag(
            "too_small_for_cover",
            format!("Terlalu kecil ({}×{}): di bawah {NO_COVER_BELOW} piksel tidak dapat menjadi sampul.", p.original_width, p.original_height),
            format!("Too small ({}×{}): under {NO_COVER_BELOW} pixels it cannot be the cover.", p.original_width, p.original_height),
        ));
    } else if short < SMALL_BELOW {
        out.push(flag(
            "small",
            format!(
                "Kecil ({}×{}): marketplace meminta paling sedikit {SMALL_BELOW}×{SMALL_BELOW}.",
                p.original_width, p.original_height
            ),
            format!(
                "Small ({}×{}): marketplaces ask for at least {SMALL_BELOW}×{SMALL_BELOW}.",
                p.original_width, p.original_height
            ),
        ));
    }
    if row.brightness < f64::from(DARK_BELOW) {
        out.push(flag("dark", "Terlalu gelap.".into(), "Too dark.".into()));
    }
    if row.sharpness < f64::from(BLURRY_BELOW) {
        out.push(flag(
            "blurry",
            "Tampak buram.".into(),
            "Looks blurred.".into(),
        ));
    }
    if let Some(vendor) = same_picture_elsewhere {
        out.push(flag(
            "same_as_other_vendor",
            format!("Foto yang sama dipakai pelaku usaha lain ({vendor}): mungkin foto stok atau salinan."),
            format!("The same picture is used by another vendor ({vendor}): perhaps a stock photo or a copy."),
        ));
    }
    let _ = cover;
    out
}

/// A product's photos, in order, with their flags.
fn photos_of(conn: &Connection, product_id: &str) -> Result<Vec<Photo>> {
    let vendor_id: String = conn
        .query_row(
            "SELECT vendor_id FROM product WHERE id = ?1",
            [product_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "product",
            id: product_id.to_owned(),
        })?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {PHOTO_COLUMNS} FROM product_photo f JOIN photo_blob b ON b.hash = f.blob_hash
         WHERE f.product_id = ?1 AND f.deleted_at IS NULL ORDER BY f.position, f.id"
    ))?;
    let rows: Vec<PhotoRow> = stmt
        .query_map([product_id], photo_from_row)?
        .collect::<Result<_, _>>()?;
    // Other vendors' pictures, to catch the same picture used twice.
    let mut others = conn.prepare(
        "SELECT b.phash, v.business_name FROM product_photo f
         JOIN photo_blob b ON b.hash = f.blob_hash
         JOIN product p ON p.id = f.product_id
         JOIN vendor v ON v.id = p.vendor_id
         WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL AND v.deleted_at IS NULL
           AND p.vendor_id <> ?1",
    )?;
    let elsewhere: Vec<(i64, String)> = others
        .query_map([&vendor_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let same = elsewhere
                .iter()
                .find(|(h, _)| distance(*h as u64, row.phash as u64) <= SAME_PICTURE_WITHIN)
                .map(|(_, v)| v.as_str());
            let flags = flags_of(&row, i == 0, same);
            Photo {
                cover: i == 0,
                flags,
                ..row.photo
            }
        })
        .collect())
}

/// What storing one processed file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// A new photo on the product.
    Added(String),
    /// The product already had this picture (the same file): nothing changed.
    AlreadyThere(String),
}

/// Stores a photo for a product inside the caller's transaction: the pixels once per content
/// hash (`processed` is `None` when the registry already holds them), the link at the end of
/// the product's order.
pub(crate) fn store(
    tx: &Connection,
    stamp: &Stamp,
    photo_id: &str,
    product_id: &str,
    hash: &str,
    processed: Option<&pipeline::Processed>,
) -> Result<Stored> {
    if let Some(existing) = tx
        .query_row(
            "SELECT id FROM product_photo WHERE product_id = ?1 AND blob_hash = ?2 AND deleted_at IS NULL",
            params![product_id, hash],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    {
        return Ok(Stored::AlreadyThere(existing));
    }
    if let Some(p) = processed {
        tx.execute(
            "INSERT INTO photo_blob (hash, master, thumb, width, height, original_width,
               original_height, source_format, brightness, sharpness, phash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (hash) DO NOTHING",
            params![
                hash,
                p.master,
                p.thumb,
                p.width,
                p.height,
                p.original_width,
                p.original_height,
                p.source_format,
                f64::from(p.quality.brightness),
                f64::from(p.quality.sharpness),
                p.quality.hash as i64,
                stamp.time
            ],
        )?;
    }
    let next: u32 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM product_photo WHERE product_id = ?1 AND deleted_at IS NULL",
        [product_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO product_photo (id, product_id, blob_hash, position, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![photo_id, product_id, hash, next, stamp.time, stamp.device],
    )?;
    Ok(Stored::Added(photo_id.to_owned()))
}

/// Which stored image of a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    Master,
    Thumb,
}

impl Registry {
    pub fn photos(&self, product_id: &str) -> Result<Vec<Photo>> {
        self.read(|c| photos_of(c, product_id))
    }

    /// One photo without its flags (they need every other vendor's pictures): what framing
    /// and rendering read.
    fn photo(&self, photo_id: &str) -> Result<Photo> {
        self.read(|c| {
            c.query_row(
                &format!(
                    "SELECT {PHOTO_COLUMNS} FROM product_photo f JOIN photo_blob b ON b.hash = f.blob_hash
                     WHERE f.id = ?1 AND f.deleted_at IS NULL"
                ),
                [photo_id],
                photo_from_row,
            )
            .optional()?
            .map(|row| row.photo)
            .ok_or_else(|| Error::NotFound {
                what: "photo",
                id: photo_id.to_owned(),
            })
        })
    }

    fn photo_product(&self, photo_id: &str) -> Result<String> {
        self.read(|c| {
            c.query_row(
                "SELECT product_id FROM product_photo WHERE id = ?1 AND deleted_at IS NULL",
                [photo_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "photo",
                id: photo_id.to_owned(),
            })
        })
    }

    /// The stored JPEG of a photo.
    pub fn photo_bytes(&self, photo_id: &str, variant: Variant) -> Result<Vec<u8>> {
        let column = match variant {
            Variant::Master => "master",
            Variant::Thumb => "thumb",
        };
        self.read(|c| {
            c.query_row(
                &format!(
                    "SELECT b.{column} FROM product_photo f JOIN photo_blob b ON b.hash = f.blob_hash
                     WHERE f.id = ?1 AND f.deleted_at IS NULL"
                ),
                [photo_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "photo", id: photo_id.to_owned() })
        })
    }

    /// Makes a photo its product's cover (first in order); the others keep their order.
    pub fn set_cover(&self, photo_id: &str) -> Result<Vec<Photo>> {
        let product = self.photo_product(photo_id)?;
        self.write(|tx, stamp| {
            let min: i64 = tx.query_row(
                "SELECT coalesce(min(position), 0) FROM product_photo WHERE product_id = ?1 AND deleted_at IS NULL",
                [&product],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE product_photo SET position = ?2, updated_at = ?3, device_id = ?4 WHERE id = ?1",
                params![photo_id, min - 1, stamp.time, stamp.device],
            )?;
            // Positions stay small and non-negative.
            tx.execute(
                "UPDATE product_photo SET position = position - ?2 WHERE product_id = ?1 AND deleted_at IS NULL",
                params![product, min - 1],
            )?;
            Ok(())
        })?;
        self.photos(&product)
    }

    /// Takes a photo off its product (a tombstone); pixels no product uses any more are
    /// removed with it.
    pub fn remove_photo(&self, photo_id: &str) -> Result<Vec<Photo>> {
        let product = self.photo_product(photo_id)?;
        self.write(|tx, stamp| {
            tx.execute(
                "UPDATE product_photo SET deleted_at = ?2, updated_at = ?2, device_id = ?3 WHERE id = ?1",
                params![photo_id, stamp.time, stamp.device],
            )?;
            delete_unused_blobs(tx)
        })?;
        self.photos(&product)
    }

    /// Sets (or, with `None`, resets to centred) a photo's framing for one frame. The
    /// rectangle must have the frame's ratio (±1 px) and lie inside the master.
    pub fn set_crop(&self, photo_id: &str, frame: Frame, crop: Option<Crop>) -> Result<Vec<Photo>> {
        let photo = self.photo(photo_id)?;
        let product = photo.product_id.clone();
        if let Some(c) = crop {
            let (rw, rh) = frame.ratio();
            let inside =
                c.w > 0 && c.h > 0 && c.x + c.w <= photo.width && c.y + c.h <= photo.height;
            let ratio_ok = (i64::from(c.w) * i64::from(rh) - i64::from(c.h) * i64::from(rw)).abs()
                <= i64::from(rw.max(rh));
            if !inside || !ratio_ok {
                return Err(Error::Invalid(vec![crate::error::FieldError::new(
                    "crop",
                    "invalid_crop",
                    Text::new(
                        format!(
                            "Bingkai harus di dalam foto ({}×{}) dengan perbandingan {rw}:{rh}.",
                            photo.width, photo.height
                        ),
                        format!(
                            "The frame must lie inside the photo ({}×{}) with a {rw}:{rh} ratio.",
                            photo.width, photo.height
                        ),
                    ),
                )]));
            }
        }
        let json = crop.map(|c| serde_json::to_string(&c).unwrap_or_default());
        self.write(|tx, stamp| {
            tx.execute(
                &format!(
                    "UPDATE product_photo SET {} = ?2, updated_at = ?3, device_id = ?4 WHERE id = ?1",
                    frame.column()
                ),
                params![photo_id, json, stamp.time, stamp.device],
            )?;
            Ok(())
        })?;
        self.photos(&product)
    }

    /// Marks whether a photo shows a person.
    pub fn set_shows_person(&self, photo_id: &str, shows: bool) -> Result<Vec<Photo>> {
        let product = self.photo_product(photo_id)?;
        self.write(|tx, stamp| {
            tx.execute(
                "UPDATE product_photo SET shows_person = ?2, updated_at = ?3, device_id = ?4 WHERE id = ?1",
                params![photo_id, shows, stamp.time, stamp.device],
            )?;
            Ok(())
        })?;
        self.photos(&product)
    }

    /// A photo rendered in one of its frames, as JPEG, from the master.
    pub fn framed_photo(&self, photo_id: &str, frame: Frame, long_edge: u32) -> Result<Vec<u8>> {
        let photo = self.photo(photo_id)?;
        let crop = photo
            .crops
            .iter()
            .find(|c| c.frame == frame)
            .map(|c| c.crop)
            .unwrap_or_else(|| frame.centred(photo.width, photo.height));
        let master = self.photo_bytes(photo_id, Variant::Master)?;
        let (rw, rh) = frame.ratio();
        let size = if rh >= rw {
            (long_edge * rw / rh, long_edge)
        } else {
            (long_edge, long_edge * rh / rw)
        };
        pipeline::render_frame(&master, (crop.x, crop.y, crop.w, crop.h), size, 88)
            .map_err(|r| Error::Internal(r.reason.en))
    }
}

/// Removes pixels no live photo refers to (after a removal or an erasure).
pub(crate) fn delete_unused_blobs(tx: &Connection) -> Result<()> {
    tx.execute(
        "DELETE FROM photo_blob WHERE hash NOT IN
           (SELECT blob_hash FROM product_photo WHERE deleted_at IS NULL)
         AND hash NOT IN (SELECT p.value ->> '$.hash' FROM edition_snapshot s,
           json_each(s.data, '$.photos') p)",
        [],
    )?;
    Ok(())
}
