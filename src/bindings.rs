//! TypeScript declarations of every type that crosses to the UI, generated from the Rust types
//! (ts-rs). The output is committed as `ui/src/backend/bindings.ts`; a test fails when it drifts.

use ts_rs::{Config, TS};

/// The committed file, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/backend/bindings.ts";

macro_rules! declare {
    ($cfg:expr, $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

/// The whole bindings file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = declare!(
        &cfg,
        crate::text::Lang,
        crate::text::Text,
        crate::error::FieldError,
        crate::error::ErrorPayload,
        crate::category::Category,
        crate::consent::Purpose,
        crate::consent::ConsentForm,
        crate::consent::ConsentRecord,
        crate::consent::ConsentStatus,
        crate::legality::LegalityKind,
        crate::legality::LegalityDraft,
        crate::legality::LegalityDoc,
        crate::rights::PersonalDataExport,
        crate::stage::Stage,
        crate::stage::StageStatus,
        crate::stage::StageRecord,
        crate::stage::StageUpdate,
        crate::stage::StageOrder,
        crate::identifier::FieldWarning,
        crate::identifier::Gender,
        crate::identifier::SizeClass,
        crate::region::City,
        crate::region::Kecamatan,
        crate::region::Kelurahan,
        crate::registry::RegistryInfo,
        crate::vendor::Vendor,
        crate::vendor::VendorDraft,
        crate::vendor::VendorPatch,
        crate::vendor::VendorQuery,
        crate::vendor::VendorSort,
        crate::vendor::VendorPage,
        crate::vendor::Count,
        crate::vendor::VendorStats,
        crate::vendor::Duplicates,
        crate::vendor::DuplicateReason,
        crate::vendor::DuplicateCandidate,
        crate::vendor::DuplicatePair,
        crate::vendor::FieldChange,
        crate::vendor::VendorChange,
        crate::vendor::ImportOptions,
        crate::vendor::ImportConfirmation,
        crate::vendor::ImportColumn,
        crate::vendor::ImportTarget,
        crate::vendor::RowAction,
        crate::vendor::ImportRow,
        crate::vendor::ImportCounts,
        crate::vendor::ImportPlan,
        crate::vendor::MergeField,
        crate::vendor::MergePreview,
        crate::vendor::MergeChoice,
        crate::spreadsheet::SheetFormat,
        crate::training::ClassKind,
        crate::training::PlaceKind,
        crate::training::Attendance,
        crate::training::ClassDraft,
        crate::training::TrainingClass,
        crate::training::Participant,
        crate::training::ClassDetail,
        crate::training::VendorClass,
        crate::product::Variant,
        crate::product::ProductDraft,
        crate::product::Product,
        crate::product::ProductQuery,
        crate::photo::Crop,
        crate::photo::Frame,
        crate::photo::FrameCrop,
        crate::photo::PhotoFlag,
        crate::photo::Photo,
        crate::photo::readiness::ChannelPhotos,
        crate::photo::import::PhotoProgress,
        crate::photo::import::PhotoStatus,
        crate::photo::import::PhotoOutcome,
        crate::photo::import::PhotoImportReport,
        crate::planner::calendar::Rotation,
        crate::planner::calendar::CalendarWeek,
        crate::planner::calendar::EditionSummary,
        crate::planner::curation::Mark,
        crate::planner::curation::Criteria,
        crate::planner::curation::Verdict,
        crate::planner::curation::ReviewDraft,
        crate::planner::curation::Review,
        crate::planner::curation::Curation,
        crate::planner::curation::QueueItem,
        crate::planner::readiness::Channel,
        crate::planner::readiness::Gap,
        crate::planner::readiness::Readiness,
        crate::planner::readiness::ReadinessFilter,
        crate::planner::readiness::ProductReadiness,
        crate::planner::snapshot::PublicPermit,
        crate::planner::snapshot::PublicPhoto,
        crate::planner::snapshot::PublicItem,
        crate::planner::edition::EditionPlan,
        crate::planner::edition::EditionState,
        crate::planner::edition::Scope,
        crate::planner::edition::EditionItem,
        crate::planner::edition::KecamatanCount,
        crate::planner::edition::PublishEntry,
        crate::planner::edition::Edition,
        crate::planner::edition::EditionListing,
        crate::planner::edition::SuggestedProduct,
        crate::catalogue::Formats,
        crate::catalogue::BuildProgress,
        crate::catalogue::BuiltFile,
        crate::catalogue::BuildReport,
        crate::catalogue::CaptionText,
        crate::catalogue::CatalogueOptions,
        crate::catalogue::LookPreview,
        crate::rights::ProductWithPhotos,
        crate::region::RegionTree,
        crate::region::CityNode,
        crate::exchange::ExportReport,
        crate::exchange::TableCounts,
        crate::exchange::Conflict,
        crate::exchange::ConflictChoice,
        crate::exchange::BundlePlan,
        crate::exchange::ExchangeEntry,
        crate::backup::Backup,
        crate::backup::BackupSettings,
    );
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test` (src/bindings.rs). Do not edit by hand:\n\
         // run `make bindings` after changing a type that crosses to the UI.\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
