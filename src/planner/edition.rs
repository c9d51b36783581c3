//! Editions: one per Friday, with a theme, a scope, a quota per kecamatan, channels and
//! hashtags, a selection of products, and a state (draft → curated → published).
//!
//! Only products that are curated "ok", of the edition's theme and scope, and ready for every
//! one of its channels can enter; publishing checks them all again and freezes their public
//! snapshot, so later edits never change a published edition.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

use super::calendar::parse_friday;
use super::curation::Verdict;
use super::readiness::{Channel, Facts, Readiness};
use super::snapshot::{PublicItem, public_item};
use super::suggest::{self, Candidate};
use crate::category::Category;
use crate::date::{day_text, long_day};
use crate::error::{Error, FieldError, Result};
use crate::product::{self, Product, ProductQuery};
use crate::region;
use crate::registry::Registry;
use crate::text::Text;
use crate::vendor::today_in_jakarta;

pub const DEFAULT_QUOTA: u32 = 10;
pub const DEFAULT_HASHTAGS: [&str; 3] =
    ["#JumatBeliLokal", "#Jakpreneur", "#BanggaBuatanIndonesia"];
/// Instagram's limit on hashtags in one post.
const MAX_HASHTAGS: usize = 30;

/// An edition as planned; empty fields take their defaults (the rotation's theme, the whole
/// province, 10 per kecamatan, every channel, the programme's hashtags).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EditionPlan {
    pub friday: String,
    pub theme: String,
    /// `province`, `city` or `kecamatan`.
    pub scope_level: String,
    /// The city's or kecamatan's code (or name, for a kecamatan).
    pub scope_code: String,
    pub quota: Option<u32>,
    pub channels: Vec<String>,
    pub hashtags: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditionState {
    Draft,
    Curated,
    Published,
}

