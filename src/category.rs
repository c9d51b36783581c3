//! The Friday rotation's product categories. Stored in the registry (they are data), read here.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::text::Text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Category {
    /// Stable identifier, e.g. `makanan-minuman`.
    pub slug: String,
    pub name: Text,
    /// Position in the weekly rotation, from 1.
    pub rotation: i32,
}

pub fn list(conn: &Connection) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare(
        "SELECT slug, name_id, name_en, rotation FROM category
         WHERE deleted_at IS NULL ORDER BY rotation",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Category {
            slug: r.get(0)?,
            name: Text::new(r.get::<_, String>(1)?, r.get::<_, String>(2)?),
            rotation: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Finds a category by slug or by its Indonesian or English name, ignoring case and spacing.
pub fn find<'a>(categories: &'a [Category], query: &str) -> Option<&'a Category> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let q = fold(query);
    if q.is_empty() {
        return None;
    }
    if let Some(c) = categories
        .iter()
        .find(|c| fold(&c.slug) == q || fold(&c.name.id) == q || fold(&c.name.en) == q)
    {
        return Some(c);
    }
    // Spreadsheets say "Makanan" or "Fashion" for a whole category: one word of exactly one
    // category's names is enough (short words like "dan" never are).
    if q.chars().count() < 4 {
        return None;
    }
    let mut found = categories.iter().filter(|c| {
        [&c.slug, &c.name.id, &c.name.en]
            .iter()
            .flat_map(|s| s.split(|ch: char| !ch.is_alphanumeric()))
            .any(|w| fold(w) == q)
    });
    match (found.next(), found.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}
