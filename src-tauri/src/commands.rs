//! The commands the UI calls. Each unpacks its arguments, calls one core function off the main
//! thread and maps the error; no logic lives here.

use etalase::RegistryInfo;
use etalase::backup::{Backup, BackupSettings};
use etalase::category::Category;
use etalase::consent::{ConsentForm, ConsentStatus, Purpose};
use etalase::exchange::{BundlePlan, ConflictChoice, ExchangeEntry, ExportReport};
use etalase::legality::{LegalityDoc, LegalityDraft};
use etalase::photo::import::{PhotoImportReport, PhotoProgress};
use etalase::photo::readiness::ChannelPhotos;
use etalase::photo::{Crop, Frame, Photo};
use etalase::planner::calendar::{CalendarWeek, Rotation};
use etalase::planner::curation::{Curation, QueueItem, Review, ReviewDraft};
use etalase::planner::edition::{Edition, EditionListing, EditionPlan, SuggestedProduct};
use etalase::planner::readiness::{ProductReadiness, Readiness, ReadinessFilter};
use etalase::product::{Product, ProductDraft, ProductQuery};
use etalase::region::{self, RegionTree};
use etalase::spreadsheet::SheetFormat;
use etalase::stage::{StageOrder, StageRecord, StageUpdate};
use etalase::training::{Attendance, ClassDetail, ClassDraft, TrainingClass, VendorClass};
use etalase::vendor::{
    DuplicatePair, Duplicates, ImportConfirmation, ImportOptions, ImportPlan, MergeChoice,
    MergePreview, Vendor, VendorChange, VendorDraft, VendorPage, VendorQuery, VendorStats,
};
use etalase::{Lang, paths};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

type Answer<T> = Result<T, CommandError>;

#[tauri::command]
pub async fn registry_info(state: State<'_, AppState>) -> Answer<RegistryInfo> {
    state.blocking(|r| r.info()).await
}

#[tauri::command]
pub async fn regions() -> Answer<RegionTree> {
    Ok(region::jakarta().tree())
}

#[tauri::command]
pub async fn categories(state: State<'_, AppState>) -> Answer<Vec<Category>> {
    state.blocking(|r| r.categories()).await
}

#[tauri::command]
pub async fn vendor_stats(state: State<'_, AppState>) -> Answer<VendorStats> {
    state.blocking(|r| r.vendor_stats()).await
}

#[tauri::command]
pub async fn list_vendors(state: State<'_, AppState>, query: VendorQuery) -> Answer<VendorPage> {
    state.blocking(move |r| r.list_vendors(&query)).await
}

#[tauri::command]
pub async fn get_vendor(state: State<'_, AppState>, id: String) -> Answer<Vendor> {
    state.blocking(move |r| r.get_vendor(&id)).await
}

#[tauri::command]
pub async fn vendor_draft(state: State<'_, AppState>, id: String) -> Answer<VendorDraft> {
    state.blocking(move |r| r.vendor_draft(&id)).await
}

#[tauri::command]
pub async fn create_vendor(
    state: State<'_, AppState>,
    draft: VendorDraft,
    duplicates: Duplicates,
) -> Answer<Vendor> {
    state
        .blocking(move |r| r.create_vendor(&draft, duplicates))
        .await
}

#[tauri::command]
pub async fn update_vendor(
    state: State<'_, AppState>,
    id: String,
    draft: VendorDraft,
) -> Answer<Vendor> {
    state
        .blocking(move |r| r.update_vendor(&id, &draft.into()))
        .await
}

#[tauri::command]
pub async fn vendor_history(state: State<'_, AppState>, id: String) -> Answer<Vec<VendorChange>> {
    state.blocking(move |r| r.vendor_history(&id)).await
}

#[tauri::command]
pub async fn archive_vendor(state: State<'_, AppState>, id: String) -> Answer<Vendor> {
    state.blocking(move |r| r.archive_vendor(&id)).await
}

#[tauri::command]
pub async fn restore_vendor(state: State<'_, AppState>, id: String) -> Answer<Vendor> {
    state.blocking(move |r| r.restore_vendor(&id)).await
}

