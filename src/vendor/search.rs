//! The vendor search index (SQLite FTS5): what goes in, and how typed words become a query.
//!
//! The index is contentless and maintained here, in the same transaction as every change to a
//! vendor, rather than by triggers: the index's upkeep is plain Rust, tested with the rest, and
//! an erased vendor's tokens go with it (`secure-delete`).

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::region;

/// Bumped whenever what is indexed changes; a registry with another version is reindexed on open.
pub const INDEX_VERSION: &str = "3";

/// Puts (or replaces) one vendor's words in the index.
pub fn index(conn: &Connection, id: &str) -> Result<()> {
    type Row = (i64, String, Option<String>, String, String, Option<String>);
    let (seq, name, brand, owner, kecamatan_code, kelurahan_code): Row = conn.query_row(
        "SELECT seq, business_name, brand, owner_name, kecamatan_code, kelurahan_code
         FROM vendor WHERE id = ?1",
        [id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    // The brand and the products' names are searched with the business name; the kelurahan
    // with the kecamatan and city.
    let mut name = match brand {
        Some(b) => format!("{name} {b}"),
        None => name,
    };
    let mut products = conn.prepare(
        "SELECT name FROM product WHERE vendor_id = ?1 AND deleted_at IS NULL ORDER BY name",
    )?;
    for product in products.query_map([id], |r| r.get::<_, String>(0))? {
        name.push(' ');
        name.push_str(&product?);
    }
    let regions = region::jakarta();
    let kelurahan = kelurahan_code
        .as_deref()
        .and_then(|c| regions.kelurahan_by_code(c))
        .map(|k| k.name.as_str())
        .unwrap_or("");
    let place = regions
        .kecamatan_by_code(&kecamatan_code)
        .map(|k| {
            let city = regions
                .city(&k.city_code)
                .map(|c| c.name.as_str())
                .unwrap_or("");
            format!("{kelurahan} {} {city}", k.name)
        })
        .unwrap_or_default();
    conn.execute("DELETE FROM vendor_search WHERE rowid = ?1", [seq])?;
    conn.execute(
        "INSERT INTO vendor_search (rowid, business_name, owner_name, place) VALUES (?1, ?2, ?3, ?4)",
        params![seq, name, owner, place],
    )?;
    Ok(())
}

/// Rebuilds the whole index from the vendor table.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM vendor_search", [])?;
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM vendor WHERE deleted_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        index(conn, &id)?;
    }
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('search_index_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [INDEX_VERSION],
    )?;
    Ok(())
}

/// Turns typed words into an FTS5 query: every word must match the start of a word in the
/// name, owner or place (`kue bas` finds "Kue Basah"). Each word is quoted, so FTS5 syntax
/// typed by a person (`OR`, `NEAR`, `*`, quotes) is only ever text. `None` when no word is left.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The digits of a typed phone fragment as they appear in a stored `+628…` number, when the
/// search looks like a phone number (at least four digits and nothing but phone punctuation).
pub fn phone_fragment(typed: &str) -> Option<String> {
    let t = typed.trim();
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()".contains(c))
    {
        return None;
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    let national = digits
        .strip_prefix("62")
        .or_else(|| digits.strip_prefix('0'))
        .unwrap_or(&digits);
    Some(national.to_owned())
}

/// Escapes LIKE's wildcards so a search for `%` finds a literal `%`.
pub(crate) fn like_pattern(words: &str) -> String {
    let mut p = String::from("%");
    for c in words.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_quoted_prefix_terms() {
        assert_eq!(fts_query("kue bas").as_deref(), Some("\"kue\"* \"bas\"*"));
        assert_eq!(
            fts_query("Bu Siti's \"kue\" OR x*").as_deref(),
            Some("\"Bu\"* \"Siti\"* \"s\"* \"kue\"* \"OR\"* \"x\"*")
        );
        assert_eq!(fts_query("  %% -- "), None);
    }

    #[test]
    fn phone_fragments_match_the_stored_form() {
        assert_eq!(phone_fragment("0812-3456").as_deref(), Some("8123456"));
        assert_eq!(phone_fragment("+62 812").as_deref(), Some("812"));
        assert_eq!(phone_fragment("3456").as_deref(), Some("3456"));
        assert_eq!(phone_fragment("081"), None, "too short to mean a phone");
        assert_eq!(phone_fragment("kue 0812"), None);
    }
}
