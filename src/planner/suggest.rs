//! The weekly suggestion: which ready, curated products of the theme to feature.
//!
//! The fairness rule: slots are per kecamatan (the quota), so vendors compete with the other
//! vendors of their kecamatan. Within a kecamatan, vendors are taken in order of how often
//! they were featured in this theme (fewest first), then how long ago they were last featured
//! (never, then longest ago), then a per-Friday shuffle. So no vendor of a kecamatan is
//! featured a second time in a theme before every vendor of that kecamatan who was ready was
//! featured once. One product per vendor per edition; of a vendor's products, the one featured
//! least (then longest ago, then the readiest) is taken.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

use crate::date::{long_day, medium_day};
use crate::text::Text;

/// A product that may be suggested, with what the choice weighs.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub product_id: String,
    pub vendor_id: String,
    pub kecamatan_code: String,
    pub kecamatan_name: String,
    pub score: u8,
    /// Published editions of this theme the vendor was featured in.
    pub vendor_theme_count: u32,
    /// The vendor's last featured Friday, any theme.
    pub vendor_last: Option<NaiveDate>,
    pub product_count: u32,
    pub product_last: Option<NaiveDate>,
    pub reviewed_on: String,
}

/// A chosen product and why.
#[derive(Debug, Clone)]
pub struct Pick {
    pub product_id: String,
    pub kecamatan_code: String,
    pub reason: Text,
}

fn shuffle_key(friday: NaiveDate, vendor_id: &str) -> [u8; 32] {
    Sha256::digest(format!("{friday}/{vendor_id}")).into()
}

/// Chooses up to `quota` products per kecamatan, minus the slots `taken` already (hand-picked
/// products), skipping vendors already in the edition. Kecamatan take turns in the order.
pub fn choose(
    candidates: &[Candidate],
    friday: NaiveDate,
    theme_name: &Text,
    quota: u32,
    taken: &HashMap<String, u32>,
    vendors_in: &[String],
) -> Vec<Pick> {
    // Kecamatan → vendor → that vendor's candidates.
    let mut by_place: BTreeMap<&str, HashMap<&str, Vec<&Candidate>>> = BTreeMap::new();
    for c in candidates {
        if vendors_in.contains(&c.vendor_id) {
            continue;
        }
        by_place
            .entry(&c.kecamatan_code)
            .or_default()
            .entry(&c.vendor_id)
            .or_default()
            .push(c);
    }
    let mut queues: Vec<(u32, Vec<&Candidate>)> = Vec::new();
    for (place, vendors) in &by_place {
        let free = quota.saturating_sub(taken.get(*place).copied().unwrap_or(0));
        let mut best: Vec<&Candidate> = vendors
            .values()
            .filter_map(|products| {
                products.iter().copied().min_by(|a, b| {
                    (
                        a.product_count,
                        a.product_last,
                        std::cmp::Reverse(a.score),
                        &a.product_id,
                    )
                        .cmp(&(
                            b.product_count,
                            b.product_last,
                            std::cmp::Reverse(b.score),
                            &b.product_id,
                        ))
                })
            })
            .collect();
        best.sort_by_key(|c| {
            (
                c.vendor_theme_count,
                c.vendor_last,
                shuffle_key(friday, &c.vendor_id),
            )
        });
        best.truncate(free as usize);
        queues.push((taken.get(*place).copied().unwrap_or(0), best));
    }
    // Round robin over the kecamatan so the selection is spread, not grouped.
    let mut picks = Vec::new();
    let longest = queues.iter().map(|q| q.1.len()).max().unwrap_or(0);
    for round in 0..longest {
        for (before, queue) in &queues {
            if let Some(c) = queue.get(round) {
                picks.push(Pick {
                    product_id: c.product_id.clone(),
                    kecamatan_code: c.kecamatan_code.clone(),
                    reason: reason(c, theme_name, before + round as u32 + 1, quota),
                });
            }
        }
    }
    picks
}

fn reason(c: &Candidate, theme: &Text, slot: u32, quota: u32) -> Text {
    let reviewed = NaiveDate::parse_from_str(&c.reviewed_on, "%Y-%m-%d")
        .map(medium_day)
        .unwrap_or_else(|_| Text::new(&c.reviewed_on, &c.reviewed_on));
    let (featured_id, featured_en) = match (c.vendor_theme_count, c.vendor_last) {
        (0, None) => (
            "Pelaku usaha belum pernah tampil".to_owned(),
            "The vendor has never been featured".to_owned(),
        ),
        (0, Some(last)) => (
            format!(
                "Belum pernah tampil di tema {}; terakhir tampil {}",
                theme.id,
                long_day(last).id
            ),
            format!(
                "Never featured in {}; last featured {}",
                theme.en,
                long_day(last).en
            ),
        ),
        (n, last) => {
            let when = last.map(long_day);
            (
                format!(
                    "Tampil {n} kali di tema {}, terakhir {}: paling lama menunggu di kecamatannya",
                    theme.id,
                    when.as_ref().map_or("-", |t| t.id.as_str())
                ),
                format!(
                    "Featured {n} times in {}, last on {}: waited longest in its kecamatan",
                    theme.en,
                    when.as_ref().map_or("-", |t| t.en.as_str())
                ),
            )
        }
    };
    Text::new(
        format!(
            "{featured_id}. Kurasi OK ({}), kesiapan {}%. Slot {slot} dari {quota} Kec. {}.",
            reviewed.id, c.score, c.kecamatan_name
        ),
        format!(
            "{featured_en}. Curated OK ({}), readiness {}%. Slot {slot} of {quota} in {}.",
            reviewed.en, c.score, c.kecamatan_name
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(product: &str, vendor: &str, place: &str, count: u32) -> Candidate {
        Candidate {
            product_id: product.into(),
            vendor_id: vendor.into(),
            kecamatan_code: place.into(),
            kecamatan_name: place.into(),
            score: 100,
            vendor_theme_count: count,
            vendor_last: None,
            product_count: 0,
            product_last: None,
            reviewed_on: "2026-11-01".into(),
        }
    }

    #[test]
    fn quotas_hold_one_product_per_vendor_and_places_take_turns() {
        let friday = NaiveDate::from_ymd_opt(2026, 12, 4).expect("day");
        let all = vec![
            c("p1", "v1", "A", 0),
            c("p2", "v1", "A", 0),
            c("p3", "v2", "A", 1),
            c("p4", "v3", "A", 0),
            c("p5", "v4", "B", 0),
        ];
        let theme = Text::new("Makanan", "Food");
        let picks = choose(&all, friday, &theme, 2, &HashMap::new(), &[]);
        let ids: Vec<&str> = picks.iter().map(|p| p.product_id.as_str()).collect();
        assert_eq!(ids.len(), 3, "{ids:?}");
        assert_eq!(picks[0].kecamatan_code, "A");
        assert_eq!(picks[1].kecamatan_code, "B");
        // v2 was featured before: v1 and v3 come first; v1 once.
        assert!(!ids.contains(&"p3"), "{ids:?}");
        assert!(ids.contains(&"p4"));
        assert_eq!(ids.iter().filter(|i| **i == "p1" || **i == "p2").count(), 1);
        let taken = HashMap::from([("A".to_owned(), 2)]);
        let picks = choose(&all, friday, &theme, 2, &taken, &["v4".to_owned()]);
        assert!(picks.is_empty(), "A is full and B's vendor is in already");
    }
}
