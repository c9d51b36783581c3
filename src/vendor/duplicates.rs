//! Possible duplicates, caught before a vendor is saved (and reported across the registry).
//!
//! Two records are likely the same business when they share a mobile number, or when their
//! business names are nearly the same in the same kecamatan once legal-form words (CV, UD, PT),
//! shop words (Toko, Warung), case, punctuation, spacing and the old Indonesian spelling
//! (Djaja, Tjahaja, Soerabaja) are set aside.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use super::{ValidVendor, Vendor};
use crate::error::Result;
use crate::registry::Registry;
use crate::text::Text;

/// Names at least this similar (0–1) in the same kecamatan are flagged.
pub const NAME_THRESHOLD: f64 = 0.82;

/// Words that say what kind of business it is, not which one.
const GENERIC_WORDS: &[&str] = &[
    "cv", "ud", "pt", "tbk", "persero", "koperasi", "kop", "toko", "tk", "warung", "warteg",
    "kedai", "usaha", "dagang", "home", "industri", "industry",
];

/// Why a vendor looks like another.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicateReason {
    /// `same_nib`, `same_nik`, `same_phone` or `similar_name`.
    pub code: String,
    pub text: Text,
}

/// An existing vendor that may be the one being registered.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicateCandidate {
    pub vendor: Vendor,
    /// 0–1: how alike the business names are after normalising.
    pub name_score: f64,
    pub reasons: Vec<DuplicateReason>,
}

/// A likely duplicate pair in the whole registry.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicatePair {
    pub first: Vendor,
    pub second: Vendor,
    pub name_score: f64,
    pub reasons: Vec<DuplicateReason>,
}

/// Converts one word from the pre-1972 spelling when it carries its marks (dj, tj, oe, nj, sj):
/// "djaja" → "jaya", "tjahaja" → "cahaya", "soerabaja" → "surabaya". Modern words are left as
/// they are, so "jaya" stays "jaya".
fn modern_spelling(word: &str) -> String {
    let old = ["dj", "tj", "oe", "nj", "sj"]
        .iter()
        .any(|m| word.contains(m));
    if !old {
        return word.to_owned();
    }
    // In the old spelling a lone "j" is today's "y"; mark the real j's first.
    word.replace("dj", "\u{1}")
        .replace("tj", "c")
        .replace("oe", "u")
        .replace("nj", "ny")
        .replace("sj", "sy")
        .replace('j', "y")
        .replace('\u{1}', "j")
}

/// The comparable core of a business name.
pub fn normalise_name(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<String> = folded
        .split_whitespace()
        .filter(|w| !GENERIC_WORDS.contains(w))
        .map(modern_spelling)
        .collect();
    if words.is_empty() {
        // A name made only of generic words ("Toko") is still compared as itself.
        return folded.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    words.join(" ")
}

/// A normalised name prepared for comparison: its letters without spaces, and its sorted
/// letter pairs with their counts.
struct Grams {
    compact: String,
    pairs: Vec<(u64, u32)>,
    total: u32,
}

impl Grams {
    fn of(normalised: &str) -> Grams {
        let chars: Vec<char> = normalised.chars().filter(|c| !c.is_whitespace()).collect();
        let mut keys: Vec<u64> = chars
            .windows(2)
            .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
            .collect();
        keys.sort_unstable();
        let mut pairs: Vec<(u64, u32)> = Vec::with_capacity(keys.len());
        for k in keys {
            match pairs.last_mut() {
                Some((last, n)) if *last == k => *n += 1,
                _ => pairs.push((k, 1)),
            }
        }
        Grams {
            compact: chars.into_iter().collect(),
            total: pairs.iter().map(|p| p.1).sum(),
            pairs,
        }
    }

    /// Sørensen–Dice similarity of the letter pairs, 0–1 (1 = the same).
    fn similarity(&self, other: &Grams) -> f64 {
        if self.compact == other.compact {
            return 1.0;
        }
        let total = self.total + other.total;
        if total == 0 {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0u32);
        while i < self.pairs.len() && j < other.pairs.len() {
            let (a, b) = (self.pairs[i], other.pairs[j]);
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += a.1.min(b.1);
                    i += 1;
                    j += 1;
                }
            }
        }
        f64::from(2 * shared) / f64::from(total)
    }

    /// Whether the sizes alone rule out reaching `threshold` (Dice can be at most
    /// 2·min/(a+b)), so most pairs are skipped without comparing.
    fn cannot_reach(&self, other: &Grams, threshold: f64) -> bool {
        let (a, b) = (f64::from(self.total), f64::from(other.total));
        a + b > 0.0 && 2.0 * a.min(b) / (a + b) < threshold && self.compact != other.compact
    }
}

