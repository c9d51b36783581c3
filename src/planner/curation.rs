//! Curation: a curator's review of a product against the programme's criteria (legality,
//! quality, packaging, taste and hygiene for food, the photo). The newest review is the
//! product's state; one that asks for revision puts the product in the revision queue of the
//! laptop that registered it, and a later review that passes takes it out.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::{day_text, parse_day};
use crate::error::{Error, FieldError, Result};
use crate::registry::Registry;
use crate::text::Text;
use crate::vendor::today_in_jakarta;

pub const FOOD: &str = "makanan-minuman";

/// A criterion's mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Ok,
    Revise,
    /// Does not apply (taste of a batik cloth).
    #[default]
    Na,
}

impl Mark {
    fn as_str(self) -> &'static str {
        match self {
            Mark::Ok => "ok",
            Mark::Revise => "revise",
            Mark::Na => "na",
        }
    }

    fn from_str(s: &str) -> Mark {
        match s {
            "ok" => Mark::Ok,
            "revise" => Mark::Revise,
            _ => Mark::Na,
        }
    }
}

/// The criteria, in the order curators go through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Criteria {
    pub legality: Mark,
    pub quality: Mark,
    pub packaging: Mark,
    pub taste: Mark,
    pub hygiene: Mark,
    pub photo: Mark,
}

impl Criteria {
    fn marks(&self) -> [(&'static str, Mark); 6] {
        [
            ("legality", self.legality),
            ("quality", self.quality),
            ("packaging", self.packaging),
            ("taste", self.taste),
            ("hygiene", self.hygiene),
            ("photo", self.photo),
        ]
    }

    /// Passing at least one criterion and failing none.
    pub fn verdict(&self) -> Verdict {
        if self.marks().iter().any(|(_, m)| *m == Mark::Revise) {
            Verdict::Revise
        } else {
            Verdict::Ok
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    Revise,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReviewDraft {
    pub criteria: Criteria,
    /// What to fix, in words the vendor understands; required when asking for revision.
    pub notes: String,
    pub reviewer: String,
    /// Empty for today (Jakarta).
    pub reviewed_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Review {
    pub id: String,
    pub product_id: String,
    pub criteria: Criteria,
    pub verdict: Verdict,
    pub notes: Option<String>,
    pub reviewer: String,
    pub reviewed_on: String,
    #[ts(type = "number")]
    pub created_at: i64,
}

/// Where a product stands with the curators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Curation {
    pub product_id: String,
    /// The newest review, if any.
    pub latest: Option<Review>,
    /// Whether the product was edited after its newest review (ready to be looked at again).
    pub edited_since: bool,
}

/// A product waiting for its vendor's revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QueueItem {
    pub product_id: String,
    pub product_name: String,
    pub vendor_id: String,
    pub vendor_name: String,
    pub cover_photo: Option<String>,
    pub review: Review,
    pub edited_since: bool,
    /// Registered on this laptop.
    pub registered_here: bool,
}

const REVIEW_COLUMNS: &str = "r.id, r.product_id, r.legality, r.quality, r.packaging, r.taste,
    r.hygiene, r.photo, r.verdict, r.notes, r.reviewer, r.reviewed_on, r.created_at";

fn review_from_row(r: &Row<'_>) -> rusqlite::Result<Review> {
    let m = |i: usize| -> rusqlite::Result<Mark> { Ok(Mark::from_str(&r.get::<_, String>(i)?)) };
    Ok(Review {
        id: r.get(0)?,
        product_id: r.get(1)?,
        criteria: Criteria {
            legality: m(2)?,
            quality: m(3)?,
            packaging: m(4)?,
            taste: m(5)?,
            hygiene: m(6)?,
            photo: m(7)?,
        },
        verdict: if r.get::<_, String>(8)? == "ok" {
            Verdict::Ok
        } else {
            Verdict::Revise
        },
        notes: r.get(9)?,
        reviewer: r.get(10)?,
        reviewed_on: r.get(11)?,
        created_at: r.get(12)?,
    })
}

/// The newest review of every product that has one, keyed by product.
pub(crate) fn latest_reviews(conn: &Connection) -> Result<Vec<Review>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {REVIEW_COLUMNS} FROM curation_review r
         WHERE r.deleted_at IS NULL AND r.id = (SELECT r2.id FROM curation_review r2
           WHERE r2.product_id = r.product_id AND r2.deleted_at IS NULL
           ORDER BY r2.created_at DESC, r2.id DESC LIMIT 1)"
    ))?;
    let rows = stmt.query_map([], review_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn latest_review(conn: &Connection, product_id: &str) -> Result<Option<Review>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {REVIEW_COLUMNS} FROM curation_review r
                 WHERE r.product_id = ?1 AND r.deleted_at IS NULL
                 ORDER BY r.created_at DESC, r.id DESC LIMIT 1"
            ),
            [product_id],
            review_from_row,
        )
        .optional()?)
}

fn invalid(field: &str, code: &str, id: &str, en: &str) -> FieldError {
    FieldError::new(field, code, Text::new(id, en))
}

