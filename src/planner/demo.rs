//! The planner's part of the demo registry: permits linked to the demo products, curators'
//! reviews (a few asking for revision) and a published past edition, so the planner is alive
//! on first start.

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use super::calendar::previous_friday;
use super::curation::{Criteria, Mark, ReviewDraft};
use super::edition::EditionPlan;
use crate::date::day_text;
use crate::error::Result;
use crate::product::ProductQuery;
use crate::registry::Registry;

/// What a curator asks of a product of each category: the criterion and the note.
fn revision(category: &str) -> (&'static str, &'static str) {
    match category {
        "makanan-minuman" => (
            "packaging",
            "Kemasan belum mencantumkan tanggal kedaluwarsa dan berat bersih.",
        ),
        "fesyen-kerajinan" => (
            "quality",
            "Jahitan tepi belum rapi; kirim contoh baru untuk dinilai ulang.",
        ),
        _ => (
            "photo",
            "Foto sampul kurang terang; ulangi di dekat jendela dengan latar polos.",
        ),
    }
}

impl Registry {
    /// Links permits, records reviews and publishes the last Friday's edition. Run after
    /// [`Registry::fill_demo_photos`]; `today` is Jakarta's date.
    pub fn fill_demo_planner(&self, today: NaiveDate) -> Result<()> {
        // Food carries the vendor's valid P-IRT or BPOM number; without one, every other
        // product is a ready-to-eat dish (exempt) and the rest show the missing permit.
        self.write(|tx, stamp| {
            tx.execute(
                "UPDATE product SET legality_ids = coalesce((
                     SELECT json_group_array(l.id) FROM legality l
                     WHERE l.vendor_id = product.vendor_id AND l.deleted_at IS NULL
                       AND l.kind IN ('pirt', 'bpom', 'halal')
                       AND (l.valid_until IS NULL OR l.valid_until >= ?1)
                     HAVING count(*) > 0), '[]'),
                   halal_claim = EXISTS (SELECT 1 FROM legality l
                     WHERE l.vendor_id = product.vendor_id AND l.kind = 'halal'
                       AND l.deleted_at IS NULL),
                   updated_at = ?2, device_id = ?3
                 WHERE deleted_at IS NULL",
                params![day_text(today), stamp.time, stamp.device],
            )?;
            tx.execute(
                "UPDATE product SET permit_exempt = 'ready_to_eat'
                 WHERE category_slug = 'makanan-minuman' AND legality_ids = '[]'
                   AND rowid % 2 = 0",
                [],
            )?;
            Ok(())
        })?;
        let products = self.list_products(&ProductQuery::default())?;
        for (i, p) in products.iter().filter(|p| p.photo_count > 0).enumerate() {
            let food = p.category == super::curation::FOOD;
            let judged = if food { Mark::Ok } else { Mark::Na };
            let mut criteria = Criteria {
                legality: Mark::Ok,
                quality: Mark::Ok,
                packaging: Mark::Ok,
                taste: judged,
                hygiene: judged,
                photo: Mark::Ok,
            };
            let mut notes = String::new();
            if i % 7 == 3 {
                let (criterion, note) = revision(&p.category);
                match criterion {
                    "photo" => criteria.photo = Mark::Revise,
                    "packaging" => criteria.packaging = Mark::Revise,
                    _ => criteria.quality = Mark::Revise,
                }
                notes = note.to_owned();
            }
            self.review_product(
                &p.id,
                &ReviewDraft {
                    criteria,
                    notes,
                    reviewer: "Ratna Sari".into(),
                    reviewed_on: day_text(today - Duration::days(3 + (i % 5) as i64)),
                },
            )?;
        }
        // The latest past Friday whose theme has products ready, published.
        let last = previous_friday(today - Duration::days(1));
        for back in 0..8 {
            let friday = last - Duration::days(7 * back);
            let Some(_) = self.theme_of(friday)? else {
                continue;
            };
            let edition = self.plan_edition(&EditionPlan {
                friday: day_text(friday),
                quota: Some(2),
                ..EditionPlan::default()
            })?;
            let edition = self.accept_suggestion(&edition.id)?;
            if edition.items.len() >= 2 {
                self.mark_curated(&edition.id)?;
                self.publish_edition(&edition.id)?;
                break;
            }
            self.delete_edition(&edition.id)?;
        }
        Ok(())
    }
}
