//! Readiness: for every product and every channel, what is still missing before it can be
//! published there, in plain words, and a score.
//!
//! The rules come from domain.md §5 and §7: a price; a publishing consent; a cover photo big
//! enough for the channel; consent for photos showing people; a P-IRT or BPOM number for
//! packaged food (unless exempt); a halal certificate when halal is claimed; the channel's
//! name length; what marketplaces require (description, weight, stock). Computed for many
//! products at once with one query per kind of fact, so lists can sort by it.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

use super::curation::{self, FOOD, Verdict};
use crate::date::day_text;
use crate::error::{Error, FieldError, Result};
use crate::money::format_rupiah;
use crate::product::{MARKETPLACE_NAME, Product, ProductQuery};
use crate::registry::Registry;
use crate::text::Text;
use crate::vendor::today_in_jakarta;

/// Where a Friday edition goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The PDF catalogue and the web page.
    Catalogue,
    Instagram,
    Whatsapp,
    /// Tokopedia, now run as TikTok Shop by Tokopedia: one upload serves both.
    Tokopedia,
    Shopee,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Catalogue,
        Channel::Instagram,
        Channel::Whatsapp,
        Channel::Tokopedia,
        Channel::Shopee,
    ];
    const MARKETPLACES: [Channel; 2] = [Channel::Tokopedia, Channel::Shopee];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Catalogue => "catalogue",
            Channel::Instagram => "instagram",
            Channel::Whatsapp => "whatsapp",
            Channel::Tokopedia => "tokopedia",
            Channel::Shopee => "shopee",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Channel::Catalogue => "Katalog",
            Channel::Instagram => "Instagram",
            Channel::Whatsapp => "WhatsApp",
            Channel::Tokopedia => "Tokopedia/TikTok Shop",
            Channel::Shopee => "Shopee",
        }
    }

    pub fn parse(s: &str) -> Result<Channel> {
        let folded: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Channel::ALL
            .into_iter()
            .find(|c| {
                c.as_str() == folded
                    || (folded == "katalog" && *c == Channel::Catalogue)
                    || (folded == "wa" && *c == Channel::Whatsapp)
                    || (folded == "tiktokshop" && *c == Channel::Tokopedia)
            })
            .ok_or_else(|| {
                Error::Invalid(vec![FieldError::new(
                    "channels",
                    "unknown_channel",
                    Text::new(
                        format!("Kanal \"{s}\" tidak dikenal: catalogue, instagram, whatsapp, tokopedia atau shopee."),
                        format!("Channel \"{s}\" is unknown: catalogue, instagram, whatsapp, tokopedia or shopee."),
                    ),
                )])
            })
    }

    /// The shortest side of a cover the channel accepts (domain.md §5, §7.2).
    fn min_cover_side(self) -> u32 {
        match self {
            Channel::Catalogue | Channel::Tokopedia => 600,
            Channel::Instagram => 1080,
            Channel::Whatsapp | Channel::Shopee => 500,
        }
    }

    /// Shopee's name limit on the Indonesian site.
    fn max_name(self) -> Option<usize> {
        match self {
            Channel::Tokopedia => Some(MARKETPLACE_NAME),
            Channel::Shopee => Some(100),
            _ => None,
        }
    }
}

/// Something missing, and the channels it keeps the product from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Gap {
    pub code: String,
    pub text: Text,
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Readiness {
    pub product_id: String,
    /// Per cent of the checks passed over all channels.
    pub score: u8,
    pub gaps: Vec<Gap>,
    /// The channels with nothing missing.
    pub ready: Vec<Channel>,
    /// The newest curation verdict, if reviewed.
    pub curation: Option<Verdict>,
}

impl Readiness {
    /// Nothing missing for any of `channels`.
    pub fn ready_for(&self, channels: &[Channel]) -> bool {
        channels.iter().all(|c| self.ready.contains(c))
    }
}

/// The facts readiness looks at, for many products at once.
pub(crate) struct Facts {
    consents: HashSet<(String, String)>,
    /// Legality document id → (kind, still valid).
    documents: HashMap<String, (String, bool)>,
    /// Product id → photos in order: (shortest side of the original, shows a person).
    photos: HashMap<String, Vec<(u32, bool)>>,
    verdicts: HashMap<String, Verdict>,
}