/// Sørensen–Dice similarity of two names' letter pairs after normalising, 0–1 (1 = the same).
pub fn name_similarity(a: &str, b: &str) -> f64 {
    similarity_of_normalised(&normalise_name(a), &normalise_name(b))
}

fn similarity_of_normalised(na: &str, nb: &str) -> f64 {
    Grams::of(na).similarity(&Grams::of(nb))
}

fn same_phone(phone: &str) -> DuplicateReason {
    DuplicateReason {
        code: "same_phone".into(),
        text: Text::new(
            format!("Nomor HP sama ({phone})"),
            format!("Same mobile number ({phone})"),
        ),
    }
}

fn same_nib() -> DuplicateReason {
    DuplicateReason {
        code: "same_nib".into(),
        text: Text::new("NIB sama", "Same NIB"),
    }
}

fn same_nik() -> DuplicateReason {
    DuplicateReason {
        code: "same_nik".into(),
        text: Text::new("NIK pemilik sama", "Same owner NIK"),
    }
}

fn similar_name(score: f64) -> DuplicateReason {
    let pct = (score * 100.0).round();
    DuplicateReason {
        code: "similar_name".into(),
        text: Text::new(
            format!("Nama usaha mirip ({pct}%) di kecamatan yang sama"),
            format!("Similar business name ({pct}%) in the same kecamatan"),
        ),
    }
}

/// What an entry of a [`DuplicateIndex`] shares with the vendor looked up.
pub(crate) struct IndexMatch {
    /// The key the entry was added under (a vendor id, or whatever the caller chose).
    pub key: String,
    pub name_score: f64,
    pub reasons: Vec<DuplicateReason>,
}

impl IndexMatch {
    /// Whether this is surely the same business, not just a look-alike: the same NIB, or the
    /// same phone or owner NIK under a similar name.
    pub fn same_business(&self) -> bool {
        let has = |code: &str| self.reasons.iter().any(|r| r.code == code);
        has("same_nib")
            || ((has("same_phone") || has("same_nik")) && self.name_score >= NAME_THRESHOLD)
    }
}

struct IndexEntry {
    key: String,
    kecamatan: String,
    phone: String,
    nib: Option<String>,
    nik: Option<String>,
    grams: Grams,
}

/// The registry's vendors held in memory for checking many rows at once (a spreadsheet
/// import): lookups by NIB, NIK and phone, and names compared within a kecamatan only.
#[derive(Default)]
pub(crate) struct DuplicateIndex {
    entries: Vec<IndexEntry>,
    by_key: HashMap<String, Vec<usize>>,
}

impl DuplicateIndex {
    /// Every undeleted vendor, archived ones included, keyed by id.
    pub fn load(conn: &rusqlite::Connection) -> Result<DuplicateIndex> {
        let mut index = DuplicateIndex::default();
        let mut stmt = conn.prepare(
            "SELECT id, business_name, phone, kecamatan_code, nib, owner_nik FROM vendor
             WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            index.push(IndexEntry {
                key: r.get(0)?,
                grams: Grams::of(&normalise_name(&r.get::<_, String>(1)?)),
                phone: r.get(2)?,
                kecamatan: r.get(3)?,
                nib: r.get(4)?,
                nik: r.get(5)?,
            });
        }
        Ok(index)
    }

    pub fn add(&mut self, key: String, v: &ValidVendor) {
        self.push(IndexEntry {
            key,
            kecamatan: v.kecamatan_code.clone(),
            phone: v.phone.clone(),
            nib: v.nib.clone(),
            nik: v.nik.clone(),
            grams: Grams::of(&normalise_name(&v.name)),
        });
    }

    fn push(&mut self, e: IndexEntry) {
        let i = self.entries.len();
        let mut keys = vec![format!("p:{}", e.phone), format!("k:{}", e.kecamatan)];
        keys.extend(e.nib.iter().map(|n| format!("b:{n}")));
        keys.extend(e.nik.iter().map(|n| format!("n:{n}")));
        for k in keys {
            self.by_key.entry(k).or_default().push(i);
        }
        self.entries.push(e);
    }