#[tauri::command]
pub async fn fill_demo(state: State<'_, AppState>) -> Answer<usize> {
    state
        .blocking(|r| {
            let vendors = r.fill_demo()?;
            r.fill_demo_photos(etalase::demo::DEMO_PHOTOS)?;
            r.fill_demo_planner(etalase::vendor::today_in_jakarta())?;
            Ok(vendors.len())
        })
        .await
}

#[tauri::command]
pub async fn finish_welcome(state: State<'_, AppState>) -> Answer<()> {
    state.blocking(|r| r.finish_welcome()).await
}

#[tauri::command]
pub async fn consent_status(state: State<'_, AppState>, id: String) -> Answer<Vec<ConsentStatus>> {
    state.blocking(move |r| r.consent_status(&id)).await
}

#[tauri::command]
pub async fn grant_consent(
    state: State<'_, AppState>,
    id: String,
    purpose: Purpose,
    form: ConsentForm,
) -> Answer<ConsentStatus> {
    state
        .blocking(move |r| r.grant_consent(&id, purpose, form))
        .await
}

#[tauri::command]
pub async fn withdraw_consent(
    state: State<'_, AppState>,
    id: String,
    purpose: Purpose,
) -> Answer<ConsentStatus> {
    state
        .blocking(move |r| r.withdraw_consent(&id, purpose))
        .await
}

#[tauri::command]
pub async fn stages(state: State<'_, AppState>, id: String) -> Answer<Vec<StageRecord>> {
    state.blocking(move |r| r.stages(&id)).await
}

#[tauri::command]
pub async fn set_stage(
    state: State<'_, AppState>,
    id: String,
    update: StageUpdate,
) -> Answer<StageRecord> {
    state.blocking(move |r| r.set_stage(&id, &update)).await
}

#[tauri::command]
pub async fn legality(state: State<'_, AppState>, id: String) -> Answer<Vec<LegalityDoc>> {
    state.blocking(move |r| r.legality(&id)).await
}

#[tauri::command]
pub async fn add_legality(
    state: State<'_, AppState>,
    id: String,
    draft: LegalityDraft,
) -> Answer<LegalityDoc> {
    state.blocking(move |r| r.add_legality(&id, &draft)).await
}

#[tauri::command]
pub async fn remove_legality(state: State<'_, AppState>, doc_id: String) -> Answer<()> {
    state.blocking(move |r| r.remove_legality(&doc_id)).await
}

#[tauri::command]
pub async fn erase_vendor(state: State<'_, AppState>, id: String) -> Answer<()> {
    state.blocking(move |r| r.erase_vendor(&id)).await
}

/// Takes a spreadsheet's bytes (the invoke body) chosen in the window's file picker and
/// returns the token that names it from now on; the `x-file-name` header gives its extension.
#[tauri::command]
pub async fn stage_import(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Answer<String> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::internal("the file's bytes were not sent"));
    };
    let bytes = bytes.clone();
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    state.blocking(move |r| r.stage_file(&name, &bytes)).await
}

#[tauri::command]
pub async fn preview_import(
    state: State<'_, AppState>,
    token: String,
    options: ImportOptions,
) -> Answer<ImportPlan> {
    state
        .blocking(move |r| r.preview_import(&r.staged_path(&token)?, &options))
        .await
}

#[tauri::command]
pub async fn import_vendors(
    state: State<'_, AppState>,
    token: String,
    options: ImportOptions,
    confirmed: ImportConfirmation,
) -> Answer<ImportPlan> {
    state
        .blocking(move |r| {
            let plan = r.import_vendors(&r.staged_path(&token)?, &options, Some(&confirmed))?;
            r.discard_staged(&token)?;
            Ok(plan)
        })
        .await
}

#[tauri::command]
pub async fn discard_import(state: State<'_, AppState>, token: String) -> Answer<()> {
    state.blocking(move |r| r.discard_staged(&token)).await
}

/// Saves the list as a spreadsheet in the export folder (Downloads); returns where.
#[tauri::command]
pub async fn export_vendors(
    state: State<'_, AppState>,
    query: VendorQuery,
    format: SheetFormat,
    lang: Lang,
) -> Answer<ExportedFile> {
    state
        .blocking(move |r| {
            let (path, count) = r.export_vendors_into(&query, &export_dir()?, format, lang)?;
            Ok(ExportedFile {
                path: path.display().to_string(),
                count,
            })
        })
        .await
}