impl Facts {
    pub(crate) fn load(conn: &Connection, today: NaiveDate) -> Result<Facts> {
        let mut consents = HashSet::new();
        let mut stmt = conn.prepare(
            "SELECT DISTINCT vendor_id, purpose FROM consent
             WHERE withdrawn_at IS NULL AND deleted_at IS NULL",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            consents.insert(row?);
        }
        let mut documents = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT id, kind, valid_until IS NULL OR valid_until >= ?1 FROM legality
             WHERE deleted_at IS NULL",
        )?;
        for row in stmt.query_map([day_text(today)], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
        })? {
            let (id, v) = row?;
            documents.insert(id, v);
        }
        let mut photos: HashMap<String, Vec<(u32, bool)>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT f.product_id, min(b.original_width, b.original_height), f.shows_person
             FROM product_photo f JOIN photo_blob b ON b.hash = f.blob_hash
             WHERE f.deleted_at IS NULL ORDER BY f.product_id, f.position, f.id",
        )?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })? {
            let (p, side, person) = row?;
            photos.entry(p).or_default().push((side, person));
        }
        let verdicts = curation::latest_reviews(conn)?
            .into_iter()
            .map(|r| (r.product_id, r.verdict))
            .collect();
        Ok(Facts {
            consents,
            documents,
            photos,
            verdicts,
        })
    }

    fn consent(&self, vendor_id: &str, purpose: &str) -> bool {
        self.consents
            .contains(&(vendor_id.to_owned(), purpose.to_owned()))
    }

    fn has_document(&self, p: &Product, kinds: &[&str]) -> bool {
        p.legality_ids.iter().any(|id| {
            self.documents
                .get(id)
                .is_some_and(|(kind, valid)| *valid && kinds.contains(&kind.as_str()))
        })
    }

    /// Judges one product.
    pub(crate) fn readiness(&self, p: &Product) -> Readiness {
        let all = Channel::ALL.to_vec();
        let mut checks: Vec<(Vec<Channel>, Option<Found>)> = Vec::new();
        let mut check = |on: Vec<Channel>, gap: Option<(&str, Text, Vec<Channel>)>| {
            checks.push((on, gap.map(|(c, t, ch)| (c.to_owned(), t, ch))));
        };
        check(
            all.clone(),
            (p.price_rp < 100).then(|| {
                (
                    "no_price",
                    Text::new(
                        format!("Belum ada harga (paling sedikit {}).", format_rupiah(100)),
                        format!("No price yet (at least {}).", format_rupiah(100)),
                    ),
                    all.clone(),
                )
            }),
        );
        check(
            all.clone(),
            (!self.consent(&p.vendor_id, "publish")).then(|| {
                (
                    "no_publish_consent",
                    Text::new(
                        "Belum ada persetujuan pemilik untuk dipublikasikan.",
                        "No consent from the owner to publish.",
                    ),
                    all.clone(),
                )
            }),
        );
        let photos = self.photos.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
        match photos.first() {
            None => check(
                all.clone(),
                Some((
                    "no_cover",
                    Text::new("Belum ada foto sampul.", "No cover photo yet."),
                    all.clone(),
                )),
            ),
            Some((side, _)) => {
                // One gap per size the cover misses, naming the largest size needed.
                let short: Vec<Channel> = all
                    .iter()
                    .copied()
                    .filter(|c| *side < c.min_cover_side())
                    .collect();
                let need = short.iter().map(|c| c.min_cover_side()).min().unwrap_or(0);
                check(
                    all.clone(),
                    (!short.is_empty()).then(|| {
                        (
                            "small_cover",
                            Text::new(
                                format!("Tidak ada foto sampul paling sedikit {need} px (sekarang {side} px)."),
                                format!("No cover photo of at least {need} px (now {side} px)."),
                            ),
                            short,
                        )
                    }),
                );
            }
        }
        check(
            all.clone(),
            (photos.iter().any(|(_, person)| *person)
                && !self.consent(&p.vendor_id, "people_photos"))
            .then(|| {
                (
                    "person_without_consent",
                    Text::new(
                        "Ada foto yang menampilkan orang tanpa persetujuan foto orang.",
                        "A photo shows a person without consent for photos of people.",
                    ),
                    all.clone(),
                )
            }),
        );
        if p.category == FOOD && p.permit_exempt.is_none() {
            check(
                all.clone(),
                (!self.has_document(p, &["pirt", "bpom"])).then(|| {
                    (
                        "no_food_permit",
                        Text::new(
                            "Pangan olahan kemasan tanpa nomor P-IRT atau BPOM yang berlaku.",
                            "Packaged food without a valid P-IRT or BPOM number.",
                        ),
                        all.clone(),
                    )
                }),
            );
        }
        if p.halal_claim {
            check(
                all.clone(),
                (!self.has_document(p, &["halal"])).then(|| {
                    (
                        "halal_without_certificate",
                        Text::new(
                            "Mengaku halal tanpa nomor sertifikat halal.",
                            "Claims halal without a halal certificate number.",
                        ),
                        all.clone(),
                    )
                }),
            );
        }
        let length = p.name.chars().count();
        for channel in Channel::MARKETPLACES {
            if let Some(max) = channel.max_name() {
                check(
                    vec![channel],
                    (length > max).then(|| {
                        (
                            "name_too_long",
                            Text::new(
                                format!("Nama terlalu panjang untuk {} ({length} karakter, paling banyak {max}).", channel.name()),
                                format!("Name too long for {} ({length} characters, at most {max}).", channel.name()),
                            ),
                            vec![channel],
                        )
                    }),
                );
            }
        }
        let markets = Channel::MARKETPLACES.to_vec();
        let missing = |absent: bool, code: &'static str, id: &str, en: &str| {
            absent.then(|| (code, Text::new(id, en), markets.clone()))
        };
        check(
            markets.clone(),
            missing(
                p.description.is_none(),
                "no_description",
                "Belum ada deskripsi (wajib di marketplace).",
                "No description (marketplaces require one).",
            ),
        );
        check(
            markets.clone(),
            missing(
                p.weight_g.is_none(),
                "no_weight",
                "Belum ada berat (gram) untuk ongkos kirim.",
                "No weight (grams) for shipping.",
            ),
        );
        check(
            markets.clone(),
            missing(
                p.stock.is_none_or(|s| s < 1),
                "no_stock",
                "Stok kosong atau belum diisi.",
                "Stock is empty or not filled in.",
            ),
        );
        let total: usize = checks.iter().map(|(on, _)| on.len()).sum();
        let failed: usize = checks
            .iter()
            .filter_map(|(_, g)| g.as_ref().map(|(_, _, ch)| ch.len()))
            .sum();
        let gaps: Vec<Gap> = checks
            .into_iter()
            .filter_map(|(_, g)| g)
            .map(|(code, text, channels)| Gap {
                code,
                text,
                channels,
            })
            .collect();
        let ready = Channel::ALL
            .into_iter()
            .filter(|c| gaps.iter().all(|g| !g.channels.contains(c)))
            .collect();
        Readiness {
            product_id: p.id.clone(),
            score: (100 * (total - failed) / total.max(1)) as u8,
            gaps,
            ready,
            curation: self.verdicts.get(&p.id).copied(),
        }
    }
}