impl Registry {
    /// Records a curator's review of a product.
    pub fn review_product(&self, product_id: &str, draft: &ReviewDraft) -> Result<Review> {
        let product = self.get_product(product_id)?;
        let mut errors = Vec::new();
        let reviewer = draft
            .reviewer
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if reviewer.is_empty()
            || reviewer.chars().count() > 120
            || reviewer.chars().any(char::is_control)
        {
            errors.push(invalid(
                "reviewer",
                "required",
                "Nama kurator wajib diisi (paling banyak 120 karakter).",
                "The curator's name is required (at most 120 characters).",
            ));
        }
        let notes = draft.notes.trim().to_owned();
        if notes.chars().count() > 2000 || notes.chars().any(|c| c.is_control() && c != '\n') {
            errors.push(invalid(
                "notes",
                "too_long",
                "Catatan paling banyak 2000 karakter, tanpa karakter tersembunyi.",
                "Notes are at most 2000 characters, without hidden characters.",
            ));
        }
        let c = draft.criteria;
        if c.marks().iter().all(|(_, m)| *m == Mark::Na) {
            errors.push(invalid(
                "criteria",
                "nothing_judged",
                "Nilai paling sedikit satu kriteria.",
                "Judge at least one criterion.",
            ));
        }
        if product.category == FOOD && (c.taste == Mark::Na || c.hygiene == Mark::Na) {
            errors.push(invalid(
                "criteria",
                "food_needs_taste_and_hygiene",
                "Produk makanan dan minuman dinilai juga rasa dan kebersihannya.",
                "Food and drink are judged on taste and hygiene too.",
            ));
        }
        if c.verdict() == Verdict::Revise && notes.is_empty() {
            errors.push(invalid(
                "notes",
                "required",
                "Tulis apa yang perlu diperbaiki, agar petugas dapat menyampaikannya.",
                "Write what needs fixing, so the staff can pass it on.",
            ));
        }
        let on = match parse_day("reviewed_on", &draft.reviewed_on) {
            Ok(d) => d.unwrap_or_else(today_in_jakarta),
            Err(e) => {
                errors.push(e);
                today_in_jakarta()
            }
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let id = self.new_id();
        self.write(|tx, stamp| {
            tx.execute(
                "INSERT INTO curation_review (id, product_id, legality, quality, packaging, taste,
                   hygiene, photo, verdict, notes, reviewer, reviewed_on, created_at, updated_at,
                   device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
                params![
                    id,
                    product_id,
                    c.legality.as_str(),
                    c.quality.as_str(),
                    c.packaging.as_str(),
                    c.taste.as_str(),
                    c.hygiene.as_str(),
                    c.photo.as_str(),
                    if c.verdict() == Verdict::Ok {
                        "ok"
                    } else {
                        "revise"
                    },
                    (!notes.is_empty()).then_some(&notes),
                    reviewer,
                    day_text(on),
                    stamp.time,
                    stamp.device
                ],
            )?;
            Ok(())
        })?;
        self.read(|c| latest_review(c, product_id))?
            .ok_or_else(|| Error::Internal("review not stored".into()))
    }

    /// A product's curation: its newest review and whether it changed since.
    pub fn curation(&self, product_id: &str) -> Result<Curation> {
        self.get_product(product_id)?;
        self.read(|c| {
            let latest = latest_review(c, product_id)?;
            let updated: i64 = c.query_row(
                "SELECT updated_at FROM product WHERE id = ?1",
                [product_id],
                |r| r.get(0),
            )?;
            Ok(Curation {
                product_id: product_id.to_owned(),
                edited_since: latest.as_ref().is_some_and(|r| updated > r.created_at),
                latest,
            })
        })
    }

    /// Every review of a product, newest first.
    pub fn reviews(&self, product_id: &str) -> Result<Vec<Review>> {
        self.get_product(product_id)?;
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {REVIEW_COLUMNS} FROM curation_review r
                 WHERE r.product_id = ?1 AND r.deleted_at IS NULL
                 ORDER BY r.created_at DESC, r.id DESC"
            ))?;
            let rows = stmt.query_map([product_id], review_from_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Products whose newest review asks for revision; with `here_only`, those registered on
    /// this laptop. Oldest requests first.
    pub fn revision_queue(&self, here_only: bool) -> Result<Vec<QueueItem>> {
        let device = self.device_id().to_owned();
        self.read(|c| {
            let reviews = latest_reviews(c)?;
            let mut stmt = c.prepare(
                "SELECT p.name, p.vendor_id, v.business_name, p.updated_at,
                   coalesce(p.created_device, p.device_id),
                   (SELECT f.id FROM product_photo f WHERE f.product_id = p.id
                      AND f.deleted_at IS NULL ORDER BY f.position, f.id LIMIT 1)
                 FROM product p JOIN vendor v ON v.id = p.vendor_id
                 WHERE p.id = ?1 AND p.deleted_at IS NULL AND p.archived_at IS NULL
                   AND v.deleted_at IS NULL",
            )?;
            let mut out = Vec::new();
            for review in reviews.into_iter().filter(|r| r.verdict == Verdict::Revise) {
                let row = stmt
                    .query_row([&review.product_id], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, Option<String>>(5)?,
                        ))
                    })
                    .optional()?;
                let Some((name, vendor_id, vendor_name, updated, registered_by, cover)) = row
                else {
                    continue;
                };
                let registered_here = registered_by == device;
                if here_only && !registered_here {
                    continue;
                }
                out.push(QueueItem {
                    product_id: review.product_id.clone(),
                    product_name: name,
                    vendor_id,
                    vendor_name,
                    cover_photo: cover,
                    edited_since: updated > review.created_at,
                    registered_here,
                    review,
                });
            }
            out.sort_by(|a, b| {
                (&a.review.reviewed_on, a.review.created_at)
                    .cmp(&(&b.review.reviewed_on, b.review.created_at))
            });
            Ok(out)
        })
    }
}
