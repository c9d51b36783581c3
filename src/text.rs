//! User-facing text in both of the app's languages.
//!
//! The core produces every message a person reads (validation, errors) in Indonesian and
//! English at once, so the window, the CLI and later exports all say the same thing and the
//! UI only picks the language the user chose.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The languages Etalase speaks. Indonesian is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// Picks a language from a locale string such as `id_ID.UTF-8` or `en-GB`; anything that is
    /// not English is served in Indonesian.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }
}

/// One message in Indonesian (`id`) and English (`en`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}