/// A check that failed: its code, what to say, the channels it keeps the product from.
type Found = (String, Text, Vec<Channel>);

/// How a product list is ordered and narrowed by readiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessFilter {
    #[default]
    All,
    /// Ready for every channel.
    Ready,
    /// Something missing somewhere.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProductReadiness {
    pub product: Product,
    pub readiness: Readiness,
}

impl Registry {
    /// One product's readiness.
    pub fn readiness(&self, product_id: &str) -> Result<Readiness> {
        let product = self.get_product(product_id)?;
        let facts = self.read(|c| Facts::load(c, today_in_jakarta()))?;
        Ok(facts.readiness(&product))
    }

    /// Products with their readiness, narrowed and, with `by_score`, least ready first.
    pub fn products_with_readiness(
        &self,
        query: &ProductQuery,
        filter: ReadinessFilter,
        by_score: bool,
    ) -> Result<Vec<ProductReadiness>> {
        let products = self.list_products(query)?;
        let facts = self.read(|c| Facts::load(c, today_in_jakarta()))?;
        let mut out: Vec<ProductReadiness> = products
            .into_iter()
            .map(|product| ProductReadiness {
                readiness: facts.readiness(&product),
                product,
            })
            .filter(|p| match filter {
                ReadinessFilter::All => true,
                ReadinessFilter::Ready => p.readiness.gaps.is_empty(),
                ReadinessFilter::Missing => !p.readiness.gaps.is_empty(),
            })
            .collect();
        if by_score {
            out.sort_by_key(|p| p.readiness.score);
        }
        Ok(out)
    }
}