/// Where the window saves files (Downloads, or `ETALASE_EXPORT_DIR`).
fn export_dir() -> etalase::Result<std::path::PathBuf> {
    paths::export_dir()
        .ok_or_else(|| etalase::Error::Internal("no Downloads or home folder to save into".into()))
}

#[derive(serde::Serialize)]
pub struct ExportedFile {
    path: String,
    count: usize,
}

#[tauri::command]
pub async fn duplicate_report(state: State<'_, AppState>) -> Answer<Vec<DuplicatePair>> {
    state.blocking(|r| r.duplicate_report()).await
}

#[tauri::command]
pub async fn merge_preview(
    state: State<'_, AppState>,
    keep: String,
    other: String,
) -> Answer<MergePreview> {
    state
        .blocking(move |r| r.merge_preview(&keep, &other))
        .await
}

#[tauri::command]
pub async fn merge_vendors(
    state: State<'_, AppState>,
    keep: String,
    other: String,
    choice: MergeChoice,
) -> Answer<Vendor> {
    state
        .blocking(move |r| r.merge_vendors(&keep, &other, &choice))
        .await
}

#[tauri::command]
pub async fn list_classes(state: State<'_, AppState>) -> Answer<Vec<TrainingClass>> {
    state.blocking(|r| r.list_classes()).await
}

#[tauri::command]
pub async fn class_detail(state: State<'_, AppState>, id: String) -> Answer<ClassDetail> {
    state.blocking(move |r| r.class_detail(&id)).await
}

#[tauri::command]
pub async fn create_class(state: State<'_, AppState>, draft: ClassDraft) -> Answer<TrainingClass> {
    state.blocking(move |r| r.create_class(&draft)).await
}

#[tauri::command]
pub async fn update_class(
    state: State<'_, AppState>,
    id: String,
    draft: ClassDraft,
) -> Answer<TrainingClass> {
    state.blocking(move |r| r.update_class(&id, &draft)).await
}

#[tauri::command]
pub async fn delete_class(state: State<'_, AppState>, id: String) -> Answer<()> {
    state.blocking(move |r| r.delete_class(&id)).await
}

#[tauri::command]
pub async fn enrol(
    state: State<'_, AppState>,
    id: String,
    vendor_ids: Vec<String>,
) -> Answer<ClassDetail> {
    state.blocking(move |r| r.enrol(&id, &vendor_ids)).await
}

#[tauri::command]
pub async fn unenrol(
    state: State<'_, AppState>,
    id: String,
    vendor_id: String,
) -> Answer<ClassDetail> {
    state.blocking(move |r| r.unenrol(&id, &vendor_id)).await
}

#[tauri::command]
pub async fn record_attendance(
    state: State<'_, AppState>,
    id: String,
    vendor_ids: Vec<String>,
    status: Attendance,
) -> Answer<ClassDetail> {
    state
        .blocking(move |r| r.record_attendance(&id, &vendor_ids, status))
        .await
}

#[tauri::command]
pub async fn classes_of_vendor(state: State<'_, AppState>, id: String) -> Answer<Vec<VendorClass>> {
    state.blocking(move |r| r.classes_of_vendor(&id)).await
}

/// Saves the class's attendance sheet (XLSX) in the export folder; returns where.
#[tauri::command]
pub async fn attendance_sheet(
    state: State<'_, AppState>,
    id: String,
    lang: Lang,
) -> Answer<ExportedFile> {
    state
        .blocking(move |r| {
            let (path, count) = r.attendance_sheet_into(&id, &export_dir()?, lang)?;
            Ok(ExportedFile {
                path: path.display().to_string(),
                count,
            })
        })
        .await
}

#[tauri::command]
pub async fn stage_order(state: State<'_, AppState>) -> Answer<StageOrder> {
    state.blocking(|r| r.stage_order()).await
}

#[tauri::command]
pub async fn set_stage_order(state: State<'_, AppState>, order: StageOrder) -> Answer<()> {
    state.blocking(move |r| r.set_stage_order(order)).await
}

#[tauri::command]
pub async fn list_products(
    state: State<'_, AppState>,
    query: ProductQuery,
) -> Answer<Vec<Product>> {
    state.blocking(move |r| r.list_products(&query)).await
}

