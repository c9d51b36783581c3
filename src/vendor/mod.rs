//! Vendors (pelaku usaha): the businesses registered in the programme.
//!
//! The registration record: the business, its address, the owner, what the owner publishes,
//! and who coaches it. Legality documents, Jakpreneur stages and consent have tables of their own.

mod duplicates;
mod export;
pub mod history;
mod import;
mod merge;
mod queries;
mod row;
pub mod search;
pub(crate) mod validate;

pub use duplicates::{
    DuplicateCandidate, DuplicatePair, DuplicateReason, NAME_THRESHOLD, name_similarity,
    normalise_name,
};
pub use history::{FieldChange, VendorChange};
pub use import::{
    ImportColumn, ImportConfirmation, ImportCounts, ImportOptions, ImportPlan, ImportRow,
    ImportTarget, RowAction, guess_mapping, import_targets,
};
pub use merge::{MergeChoice, MergeField, MergePreview};
pub use validate::{MAX_NAME_CHARS, ValidVendor, today_in_jakarta, validate_draft};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::consent::Purpose;
use crate::identifier::{FieldWarning, Gender, SizeClass};
use crate::legality::LegalityKind;
use crate::stage::Stage;

/// A registered business as staff see it. The owner's NIK appears only masked; the edit form
/// reads the full record through [`Registry::vendor_draft`](crate::Registry::vendor_draft).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Vendor {
    /// UUIDv7, made on the device that registered the vendor.
    pub id: String,
    /// The business's name.
    pub name: String,
    /// The owner's name.
    pub owner: String,
    /// The owner's mobile number in E.164 form (`+628…`).
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
    pub brand: Option<String>,
    pub legal_form: Option<String>,
    pub nib: Option<String>,
    pub npwp: Option<String>,
    pub kbli: Vec<String>,
    pub kbli_edition: Option<i32>,
    #[ts(type = "number | null")]
    pub capital_rp: Option<i64>,
    #[ts(type = "number | null")]
    pub annual_sales_rp: Option<i64>,
    #[ts(type = "number | null")]
    pub employees: Option<i64>,
    /// By PP 7/2021, from annual sales or else capital.
    pub size_class: Option<SizeClass>,
    pub street: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub kelurahan: Option<String>,
    pub kelurahan_code: Option<String>,
    pub postal_code: Option<String>,
    pub gender: Option<Gender>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// The NIK with its middle hidden (`3174••••••••0007`).
    pub nik_masked: Option<String>,
    pub email: Option<String>,
    /// Whether the owner's mobile number is on WhatsApp.
    pub whatsapp: bool,
    pub home_address: Option<String>,
    /// The contact the owner chose to publish in catalogues.
    pub public_contact: Option<String>,
    /// The business's online shop or social-media page (`https://…`), public.
    pub shop_link: Option<String>,
    pub agency: Option<String>,
    pub mentor: Option<String>,
    pub notes: Option<String>,
    /// Things worth a second look (an unknown NIK region, ...). Filled on single reads.
    pub warnings: Vec<FieldWarning>,
}

/// Declares the editable fields once: the draft a form fills in, the patch the CLI's `edit`
/// sends (each field optional), and how a patch applies to a draft.
macro_rules! vendor_fields {
    ($($(#[$meta:meta])* $field:ident: $ty:ty,)*) => {
        /// What a person fills in to register or edit a vendor, as typed. Every field is checked
        /// by [`validate_draft`]; empty text means "not given".
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(default)]
        pub struct VendorDraft {
            $($(#[$meta])* pub $field: $ty,)*
        }

        /// A change to some fields of a vendor; `None` leaves a field as it is.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(default)]
        pub struct VendorPatch {
            $(pub $field: Option<$ty>,)*
        }

        impl VendorPatch {
            /// The draft with this patch's fields put in.
            pub fn apply(&self, mut draft: VendorDraft) -> VendorDraft {
                $(if let Some(v) = &self.$field { draft.$field = v.clone(); })*
                draft
            }
        }

        impl From<VendorDraft> for VendorPatch {
            fn from(d: VendorDraft) -> Self {
                VendorPatch { $($field: Some(d.$field),)* }
            }
        }
    };
}

vendor_fields! {
    name: String,
    owner: String,
    /// The owner's own mobile number.
    phone: String,
    /// A kecamatan's official code or name.
    kecamatan: String,
    /// A category's slug or name.
    category: String,
    brand: String,
    /// `perseorangan`, `cv`, `ud`, `pt`, `koperasi`, `firma` or `lainnya`.
    legal_form: String,
    nib: String,
    npwp: String,
    /// KBLI codes separated by commas.
    kbli: String,
    /// `2020` or `2025` (default 2020 when codes are given).
    kbli_edition: String,
    /// Business capital in rupiah, as typed (`Rp 15.000.000` is fine).
    capital: String,
    /// Annual sales in rupiah, as typed.
    annual_sales: String,
    employees: String,
    street: String,
    rt: String,
    rw: String,
    /// A kelurahan's code or name, in the chosen kecamatan.
    kelurahan: String,
    /// `female` or `male` (`perempuan`, `laki-laki` too).
    gender: String,
    /// `YYYY-MM-DD` or `DD-MM-YYYY`.
    birth_date: String,
    nik: String,
    email: String,
    whatsapp: bool,
    home_address: String,
    public_contact: String,
    /// The online shop's address (`https://…`; `tokopedia.com/…` is completed).
    shop_link: String,
    agency: String,
    mentor: String,
    notes: String,
}

/// Which vendors to list. Filters take the same values as [`VendorDraft`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VendorQuery {
    /// Words to find in the business name, owner name or phone.
    pub search: Option<String>,
    pub kecamatan: Option<String>,
    pub category: Option<String>,
    /// Only vendors whose consent for this purpose is in force.
    pub consent: Option<Purpose>,
    /// Only vendors who completed this Jakpreneur stage.
    pub stage_done: Option<Stage>,
    /// Only vendors holding a document of this kind.
    pub legality: Option<LegalityKind>,
    /// Only vendors with (true) or without (false) a product photo.
    pub has_photos: Option<bool>,
    pub sort: VendorSort,
    pub include_archived: bool,
    /// Rows after this vendor in the list's order (keyset paging: as fast on the last page as
    /// on the first). When set, `offset` counts from there.
    pub after: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

impl Default for VendorQuery {
    fn default() -> Self {
        VendorQuery {
            search: None,
            kecamatan: None,
            category: None,
            consent: None,
            stage_done: None,
            legality: None,
            has_photos: None,
            sort: VendorSort::Name,
            include_archived: false,
            after: None,
            offset: 0,
            limit: 100,
        }
    }
}

/// How a vendor list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VendorSort {
    /// By business name, A to Z.
    #[default]
    Name,
    /// Most recently registered first.
    Newest,
    /// Most recently changed first.
    Updated,
    /// By kecamatan code, then name.
    Kecamatan,
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
