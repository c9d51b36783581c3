//! Vendors (pelaku usaha): the businesses registered in the programme.
//!
//! This is the foundation's slice of the model (business, owner, phone, kecamatan, category);
//! the full registration model grows from here.

mod duplicates;
pub mod history;
mod queries;
pub mod search;
mod validate;

pub use duplicates::{
    DuplicateCandidate, DuplicatePair, DuplicateReason, NAME_THRESHOLD, name_similarity,
    normalise_name,
};
pub use history::{FieldChange, VendorChange};
pub use validate::{MAX_NAME_CHARS, ValidVendor, validate_draft, validate_patch};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A registered business as every reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Vendor {
    /// UUIDv7, made on the device that registered the vendor.
    pub id: String,
    /// The business's name.
    pub name: String,
    /// The owner's name.
    pub owner: String,
    /// Mobile number in E.164 form (`+628…`).
    pub phone: String,
    /// The kecamatan's name, as `--kecamatan` accepts it.
    pub kecamatan: String,
    pub kecamatan_code: String,
    /// The regency or city the kecamatan belongs to.
    pub city: String,
    pub city_code: String,
    /// The category's slug, as `--category` accepts it.
    pub category: String,
    pub archived: bool,
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// What a person fills in to register a vendor. Every field is checked by [`validate_draft`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VendorDraft {
    pub name: String,
    pub owner: String,
    pub phone: String,
    /// A kecamatan's official code or name.
    pub kecamatan: String,
    /// A category's slug or name.
    pub category: String,
}

/// A change to some fields of a vendor; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VendorPatch {
    pub name: Option<String>,
    pub owner: Option<String>,
    pub phone: Option<String>,
    pub kecamatan: Option<String>,
    pub category: Option<String>,
}

impl From<VendorDraft> for VendorPatch {
    fn from(d: VendorDraft) -> Self {
        VendorPatch {
            name: Some(d.name),
            owner: Some(d.owner),
            phone: Some(d.phone),
            kecamatan: Some(d.kecamatan),
            category: Some(d.category),
        }
    }
}

/// Which vendors to list. Filters take the same values as [`VendorDraft`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VendorQuery {
    /// Words to find in the business name, owner name or phone.
    pub search: Option<String>,
    pub kecamatan: Option<String>,
    pub category: Option<String>,
    pub include_archived: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Default for VendorQuery {
    fn default() -> Self {
        VendorQuery {
            search: None,
            kecamatan: None,
            category: None,
            include_archived: false,
            offset: 0,
            limit: 100,
        }
    }
}

/// The most rows one query returns; lists page through the rest.
pub const MAX_PAGE: u32 = 1000;

/// One page of a vendor list, with the total that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VendorPage {
    pub items: Vec<Vendor>,
    pub total: u32,
}

/// How many of something there are, by key (a category slug or a city code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Count {
    pub key: String,
    pub count: u32,
}

/// Counts for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VendorStats {
    pub active: u32,
    pub archived: u32,
    /// Active vendors per category, in rotation order, zero counts included.
    pub by_category: Vec<Count>,
    /// Active vendors per regency/city, in code order, zero counts included.
    pub by_city: Vec<Count>,
}

/// What to do when a new vendor looks like one already registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Duplicates {
    /// Stop and list the possible duplicates (the default: a person decides).
    Refuse,
    /// Save anyway: the person checked and it is a different business.
    Allow,
}