#[tauri::command]
pub async fn get_product(state: State<'_, AppState>, id: String) -> Answer<Product> {
    state.blocking(move |r| r.get_product(&id)).await
}

#[tauri::command]
pub async fn product_draft(state: State<'_, AppState>, id: String) -> Answer<ProductDraft> {
    state.blocking(move |r| r.product_draft(&id)).await
}

#[tauri::command]
pub async fn create_product(
    state: State<'_, AppState>,
    vendor_id: String,
    draft: ProductDraft,
) -> Answer<Product> {
    state
        .blocking(move |r| r.create_product(&vendor_id, &draft))
        .await
}

#[tauri::command]
pub async fn update_product(
    state: State<'_, AppState>,
    id: String,
    draft: ProductDraft,
) -> Answer<Product> {
    state.blocking(move |r| r.update_product(&id, &draft)).await
}

#[tauri::command]
pub async fn archive_product(state: State<'_, AppState>, id: String) -> Answer<Product> {
    state.blocking(move |r| r.archive_product(&id)).await
}

#[tauri::command]
pub async fn restore_product(state: State<'_, AppState>, id: String) -> Answer<Product> {
    state.blocking(move |r| r.restore_product(&id)).await
}

/// A file the window staged (see `stage_import`) and the name the person knows it by.
#[derive(serde::Deserialize)]
pub struct StagedFile {
    token: String,
    name: String,
}

/// Imports staged photo files for a product on the blocking pool, telling the window about
/// each file through `on_progress`; `cancel_photo_import` stops it after the files in hand.
#[tauri::command]
pub async fn import_photos(
    state: State<'_, AppState>,
    product_id: String,
    files: Vec<StagedFile>,
    on_progress: tauri::ipc::Channel<PhotoProgress>,
) -> Answer<PhotoImportReport> {
    let cancel = state.photo_cancel.clone();
    cancel.store(false, std::sync::atomic::Ordering::Relaxed);
    state
        .blocking(move |r| {
            let staged: Vec<(String, String)> =
                files.into_iter().map(|f| (f.token, f.name)).collect();
            r.import_staged_photos(&product_id, &staged, &cancel, &mut |p| {
                // A closed window simply stops listening.
                let _ = on_progress.send(p.clone());
            })
        })
        .await
}