    /// Entries that may be `v`, surest first.
    pub fn matches(&self, v: &ValidVendor) -> Vec<IndexMatch> {
        let wanted = Grams::of(&normalise_name(&v.name));
        let mut lookups = vec![format!("p:{}", v.phone), format!("k:{}", v.kecamatan_code)];
        lookups.extend(v.nib.iter().map(|n| format!("b:{n}")));
        lookups.extend(v.nik.iter().map(|n| format!("n:{n}")));
        let mut seen: Vec<usize> = lookups
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let mut out: Vec<IndexMatch> = seen
            .into_iter()
            .filter_map(|i| {
                let e = &self.entries[i];
                let same_kecamatan = e.kecamatan == v.kecamatan_code;
                let shares_id = e.phone == v.phone
                    || (v.nib.is_some() && e.nib == v.nib)
                    || (v.nik.is_some() && e.nik == v.nik);
                // Most entries of a kecamatan are ruled out by their sizes alone.
                if !shares_id && (!same_kecamatan || wanted.cannot_reach(&e.grams, NAME_THRESHOLD))
                {
                    return None;
                }
                let score = wanted.similarity(&e.grams);
                let mut reasons = Vec::new();
                if v.nib.is_some() && e.nib == v.nib {
                    reasons.push(same_nib());
                }
                if v.nik.is_some() && e.nik == v.nik {
                    reasons.push(same_nik());
                }
                if e.phone == v.phone {
                    reasons.push(same_phone(&e.phone));
                }
                if same_kecamatan && score >= NAME_THRESHOLD {
                    reasons.push(similar_name(score));
                }
                (!reasons.is_empty()).then(|| IndexMatch {
                    key: e.key.clone(),
                    name_score: score,
                    reasons,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.same_business()
                .cmp(&a.same_business())
                .then(b.reasons.len().cmp(&a.reasons.len()))
                .then(b.name_score.total_cmp(&a.name_score))
        });
        out
    }
}

impl Registry {
    /// Existing vendors (archived ones included) that may be the vendor about to be saved,
    /// most alike first. `except` leaves out the vendor being edited.
    pub(crate) fn duplicates_of(
        &self,
        v: &ValidVendor,
        except: Option<&str>,
    ) -> Result<Vec<DuplicateCandidate>> {
        let wanted = Grams::of(&normalise_name(&v.name));
        // (id, whether its owner's NIK is the new one's), so the NIK is read only here.
        let ids: Vec<(String, bool)> = self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, business_name, phone, nib, owner_nik FROM vendor
                 WHERE deleted_at IS NULL
                   AND (phone = ?1 OR kecamatan_code = ?2 OR nib = ?3 OR owner_nik = ?4)",
            )?;
            let rows = stmt.query_map(params![v.phone, v.kecamatan_code, v.nib, v.nik], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?;
            let mut ids = Vec::new();
            for row in rows {
                let (id, name, phone, nib, nik) = row?;
                let alike = phone == v.phone
                    || (nib.is_some() && nib == v.nib)
                    || (nik.is_some() && nik == v.nik)
                    || wanted.similarity(&Grams::of(&normalise_name(&name))) >= NAME_THRESHOLD;
                if alike && Some(id.as_str()) != except {
                    ids.push((id, nik.is_some() && nik == v.nik));
                }
            }
            Ok(ids)
        })?;
        let mut out = Vec::with_capacity(ids.len());
        for (id, nik_matches) in ids {
            let vendor = self.get_vendor(&id)?;
            let score = wanted.similarity(&Grams::of(&normalise_name(&vendor.name)));
            let mut reasons = Vec::new();
            if v.nib.is_some() && vendor.nib == v.nib {
                reasons.push(same_nib());
            }
            if nik_matches {
                reasons.push(same_nik());
            }
            if vendor.phone == v.phone {
                reasons.push(same_phone(&vendor.phone));
            }
            if vendor.kecamatan_code == v.kecamatan_code && score >= NAME_THRESHOLD {
                reasons.push(similar_name(score));
            }
            out.push(DuplicateCandidate {
                vendor,
                name_score: score,
                reasons,
            });
        }
        out.sort_by(|a, b| {
            b.reasons
                .len()
                .cmp(&a.reasons.len())
                .then(b.name_score.total_cmp(&a.name_score))
        });
        Ok(out)
    }