impl EditionState {
    fn parse(s: &str) -> EditionState {
        match s {
            "curated" => EditionState::Curated,
            "published" => EditionState::Published,
            _ => EditionState::Draft,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Scope {
    pub level: String,
    pub code: String,
    pub name: String,
}

/// A product in an edition not yet published, as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EditionItem {
    pub product: Product,
    pub position: u32,
    /// `suggested` or `manual`.
    pub source: String,
    /// Why the suggestion chose it.
    pub reason: Option<Text>,
    pub readiness: Readiness,
    /// What keeps it from being published now (empty when it can be).
    pub problems: Vec<Text>,
    pub kecamatan_code: String,
    pub kecamatan_name: String,
    pub last_featured: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KecamatanCount {
    pub code: String,
    pub name: String,
    pub count: u32,
    pub quota: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PublishEntry {
    pub id: String,
    pub channel: String,
    /// `published` (the edition was frozen for it) or `sent` (someone posted or uploaded it).
    pub action: String,
    pub note: Option<String>,
    #[ts(type = "number")]
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Edition {
    pub id: String,
    pub friday: String,
    pub label: Text,
    pub theme: String,
    pub theme_name: Text,
    /// The rotation's theme for the Friday (differs when the instructor chose another).
    pub rotation_theme: Option<String>,
    pub scope: Scope,
    pub quota: u32,
    pub channels: Vec<Channel>,
    pub hashtags: Vec<String>,
    pub state: EditionState,
    #[ts(type = "number | null")]
    pub published_at: Option<i64>,
    /// The selection while not published.
    pub items: Vec<EditionItem>,
    /// The frozen selection once published.
    pub snapshot: Vec<PublicItem>,
    pub counts: Vec<KecamatanCount>,
    pub log: Vec<PublishEntry>,
    /// Things to act on (a vendor withdrew consent after publication, ...).
    pub notices: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EditionListing {
    pub id: String,
    pub friday: String,
    pub label: Text,
    pub theme: String,
    pub state: EditionState,
    pub items: u32,
}

/// A product the suggestion proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SuggestedProduct {
    pub product: Product,
    pub kecamatan_name: String,
    pub reason: Text,
}

/// The stored edition row.
struct Row {
    id: String,
    friday: NaiveDate,
    theme: String,
    scope_level: String,
    scope_code: String,
    quota: u32,
    channels: Vec<Channel>,
    hashtags: Vec<String>,
    state: EditionState,
    published_at: Option<i64>,
}

fn invalid(field: &str, code: &str, id: String, en: String) -> Error {
    Error::Invalid(vec![FieldError::new(field, code, Text::new(id, en))])
}

fn read_row(conn: &Connection, id: &str) -> Result<Row> {
    conn.query_row(
        "SELECT id, friday, theme_slug, scope_level, scope_code, quota, channels, hashtags,
           state, published_at
         FROM edition WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| {
            let friday: String = r.get(1)?;
            let channels: String = r.get(6)?;
            let hashtags: String = r.get(7)?;
            Ok(Row {
                id: r.get(0)?,
                friday: NaiveDate::parse_from_str(&friday, "%Y-%m-%d").unwrap_or_default(),
                theme: r.get(2)?,
                scope_level: r.get(3)?,
                scope_code: r.get(4)?,
                quota: r.get(5)?,
                channels: serde_json::from_str(&channels).unwrap_or_default(),
                hashtags: serde_json::from_str(&hashtags).unwrap_or_default(),
                state: EditionState::parse(&r.get::<_, String>(8)?),
                published_at: r.get(9)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "edition",
        id: id.to_owned(),
    })
}

fn scope_of(level: &str, code: &str) -> Scope {
    let regions = region::jakarta();
    let name = match level {
        "city" => regions.city(code).map(|c| c.name.clone()),
        "kecamatan" => regions
            .kecamatan_by_code(code)
            .map(|k| format!("Kec. {}", k.name)),
        _ => Some(regions.province.display_name.clone()),
    };
    Scope {
        level: level.to_owned(),
        code: code.to_owned(),
        name: name.unwrap_or_else(|| code.to_owned()),
    }
}

fn check_hashtags(raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in raw.iter().flat_map(|t| t.split_whitespace()) {
        let body = tag.trim_start_matches('#');
        if body.is_empty()
            || body.chars().count() > 50
            || !body.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            return Err(invalid(
                "hashtags",
                "invalid_hashtag",
                format!("Tagar \"{tag}\" hanya boleh berisi huruf, angka dan garis bawah."),
                format!("Hashtag \"{tag}\" may hold only letters, digits and underscores."),
            ));
        }
        let tag = format!("#{body}");
        if !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    if out.len() > MAX_HASHTAGS {
        return Err(invalid(
            "hashtags",
            "too_many",
            format!("Paling banyak {MAX_HASHTAGS} tagar (batas Instagram)."),
            format!("At most {MAX_HASHTAGS} hashtags (Instagram's limit)."),
        ));
    }
    Ok(out)
}

/// Facts about earlier published editions: how often and when each vendor and product was
/// featured.
#[derive(Default)]
struct Featured {
    vendor_theme: HashMap<String, u32>,
    vendor_last: HashMap<String, NaiveDate>,
    product_count: HashMap<String, u32>,
    product_last: HashMap<String, NaiveDate>,
}

fn featured(conn: &Connection, theme: &str, except: &str) -> Result<Featured> {
    let mut f = Featured::default();
    let mut stmt = conn.prepare(
        "SELECT s.vendor_id, s.product_id, e.friday, e.theme_slug = ?1
         FROM edition_snapshot s JOIN edition e ON e.id = s.edition_id
         WHERE e.state = 'published' AND e.deleted_at IS NULL AND e.id != ?2",
    )?;
    let rows = stmt.query_map(params![theme, except], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    for row in rows {
        let (vendor, product, friday, same_theme) = row?;
        let Ok(day) = NaiveDate::parse_from_str(&friday, "%Y-%m-%d") else {
            continue;
        };
        if same_theme {
            *f.vendor_theme.entry(vendor.clone()).or_default() += 1;
        }
        let last = f.vendor_last.entry(vendor).or_insert(day);
        *last = (*last).max(day);
        *f.product_count.entry(product.clone()).or_default() += 1;
        let last = f.product_last.entry(product).or_insert(day);
        *last = (*last).max(day);
    }
    Ok(f)
}

fn vendor_places(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt =
        conn.prepare("SELECT id, kecamatan_code FROM vendor WHERE deleted_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn kecamatan_name(code: &str) -> String {
    region::jakarta()
        .kecamatan_by_code(code)
        .map(|k| k.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

/// What keeps a product out of an edition, in plain words (empty when it may enter).
fn problems(
    row: &Row,
    categories: &[Category],
    product: &Product,
    readiness: &Readiness,
    place: Option<&String>,
) -> Vec<Text> {
    let mut out = Vec::new();
    if product.archived {
        out.push(Text::new("Produk diarsipkan.", "The product is archived."));
    }
    if product.category != row.theme {
        let name = |slug: &str| {
            categories
                .iter()
                .find(|c| c.slug == slug)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| Text::new(slug, slug))
        };
        let (have, want) = (name(&product.category), name(&row.theme));
        out.push(Text::new(
            format!("Kategori {}, bukan tema edisi ({}).", have.id, want.id),
            format!(
                "Category {}, not the edition's theme ({}).",
                have.en, want.en
            ),
        ));
    }
    if !place.is_some_and(|p| p.starts_with(&row.scope_code)) {
        let scope = scope_of(&row.scope_level, &row.scope_code);
        out.push(Text::new(
            format!("Di luar wilayah edisi ({}).", scope.name),
            format!("Outside the edition's area ({}).", scope.name),
        ));
    }
    match readiness.curation {
        Some(Verdict::Ok) => {}
        Some(Verdict::Revise) => out.push(Text::new(
            "Kurasi meminta perbaikan.",
            "Curation asked for revision.",
        )),
        None => out.push(Text::new("Belum dikurasi.", "Not curated yet.")),
    }
    for gap in &readiness.gaps {
        let hit: Vec<&str> = gap
            .channels
            .iter()
            .filter(|c| row.channels.contains(c))
            .map(|c| c.name())
            .collect();
        if !hit.is_empty() {
            out.push(Text::new(
                format!("{} ({})", gap.text.id, hit.join(", ")),
                format!("{} ({})", gap.text.en, hit.join(", ")),
            ));
        }
    }
    out
}

fn item_ids(conn: &Connection, edition_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT product_id FROM edition_item WHERE edition_id = ?1 AND deleted_at IS NULL
         ORDER BY position, product_id",
    )?;
    let rows = stmt.query_map([edition_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn refuse_if_published(row: &Row) -> Result<()> {
    if row.state == EditionState::Published {
        return Err(Error::Conflict(Text::new(
            format!(
                "Edisi {} sudah terbit: pilihannya tidak dapat diubah lagi.",
                long_day(row.friday).id
            ),
            format!(
                "The edition of {} is published: its selection can no longer change.",
                long_day(row.friday).en
            ),
        )));
    }
    Ok(())
}

/// Any change to the selection of a curated edition opens it again.
fn touch(tx: &Connection, id: &str, time: i64, device: &str) -> Result<()> {
    tx.execute(
        "UPDATE edition SET state = 'draft', updated_at = ?2, device_id = ?3
         WHERE id = ?1 AND state = 'curated'",
        params![id, time, device],
    )?;
    tx.execute(
        "UPDATE edition SET updated_at = ?2, device_id = ?3 WHERE id = ?1",
        params![id, time, device],
    )?;
    Ok(())
}

impl Registry {
    /// Plans the edition of a Friday, or changes the plan of one not yet published.
    pub fn plan_edition(&self, plan: &EditionPlan) -> Result<Edition> {
        let friday = parse_friday("friday", &plan.friday)?;
        let categories = self.categories()?;
        let rotation_theme = self.theme_of(friday)?;
        let Some(rotation_theme) = rotation_theme else {
            return Err(Error::Conflict(Text::new(
                format!(
                    "{} dilewati (mis. hari libur). Batalkan lewati dulu untuk merencanakan edisi.",
                    long_day(friday).id
                ),
                format!(
                    "{} is skipped (e.g. a public holiday). Un-skip it first to plan an edition.",
                    long_day(friday).en
                ),
            )));
        };
        let theme = match plan.theme.trim() {
            "" => rotation_theme,
            q => crate::category::find(&categories, q)
                .map(|c| c.slug.clone())
                .ok_or_else(|| {
                    invalid(
                        "theme",
                        "unknown_category",
                        format!("Tema \"{q}\" tidak dikenal."),
                        format!("Theme \"{q}\" is unknown."),
                    )
                })?,
        };
        let regions = region::jakarta();
        let (level, code) = match plan.scope_level.trim() {
            "" | "province" | "provinsi" => ("province", regions.province.code.clone()),
            "city" | "kota" => {
                let code = plan.scope_code.trim();
                let city = regions
                    .cities
                    .iter()
                    .find(|c| c.code == code || c.name.eq_ignore_ascii_case(code))
                    .ok_or_else(|| {
                        invalid(
                            "scope_code",
                            "unknown_city",
                            format!("Kota \"{code}\" tidak dikenal."),
                            format!("City \"{code}\" is unknown."),
                        )
                    })?;
                ("city", city.code.clone())
            }
            "kecamatan" => {
                let k = regions.find_kecamatan(&plan.scope_code).ok_or_else(|| {
                    invalid(
                        "scope_code",
                        "unknown_kecamatan",
                        format!("Kecamatan \"{}\" tidak dikenal.", plan.scope_code.trim()),
                        format!("Kecamatan \"{}\" is unknown.", plan.scope_code.trim()),
                    )
                })?;
                ("kecamatan", k.code.clone())
            }
            other => {
                return Err(invalid(
                    "scope_level",
                    "unknown_scope",
                    format!("Cakupan \"{other}\": province, city atau kecamatan."),
                    format!("Scope \"{other}\": province, city or kecamatan."),
                ));
            }
        };
        let quota = plan.quota.unwrap_or(DEFAULT_QUOTA);
        if !(1..=100).contains(&quota) {
            return Err(invalid(
                "quota",
                "out_of_range",
                "Kuota per kecamatan 1–100.".into(),
                "The quota per kecamatan is 1–100.".into(),
            ));
        }
        let mut channels: Vec<Channel> = if plan.channels.is_empty() {
            Channel::ALL.to_vec()
        } else {
            plan.channels
                .iter()
                .map(|c| Channel::parse(c))
                .collect::<Result<_>>()?
        };
        channels.sort();
        channels.dedup();
        let hashtags = if plan.hashtags.is_empty() {
            DEFAULT_HASHTAGS.iter().map(|s| (*s).to_owned()).collect()
        } else {
            check_hashtags(&plan.hashtags)?
        };
        let new_id = self.new_id();
        let id = self.write(|tx, stamp| {
            let existing: Option<(String, String)> = tx
                .query_row(
                    "SELECT id, state FROM edition WHERE friday = ?1 AND deleted_at IS NULL",
                    [day_text(friday)],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if existing
                .as_ref()
                .is_some_and(|(_, state)| state == "published")
            {
                return Err(Error::Conflict(Text::new(
                    format!("Edisi {} sudah terbit.", long_day(friday).id),
                    format!(
                        "The edition of {} is already published.",
                        long_day(friday).en
                    ),
                )));
            }
            // A new plan, or a new plan for the Friday's edition (its selection stays).
            tx.execute(
                "INSERT INTO edition (id, friday, theme_slug, scope_level, scope_code,
                   quota, channels, hashtags, state, created_at, updated_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', ?9, ?9, ?10)
                 ON CONFLICT (friday) WHERE deleted_at IS NULL DO UPDATE SET
                   theme_slug = excluded.theme_slug, scope_level = excluded.scope_level,
                   scope_code = excluded.scope_code, quota = excluded.quota,
                   channels = excluded.channels, hashtags = excluded.hashtags, state = 'draft',
                   updated_at = excluded.updated_at, device_id = excluded.device_id",
                params![
                    new_id,
                    day_text(friday),
                    theme,
                    level,
                    code,
                    quota,
                    json(&channels),
                    json(&hashtags),
                    stamp.time,
                    stamp.device
                ],
            )?;
            Ok(existing.map_or_else(|| new_id.clone(), |(id, _)| id))
        })?;
        self.edition(&id)
    }

    /// The edition of a Friday (`YYYY-MM-DD`).
    pub fn edition_on(&self, friday: &str) -> Result<Edition> {
        let day = parse_friday("friday", friday)?;
        let id: Option<String> = self.read(|c| {
            Ok(c.query_row(
                "SELECT id FROM edition WHERE friday = ?1 AND deleted_at IS NULL",
                [day_text(day)],
                |r| r.get(0),
            )
            .optional()?)
        })?;
        match id {
            Some(id) => self.edition(&id),
            None => Err(Error::NotFound {
                what: "edition",
                id: day_text(day),
            }),
        }
    }

    /// Every edition, the latest Friday first.
    pub fn editions(&self) -> Result<Vec<EditionListing>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT e.id, e.friday, e.theme_slug, e.state,
                   CASE WHEN e.state = 'published'
                     THEN (SELECT count(*) FROM edition_snapshot s WHERE s.edition_id = e.id)
                     ELSE (SELECT count(*) FROM edition_item i WHERE i.edition_id = e.id
                       AND i.deleted_at IS NULL) END
                 FROM edition e WHERE e.deleted_at IS NULL ORDER BY e.friday DESC",
            )?;
            let rows = stmt.query_map([], |r| {
                let friday: String = r.get(1)?;
                let day = NaiveDate::parse_from_str(&friday, "%Y-%m-%d").unwrap_or_default();
                Ok(EditionListing {
                    id: r.get(0)?,
                    label: long_day(day),
                    friday,
                    theme: r.get(2)?,
                    state: EditionState::parse(&r.get::<_, String>(3)?),
                    items: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// An edition with its selection (live while unpublished, frozen once published), counts
    /// per kecamatan against the quota, and its publish log.
    pub fn edition(&self, id: &str) -> Result<Edition> {
        let categories = self.categories()?;
        let rotation_theme = {
            let friday = self.read(|c| read_row(c, id))?.friday;
            self.theme_of(friday)?
        };
        self.read(|c| {
            let row = read_row(c, id)?;
            let places = vendor_places(c)?;
            let featured = featured(c, &row.theme, &row.id)?;
            let mut items = Vec::new();
            let mut snapshot = Vec::new();
            let mut notices = Vec::new();
            let mut tally: Vec<(String, u32)> = Vec::new();
            let mut count = |code: &str| match tally.iter_mut().find(|t| t.0 == code) {
                Some(t) => t.1 += 1,
                None => tally.push((code.to_owned(), 1)),
            };
            if row.state == EditionState::Published {
                let mut stmt = c.prepare(
                    "SELECT data FROM edition_snapshot WHERE edition_id = ?1 ORDER BY position",
                )?;
                for data in stmt.query_map([id], |r| r.get::<_, String>(0))? {
                    let item: PublicItem = serde_json::from_str(&data?)
                        .map_err(|e| Error::Internal(format!("snapshot: {e}")))?;
                    if let Some(code) = places.get(&item.vendor_id) {
                        count(code);
                    }
                    snapshot.push(item);
                }
                let facts = Facts::load(c, today_in_jakarta())?;
                for item in &snapshot {
                    if let Ok(p) = product::get(c, &item.product_id)
                        && facts
                            .readiness(&p)
                            .gaps
                            .iter()
                            .any(|g| g.code == "no_publish_consent")
                    {
                        notices.push(Text::new(
                            format!("{}: persetujuan publikasi sudah ditarik. Turunkan dari kanal yang masih menampilkannya.", item.vendor_name),
                            format!("{}: consent to publish was withdrawn. Take it down where it is still shown.", item.vendor_name),
                        ));
                    }
                }
            } else {
                let facts = Facts::load(c, today_in_jakarta())?;
                let mut stmt = c.prepare(
                    "SELECT product_id, position, source, reason FROM edition_item
                     WHERE edition_id = ?1 AND deleted_at IS NULL ORDER BY position, product_id",
                )?;
                let rows = stmt
                    .query_map([id], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, u32>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, Option<String>>(3)?,
                        ))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                for (pid, position, source, reason) in rows {
                    let Ok(product) = product::get(c, &pid) else {
                        continue;
                    };
                    let readiness = facts.readiness(&product);
                    let place = places.get(&product.vendor_id).cloned().unwrap_or_default();
                    count(&place);
                    items.push(EditionItem {
                        problems: problems(&row, &categories, &product, &readiness, Some(&place)),
                        last_featured: featured.product_last.get(&pid).map(|d| day_text(*d)),
                        kecamatan_name: kecamatan_name(&place),
                        kecamatan_code: place,
                        reason: reason.and_then(|r| serde_json::from_str(&r).ok()),
                        position,
                        source,
                        readiness,
                        product,
                    });
                }
            }
            tally.sort();
            let counts = tally
                .into_iter()
                .map(|(code, count)| KecamatanCount {
                    name: kecamatan_name(&code),
                    code,
                    count,
                    quota: row.quota,
                })
                .collect();
            let mut stmt = c.prepare(
                "SELECT id, channel, action, note, at FROM publish_log WHERE edition_id = ?1
                 ORDER BY at, id",
            )?;
            let log = stmt
                .query_map([id], |r| {
                    Ok(PublishEntry {
                        id: r.get(0)?,
                        channel: r.get(1)?,
                        action: r.get(2)?,
                        note: r.get(3)?,
                        at: r.get(4)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            let theme_name = categories
                .iter()
                .find(|k| k.slug == row.theme)
                .map(|k| k.name.clone())
                .unwrap_or_else(|| Text::new(&row.theme, &row.theme));
            Ok(Edition {
                id: row.id.clone(),
                friday: day_text(row.friday),
                label: long_day(row.friday),
                theme: row.theme.clone(),
                theme_name,
                rotation_theme: rotation_theme.clone(),
                scope: scope_of(&row.scope_level, &row.scope_code),
                quota: row.quota,
                channels: row.channels.clone(),
                hashtags: row.hashtags.clone(),
                state: row.state,
                published_at: row.published_at,
                items,
                snapshot,
                counts,
                log,
                notices,
            })
        })
    }

    /// Candidates for an edition: its theme's products in its scope, curated "ok" and ready
    /// for all its channels, not yet in it.
    fn candidates(&self, c: &Connection, row: &Row) -> Result<Vec<(Candidate, Product)>> {
        let places = vendor_places(c)?;
        let featured = featured(c, &row.theme, &row.id)?;
        let facts = Facts::load(c, today_in_jakarta())?;
        let categories = crate::category::list(c)?;
        let reviewed = super::curation::latest_reviews(c)?
            .into_iter()
            .map(|r| (r.product_id, r.reviewed_on))
            .collect::<HashMap<_, _>>();
        let inside = item_ids(c, &row.id)?;
        let products = product::list(
            c,
            &ProductQuery {
                category: Some(row.theme.clone()),
                ..ProductQuery::default()
            },
            &categories,
        )?;
        let mut out = Vec::new();
        for p in products {
            if inside.contains(&p.id) {
                continue;
            }
            let readiness = facts.readiness(&p);
            let place = places.get(&p.vendor_id);
            if !problems(row, &categories, &p, &readiness, place).is_empty() {
                continue;
            }
            let Some(place) = place else { continue };
            out.push((
                Candidate {
                    product_id: p.id.clone(),
                    vendor_id: p.vendor_id.clone(),
                    kecamatan_code: place.clone(),
                    kecamatan_name: kecamatan_name(place),
                    score: readiness.score,
                    vendor_theme_count: featured
                        .vendor_theme
                        .get(&p.vendor_id)
                        .copied()
                        .unwrap_or(0),
                    vendor_last: featured.vendor_last.get(&p.vendor_id).copied(),
                    product_count: featured.product_count.get(&p.id).copied().unwrap_or(0),
                    product_last: featured.product_last.get(&p.id).copied(),
                    reviewed_on: reviewed.get(&p.id).cloned().unwrap_or_default(),
                },
                p,
            ));
        }
        Ok(out)
    }

    fn suggestion(&self, c: &Connection, row: &Row) -> Result<Vec<(suggest::Pick, Product)>> {
        let candidates = self.candidates(c, row)?;
        let places = vendor_places(c)?;
        let mut taken: HashMap<String, u32> = HashMap::new();
        let mut vendors_in = Vec::new();
        for pid in item_ids(c, &row.id)? {
            if let Ok(p) = product::get(c, &pid) {
                if let Some(place) = places.get(&p.vendor_id) {
                    *taken.entry(place.clone()).or_default() += 1;
                }
                vendors_in.push(p.vendor_id);
            }
        }
        let theme_name = crate::category::list(c)?
            .into_iter()
            .find(|k| k.slug == row.theme)
            .map(|k| k.name)
            .unwrap_or_else(|| Text::new(&row.theme, &row.theme));
        let only: Vec<Candidate> = candidates.iter().map(|(c, _)| c.clone()).collect();
        let picks = suggest::choose(
            &only,
            row.friday,
            &theme_name,
            row.quota,
            &taken,
            &vendors_in,
        );
        let mut products: HashMap<String, Product> = candidates
            .into_iter()
            .map(|(c, p)| (c.product_id, p))
            .collect();
        Ok(picks
            .into_iter()
            .filter_map(|pick| products.remove(&pick.product_id).map(|p| (pick, p)))
            .collect())
    }

    /// What the suggestion proposes to add, and why; nothing is changed.
    pub fn suggest_edition(&self, id: &str) -> Result<Vec<SuggestedProduct>> {
        self.read(|c| {
            let row = read_row(c, id)?;
            refuse_if_published(&row)?;
            Ok(self
                .suggestion(c, &row)?
                .into_iter()
                .map(|(pick, product)| SuggestedProduct {
                    kecamatan_name: kecamatan_name(&pick.kecamatan_code),
                    reason: pick.reason,
                    product,
                })
                .collect())
        })
    }

    /// Adds the suggestion to the selection (hand-picked products stay), after what is there.
    pub fn accept_suggestion(&self, id: &str) -> Result<Edition> {
        self.write(|tx, stamp| {
            let row = read_row(tx, id)?;
            refuse_if_published(&row)?;
            let picks = self.suggestion(tx, &row)?;
            let first = next_position(tx, id)?;
            for (next, (pick, _)) in (first..).zip(picks) {
                let reason = serde_json::to_string(&pick.reason)
                    .map_err(|e| Error::Internal(e.to_string()))?;
                put_item(
                    tx,
                    id,
                    &pick.product_id,
                    next,
                    "suggested",
                    Some(&reason),
                    stamp.time,
                    &stamp.device,
                )?;
            }
            touch(tx, id, stamp.time, &stamp.device)
        })?;
        self.edition(id)
    }

    /// Adds a product by hand; refused, with the reasons, when it may not enter.
    pub fn add_to_edition(&self, id: &str, product_id: &str) -> Result<Edition> {
        let categories = self.categories()?;
        self.write(|tx, stamp| {
            let row = read_row(tx, id)?;
            refuse_if_published(&row)?;
            let product = product::get(tx, product_id)?;
            let facts = Facts::load(tx, today_in_jakarta())?;
            let readiness = facts.readiness(&product);
            let places = vendor_places(tx)?;
            let found = problems(
                &row,
                &categories,
                &product,
                &readiness,
                places.get(&product.vendor_id),
            );
            if !found.is_empty() {
                return Err(Error::Conflict(Text::new(
                    format!(
                        "{} belum dapat masuk edisi: {}",
                        product.name,
                        found
                            .iter()
                            .map(|t| t.id.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    format!(
                        "{} cannot enter the edition yet: {}",
                        product.name,
                        found
                            .iter()
                            .map(|t| t.en.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                )));
            }
            if item_ids(tx, id)?.iter().any(|p| p == product_id) {
                return Ok(());
            }
            let next = next_position(tx, id)?;
            put_item(
                tx,
                id,
                product_id,
                next,
                "manual",
                None,
                stamp.time,
                &stamp.device,
            )?;
            touch(tx, id, stamp.time, &stamp.device)
        })?;
        self.edition(id)
    }

    pub fn remove_from_edition(&self, id: &str, product_id: &str) -> Result<Edition> {
        self.write(|tx, stamp| {
            let row = read_row(tx, id)?;
            refuse_if_published(&row)?;
            tx.execute(
                "UPDATE edition_item SET deleted_at = ?3, updated_at = ?3, device_id = ?4
                 WHERE edition_id = ?1 AND product_id = ?2 AND deleted_at IS NULL",
                params![id, product_id, stamp.time, stamp.device],
            )?;
            touch(tx, id, stamp.time, &stamp.device)
        })?;
        self.edition(id)
    }

    /// Puts the selection in the given order (every product of it, once).
    pub fn reorder_edition(&self, id: &str, product_ids: &[String]) -> Result<Edition> {
        self.write(|tx, stamp| {
            let row = read_row(tx, id)?;
            refuse_if_published(&row)?;
            let mut current = item_ids(tx, id)?;
            let mut wanted = product_ids.to_vec();
            current.sort();
            wanted.sort();
            if current != wanted {
                return Err(Error::Conflict(Text::new(
                    "Pilihan edisi berubah sejak urutan ini dibuat; muat ulang lalu coba lagi.",
                    "The selection changed since this order was made; reload and try again.",
                )));
            }
            for (i, pid) in product_ids.iter().enumerate() {
                tx.execute(
                    "UPDATE edition_item SET position = ?3, updated_at = ?4, device_id = ?5
                     WHERE edition_id = ?1 AND product_id = ?2 AND deleted_at IS NULL",
                    params![id, pid, i as i64 + 1, stamp.time, stamp.device],
                )?;
            }
            touch(tx, id, stamp.time, &stamp.device)
        })?;
        self.edition(id)
    }

    /// Marks the selection as curated (reviewed as a whole); any later change opens it again.
    pub fn mark_curated(&self, id: &str) -> Result<Edition> {
        self.write(|tx, stamp| {
            let row = read_row(tx, id)?;
            refuse_if_published(&row)?;
            if item_ids(tx, id)?.is_empty() {
                return Err(Error::Conflict(Text::new(
                    "Edisi belum berisi produk.",
                    "The edition has no products yet.",
                )));
            }
            tx.execute(
                "UPDATE edition SET state = 'curated', updated_at = ?2, device_id = ?3 WHERE id = ?1",
                params![id, stamp.time, stamp.device],
            )?;
            Ok(())
        })?;
        self.edition(id)
    }

    /// Publishes: checks every product again, freezes their public snapshots and logs the
    /// edition's channels. All or nothing.
    pub fn publish_edition(&self, id: &str) -> Result<Edition> {
        let categories = self.categories()?;
        self.write(|tx, stamp| {
            let row = read_row(tx, id)?;
            refuse_if_published(&row)?;
            let ids = item_ids(tx, id)?;
            if ids.is_empty() {
                return Err(Error::Conflict(Text::new(
                    "Edisi belum berisi produk.",
                    "The edition has no products yet.",
                )));
            }
            let facts = Facts::load(tx, today_in_jakarta())?;
            let places = vendor_places(tx)?;
            let mut blocked = Vec::new();
            for pid in &ids {
                let p = product::get(tx, pid)?;
                let found = problems(&row, &categories, &p, &facts.readiness(&p), places.get(&p.vendor_id));
                if let Some(first) = found.first() {
                    blocked.push((p.name.clone(), first.clone()));
                }
            }
            if !blocked.is_empty() {
                let list = |en: bool| {
                    blocked
                        .iter()
                        .map(|(n, t)| format!("{n}: {}", if en { &t.en } else { &t.id }))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                return Err(Error::Conflict(Text::new(
                    format!("Belum dapat terbit. {}", list(false)),
                    format!("Cannot publish yet. {}", list(true)),
                )));
            }
            for (i, pid) in ids.iter().enumerate() {
                let item = public_item(tx, pid, i as u32 + 1)?;
                let data = serde_json::to_string(&item).map_err(|e| Error::Internal(e.to_string()))?;
                tx.execute(
                    "INSERT INTO edition_snapshot (edition_id, product_id, vendor_id, position, data)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, pid, item.vendor_id, item.position, data],
                )?;
            }
            for channel in &row.channels {
                tx.execute(
                    "INSERT INTO publish_log (id, edition_id, channel, action, at, device_id)
                     VALUES (?1, ?2, ?3, 'published', ?4, ?5)",
                    params![self.new_id(), id, channel.as_str(), stamp.time, stamp.device],
                )?;
            }
            tx.execute(
                "UPDATE edition SET state = 'published', published_at = ?2, updated_at = ?2,
                   device_id = ?3 WHERE id = ?1",
                params![id, stamp.time, stamp.device],
            )?;
            Ok(())
        })?;
        self.edition(id)
    }

    /// Records that a published edition went out on a channel (posted, uploaded, sent).
    pub fn record_sent(&self, id: &str, channel: &str, note: &str) -> Result<Edition> {
        let channel = Channel::parse(channel)?;
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        if note.chars().count() > 500 {
            return Err(invalid(
                "note",
                "too_long",
                "Catatan paling banyak 500 karakter.".into(),
                "The note is at most 500 characters.".into(),
            ));
        }
        self.write(|tx, stamp| {
            let row = read_row(tx, id)?;
            if row.state != EditionState::Published {
                return Err(Error::Conflict(Text::new(
                    "Terbitkan edisi dulu, lalu catat pengirimannya.",
                    "Publish the edition first, then record where it went.",
                )));
            }
            tx.execute(
                "INSERT INTO publish_log (id, edition_id, channel, action, note, at, device_id)
                 VALUES (?1, ?2, ?3, 'sent', ?4, ?5, ?6)",
                params![
                    self.new_id(),
                    id,
                    channel.as_str(),
                    (!note.is_empty()).then_some(&note),
                    stamp.time,
                    stamp.device
                ],
            )?;
            Ok(())
        })?;
        self.edition(id)
    }

    /// Removes an edition not yet published.
    pub fn delete_edition(&self, id: &str) -> Result<()> {
        self.write(|tx, stamp| {
            let row = read_row(tx, id)?;
            refuse_if_published(&row)?;
            tx.execute(
                "UPDATE edition_item SET deleted_at = ?2, updated_at = ?2, device_id = ?3
                 WHERE edition_id = ?1 AND deleted_at IS NULL",
                params![id, stamp.time, stamp.device],
            )?;
            tx.execute(
                "UPDATE edition SET deleted_at = ?2, updated_at = ?2, device_id = ?3 WHERE id = ?1",
                params![id, stamp.time, stamp.device],
            )?;
            Ok(())
        })
    }

    /// The last Friday a product was featured in a published edition.
    pub fn product_last_featured(&self, product_id: &str) -> Result<Option<String>> {
        self.last_featured("s.product_id", product_id)
    }

    /// The last Friday any of a vendor's products was featured.
    pub fn vendor_last_featured(&self, vendor_id: &str) -> Result<Option<String>> {
        self.last_featured("s.vendor_id", vendor_id)
    }

    fn last_featured(&self, column: &str, id: &str) -> Result<Option<String>> {
        self.read(|c| {
            // `column` is one of two constants above, never input.
            Ok(c.query_row(
                &format!(
                    "SELECT max(e.friday) FROM edition_snapshot s JOIN edition e ON e.id = s.edition_id
                     WHERE {column} = ?1 AND e.state = 'published' AND e.deleted_at IS NULL"
                ),
                [id],
                |r| r.get(0),
            )?)
        })
    }
}

fn next_position(tx: &Connection, id: &str) -> Result<u32> {
    Ok(tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM edition_item
         WHERE edition_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?)
}

#[allow(clippy::too_many_arguments)]
fn put_item(
    tx: &Connection,
    edition: &str,
    product: &str,
    position: u32,
    source: &str,
    reason: Option<&str>,
    time: i64,
    device: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO edition_item (edition_id, product_id, position, source, reason, created_at,
           updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
         ON CONFLICT (edition_id, product_id) DO UPDATE SET position = ?3, source = ?4,
           reason = ?5, updated_at = ?6, device_id = ?7, deleted_at = NULL",
        params![edition, product, position, source, reason, time, device],
    )?;
    Ok(())
}

/// JSON of our own plain lists; they always serialise.
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}