#[tauri::command]
pub async fn cancel_photo_import(state: State<'_, AppState>) -> Answer<()> {
    state
        .photo_cancel
        .store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

#[tauri::command]
pub async fn photos(state: State<'_, AppState>, product_id: String) -> Answer<Vec<Photo>> {
    state.blocking(move |r| r.photos(&product_id)).await
}

#[tauri::command]
pub async fn set_cover(state: State<'_, AppState>, photo_id: String) -> Answer<Vec<Photo>> {
    state.blocking(move |r| r.set_cover(&photo_id)).await
}

#[tauri::command]
pub async fn remove_photo(state: State<'_, AppState>, photo_id: String) -> Answer<Vec<Photo>> {
    state.blocking(move |r| r.remove_photo(&photo_id)).await
}

#[tauri::command]
pub async fn set_crop(
    state: State<'_, AppState>,
    photo_id: String,
    frame: Frame,
    crop: Option<Crop>,
) -> Answer<Vec<Photo>> {
    state
        .blocking(move |r| r.set_crop(&photo_id, frame, crop))
        .await
}

#[tauri::command]
pub async fn photo_readiness(
    state: State<'_, AppState>,
    product_id: String,
) -> Answer<Vec<ChannelPhotos>> {
    state
        .blocking(move |r| r.photo_readiness(&product_id))
        .await
}

#[tauri::command]
pub async fn set_shows_person(
    state: State<'_, AppState>,
    photo_id: String,
    shows: bool,
) -> Answer<Vec<Photo>> {
    state
        .blocking(move |r| r.set_shows_person(&photo_id, shows))
        .await
}

#[tauri::command]
pub async fn calendar(
    state: State<'_, AppState>,
    from: Option<String>,
    weeks: u32,
) -> Answer<Vec<CalendarWeek>> {
    state
        .blocking(move |r| r.calendar_from(from.as_deref().unwrap_or_default(), weeks))
        .await
}

#[tauri::command]
pub async fn rotation(state: State<'_, AppState>) -> Answer<Rotation> {
    state.blocking(|r| r.rotation()).await
}

#[tauri::command]
pub async fn set_rotation(state: State<'_, AppState>, rotation: Rotation) -> Answer<Rotation> {
    state.blocking(move |r| r.set_rotation(&rotation)).await
}

#[tauri::command]
pub async fn skip_friday(state: State<'_, AppState>, friday: String, reason: String) -> Answer<()> {
    state
        .blocking(move |r| r.skip_friday(&friday, &reason))
        .await
}

#[tauri::command]
pub async fn unskip_friday(state: State<'_, AppState>, friday: String) -> Answer<()> {
    state.blocking(move |r| r.unskip_friday(&friday)).await
}

#[tauri::command]
pub async fn plan_edition(state: State<'_, AppState>, plan: EditionPlan) -> Answer<Edition> {
    state.blocking(move |r| r.plan_edition(&plan)).await
}

#[tauri::command]
pub async fn editions(state: State<'_, AppState>) -> Answer<Vec<EditionListing>> {
    state.blocking(|r| r.editions()).await
}

#[tauri::command]
pub async fn edition(state: State<'_, AppState>, id: String) -> Answer<Edition> {
    state.blocking(move |r| r.edition(&id)).await
}

#[tauri::command]
pub async fn suggest_edition(
    state: State<'_, AppState>,
    id: String,
) -> Answer<Vec<SuggestedProduct>> {
    state.blocking(move |r| r.suggest_edition(&id)).await
}

#[tauri::command]
pub async fn accept_suggestion(state: State<'_, AppState>, id: String) -> Answer<Edition> {
    state.blocking(move |r| r.accept_suggestion(&id)).await
}

#[tauri::command]
pub async fn add_to_edition(
    state: State<'_, AppState>,
    id: String,
    product_id: String,
) -> Answer<Edition> {
    state
        .blocking(move |r| r.add_to_edition(&id, &product_id))
        .await
}

#[tauri::command]
pub async fn remove_from_edition(
    state: State<'_, AppState>,
    id: String,
    product_id: String,
) -> Answer<Edition> {
    state
        .blocking(move |r| r.remove_from_edition(&id, &product_id))
        .await
}

#[tauri::command]
pub async fn reorder_edition(
    state: State<'_, AppState>,
    id: String,
    product_ids: Vec<String>,
) -> Answer<Edition> {
    state
        .blocking(move |r| r.reorder_edition(&id, &product_ids))
        .await
}

#[tauri::command]
pub async fn mark_curated(state: State<'_, AppState>, id: String) -> Answer<Edition> {
    state.blocking(move |r| r.mark_curated(&id)).await
}

#[tauri::command]
pub async fn publish_edition(state: State<'_, AppState>, id: String) -> Answer<Edition> {
    let edition = state.blocking(move |r| r.publish_edition(&id)).await?;
    // Frame the photos now, in the background, so the Friday build finds them ready. A
    // failure here only means the build frames them itself.
    let friday = edition.friday.clone();
    let cancel = state.catalogue_cancel.clone();
    if let Some(registry) = state.registry() {
        tauri::async_runtime::spawn_blocking(move || {
            let _ = registry.prepare_catalogue_frames(&friday, &cancel);
        });
    }
    Ok(edition)
}

#[tauri::command]
pub async fn record_sent(
    state: State<'_, AppState>,
    id: String,
    channel: String,
    note: String,
) -> Answer<Edition> {
    state
        .blocking(move |r| r.record_sent(&id, &channel, &note))
        .await
}

#[tauri::command]
pub async fn delete_edition(state: State<'_, AppState>, id: String) -> Answer<()> {
    state.blocking(move |r| r.delete_edition(&id)).await
}

#[tauri::command]
pub async fn review_product(
    state: State<'_, AppState>,
    product_id: String,
    draft: ReviewDraft,
) -> Answer<Review> {
    state
        .blocking(move |r| r.review_product(&product_id, &draft))
        .await
}

#[tauri::command]
pub async fn curation(state: State<'_, AppState>, product_id: String) -> Answer<Curation> {
    state.blocking(move |r| r.curation(&product_id)).await
}

#[tauri::command]
pub async fn reviews(state: State<'_, AppState>, product_id: String) -> Answer<Vec<Review>> {
    state.blocking(move |r| r.reviews(&product_id)).await
}

#[tauri::command]
pub async fn revision_queue(state: State<'_, AppState>, here_only: bool) -> Answer<Vec<QueueItem>> {
    state.blocking(move |r| r.revision_queue(here_only)).await
}

#[tauri::command]
pub async fn readiness(state: State<'_, AppState>, product_id: String) -> Answer<Readiness> {
    state.blocking(move |r| r.readiness(&product_id)).await
}

#[tauri::command]
pub async fn products_with_readiness(
    state: State<'_, AppState>,
    query: ProductQuery,
    filter: ReadinessFilter,
    by_score: bool,
) -> Answer<Vec<ProductReadiness>> {
    state
        .blocking(move |r| r.products_with_readiness(&query, filter, by_score))
        .await
}

#[tauri::command]
pub async fn product_last_featured(
    state: State<'_, AppState>,
    product_id: String,
) -> Answer<Option<String>> {
    state
        .blocking(move |r| r.product_last_featured(&product_id))
        .await
}

#[tauri::command]
pub async fn vendor_last_featured(
    state: State<'_, AppState>,
    vendor_id: String,
) -> Answer<Option<String>> {
    state
        .blocking(move |r| r.vendor_last_featured(&vendor_id))
        .await
}

/// Builds a published edition's catalogue into the export folder, reporting each step through
/// `on_progress`; `cancel_catalogue_build` stops it and nothing is left behind.
#[tauri::command]
pub async fn build_catalogue(
    state: State<'_, AppState>,
    friday: String,
    formats: etalase::catalogue::Formats,
    on_progress: tauri::ipc::Channel<etalase::catalogue::BuildProgress>,
) -> Answer<etalase::catalogue::BuildReport> {
    let cancel = state.catalogue_cancel.clone();
    cancel.store(false, std::sync::atomic::Ordering::Relaxed);
    let last = state.last_build.clone();
    state
        .blocking(move |r| {
            let report = r.build_catalogue(
                &friday,
                &export_dir()?,
                &etalase::catalogue::BuildOptions {
                    formats,
                    templates: None,
                },
                &mut |p| {
                    let _ = on_progress.send(p.clone());
                },
                &cancel,
            )?;
            if !report.cancelled
                && let Ok(mut slot) = last.lock()
            {
                *slot = Some(report.clone());
            }
            Ok(report)
        })
        .await
}

#[tauri::command]
pub async fn cancel_catalogue_build(state: State<'_, AppState>) -> Answer<()> {
    state
        .catalogue_cancel
        .store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

#[tauri::command]
pub async fn catalogue_captions(
    state: State<'_, AppState>,
    friday: String,
) -> Answer<Vec<etalase::catalogue::CaptionText>> {
    state.blocking(move |r| r.catalogue_captions(&friday)).await
}

#[tauri::command]
pub async fn catalogue_options(
    state: State<'_, AppState>,
) -> Answer<etalase::catalogue::CatalogueOptions> {
    state.blocking(|r| r.catalogue_options()).await
}

#[tauri::command]
pub async fn set_catalogue_options(
    state: State<'_, AppState>,
    options: etalase::catalogue::CatalogueOptions,
) -> Answer<etalase::catalogue::CatalogueOptions> {
    state
        .blocking(move |r| r.set_catalogue_options(&options))
        .await
}

/// Renders the catalogue's first pages and a social image with unsaved settings; the window
/// shows them from `catalogue://localhost/look/N.jpg`. Returns how many there are.
#[tauri::command]
pub async fn preview_catalogue_look(
    state: State<'_, AppState>,
    friday: String,
    options: etalase::catalogue::CatalogueOptions,
) -> Answer<etalase::catalogue::LookPreview> {
    let slot = state.look_preview.clone();
    state
        .blocking(move |r| {
            let (pages, problems) = r.catalogue_look_preview(&friday, &options)?;
            let n = pages.len() as u32;
            if let Ok(mut s) = slot.lock() {
                *s = pages;
            }
            Ok(etalase::catalogue::LookPreview { pages: n, problems })
        })
        .await
}

/// Changes whenever an edited template in `folder` is saved; the window polls it.
#[tauri::command]
pub async fn catalogue_template_stamp(folder: String) -> Answer<String> {
    Ok(etalase::catalogue::template_stamp(&folder))
}

/// Sets the catalogue's logo from a file the window staged (see `stage_file`).
#[tauri::command]
pub async fn set_catalogue_logo(
    state: State<'_, AppState>,
    token: String,
) -> Answer<etalase::catalogue::CatalogueOptions> {
    state
        .blocking(move |r| {
            let options = r.set_catalogue_logo(&r.staged_path(&token)?);
            r.discard_staged(&token)?;
            options
        })
        .await
}

#[tauri::command]
pub async fn clear_catalogue_logo(
    state: State<'_, AppState>,
) -> Answer<etalase::catalogue::CatalogueOptions> {
    state.blocking(|r| r.clear_catalogue_logo()).await
}

/// Opens the last build's folder in the file manager. The path is the build's own, never one
/// the window sends.
#[tauri::command]
pub async fn open_catalogue_folder(state: State<'_, AppState>) -> Answer<()> {
    let folder = state
        .last_build
        .lock()
        .ok()
        .and_then(|g| g.as_ref().map(|r| r.folder.clone()))
        .ok_or_else(|| {
            CommandError::from(etalase::Error::Conflict(etalase::text::Text::new(
                "Belum ada katalog yang dibuat di jendela ini.",
                "No catalogue has been built in this window yet.",
            )))
        })?;
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(&folder)
        .spawn()
        .map_err(|e| {
            CommandError::from(etalase::Error::Conflict(etalase::text::Text::new(
                format!("Folder {folder} tidak dapat dibuka ({e}). Buka lewat pengelola berkas."),
                format!(
                    "Folder {folder} could not be opened ({e}). Open it from the file manager."
                ),
            )))
        })?;
    Ok(())
}

/// Writes a bundle into the export folder (Downloads) under a name that says whose and when;
/// never over an existing file.
#[tauri::command]
pub async fn export_bundle(
    state: State<'_, AppState>,
    since_device: Option<String>,
    passphrase: Option<String>,
) -> Answer<ExportReport> {
    state
        .blocking(move |r| {
            r.export_bundle_into(
                &export_dir()?,
                since_device.as_deref(),
                passphrase.as_deref(),
            )
        })
        .await
}

#[tauri::command]
pub async fn preview_bundle(
    state: State<'_, AppState>,
    token: String,
    passphrase: Option<String>,
) -> Answer<BundlePlan> {
    state
        .blocking(move |r| r.preview_bundle(&r.staged_path(&token)?, passphrase.as_deref()))
        .await
}

#[tauri::command]
pub async fn import_bundle(
    state: State<'_, AppState>,
    token: String,
    passphrase: Option<String>,
    sha256: String,
    choices: Vec<ConflictChoice>,
) -> Answer<BundlePlan> {
    state
        .blocking(move |r| {
            let plan = r.import_bundle(
                &r.staged_path(&token)?,
                passphrase.as_deref(),
                Some(&sha256),
                &choices,
            )?;
            r.discard_staged(&token)?;
            Ok(plan)
        })
        .await
}

#[tauri::command]
pub async fn exchanges(state: State<'_, AppState>) -> Answer<Vec<ExchangeEntry>> {
    state.blocking(|r| r.exchanges()).await
}

#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Answer<Vec<Backup>> {
    state.blocking(|r| r.backups()).await
}

#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>) -> Answer<Backup> {
    state
        .blocking(|r| r.create_backup(etalase::backup::Reason::Manual))
        .await
}

/// Restores a backup; returns the backup of what it replaced.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> Answer<Backup> {
    state.blocking(move |r| r.restore_backup(&name)).await
}

#[tauri::command]
pub async fn backup_settings(state: State<'_, AppState>) -> Answer<BackupSettings> {
    state.blocking(|r| r.backup_settings()).await
}

#[tauri::command]
pub async fn set_backup_settings(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> Answer<BackupSettings> {
    state
        .blocking(move |r| r.set_backup_settings(&settings))
        .await
}