    /// Likely duplicate pairs across the whole registry: shared mobile numbers, and nearly the
    /// same business name within a kecamatan.
    pub fn duplicate_report(&self) -> Result<Vec<DuplicatePair>> {
        struct Row {
            id: String,
            phone: String,
            nib: Option<String>,
            nik: Option<String>,
            kecamatan: String,
            grams: Grams,
        }
        let rows: Vec<Row> = self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, business_name, phone, kecamatan_code, nib, owner_nik FROM vendor
                 WHERE deleted_at IS NULL ORDER BY kecamatan_code, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    grams: Grams::of(&normalise_name(&r.get::<_, String>(1)?)),
                    phone: r.get(2)?,
                    kecamatan: r.get(3)?,
                    nib: r.get(4)?,
                    nik: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })?;
        let mut pairs: HashMap<(usize, usize), (f64, Vec<DuplicateReason>)> = HashMap::new();
        // Shared identifiers, registry-wide: NIB, the owner's NIK, the mobile number.
        type KeyOf = fn(&Row) -> Option<&str>;
        type ReasonOf = fn(&str) -> DuplicateReason;
        let keys: [(KeyOf, ReasonOf); 3] = [
            (|r| r.nib.as_deref(), |_| same_nib()),
            (|r| r.nik.as_deref(), |_| same_nik()),
            (|r| Some(r.phone.as_str()), same_phone),
        ];
        for (key, reason) in keys {
            let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, r) in rows.iter().enumerate() {
                if let Some(k) = key(r) {
                    groups.entry(k).or_default().push(i);
                }
            }
            for (k, group) in groups.iter().filter(|(_, g)| g.len() > 1) {
                for (a, &i) in group.iter().enumerate() {
                    for &j in &group[a + 1..] {
                        let score = rows[i].grams.similarity(&rows[j].grams);
                        pairs
                            .entry((i, j))
                            .or_insert((score, Vec::new()))
                            .1
                            .push(reason(k));
                    }
                }
            }
        }
        // Similar names, within each kecamatan (rows are sorted by kecamatan).
        let mut start = 0;
        while start < rows.len() {
            let end = rows[start..]
                .iter()
                .position(|r| r.kecamatan != rows[start].kecamatan)
                .map_or(rows.len(), |n| start + n);
            for i in start..end {
                for j in i + 1..end {
                    if rows[i].grams.cannot_reach(&rows[j].grams, NAME_THRESHOLD) {
                        continue;
                    }
                    let score = rows[i].grams.similarity(&rows[j].grams);
                    if score >= NAME_THRESHOLD {
                        pairs
                            .entry((i, j))
                            .or_insert((score, Vec::new()))
                            .1
                            .push(similar_name(score));
                    }
                }
            }
            start = end;
        }
        // Load each vendor in a pair once.
        let mut wanted: Vec<usize> = pairs.keys().flat_map(|&(i, j)| [i, j]).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut vendors: HashMap<usize, Vendor> = HashMap::with_capacity(wanted.len());
        for i in wanted {
            vendors.insert(i, self.get_vendor(&rows[i].id)?);
        }
        let mut out: Vec<DuplicatePair> = pairs
            .into_iter()
            .map(|((i, j), (score, reasons))| DuplicatePair {
                first: vendors[&i].clone(),
                second: vendors[&j].clone(),
                name_score: score,
                reasons,
            })
            .collect();
        out.sort_by(|a, b| {
            b.reasons
                .len()
                .cmp(&a.reasons.len())
                .then(b.name_score.total_cmp(&a.name_score))
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_case_punctuation_and_spacing_do_not_matter() {
        assert_eq!(normalise_name("CV. Berkah Jaya"), "berkah jaya");
        assert_eq!(normalise_name("berkah  jaya"), "berkah jaya");
        assert_eq!(normalise_name("Toko BERKAH-JAYA"), "berkah jaya");
        assert_eq!(name_similarity("CV. Berkah Jaya", "berkah jaya"), 1.0);
        assert_eq!(name_similarity("Warung Berkahjaya", "UD Berkah Jaya"), 1.0);
    }

    #[test]
    fn the_old_spelling_meets_the_new() {
        assert_eq!(normalise_name("Toko Djaja"), "jaya");
        assert_eq!(normalise_name("Tjahaja Baroe"), "cahaya baru");
        assert_eq!(normalise_name("Soerabaja Snack"), "surabaya snack");
        assert_eq!(
            normalise_name("Jaya Abadi"),
            "jaya abadi",
            "modern words stay as they are"
        );
        assert_eq!(name_similarity("Kue Djaja", "Kue Jaya"), 1.0);
    }

    #[test]
    fn small_typos_score_high_and_different_businesses_low() {
        assert!(name_similarity("Kue Basah Bu Siti", "Kue Basa Bu Siti") >= NAME_THRESHOLD);
        assert!(name_similarity("Sambal Roa Ibu Ani", "Sambal Roa Bu Ani") >= NAME_THRESHOLD);
        assert!(name_similarity("Kue Basah Bu Siti", "Batik Betawi Pak Budi") < 0.4);
        assert!(name_similarity("Jamu Gendong Siti", "Jamu Gendong Wati") < NAME_THRESHOLD);
    }

    #[test]
    fn accents_are_folded() {
        assert_eq!(normalise_name("Café Betawi"), "cafe betawi");
    }
}
