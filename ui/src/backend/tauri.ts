import { Channel, invoke } from "@tauri-apps/api/core";
import type { Backend } from "./types";
import { BackendError } from "./types";
import type {
  Backup,
  BackupSettings,
  BundlePlan,
  ConflictChoice,
  ExchangeEntry,
  ExportReport,
  Category,
  LegalityDoc,
  LegalityDraft,
  StageRecord,
  StageUpdate,
  ConsentForm,
  ConsentStatus,
  Purpose,
  Duplicates,
  RegionTree,
  RegistryInfo,
  Vendor,
  VendorChange,
  VendorDraft,
  VendorPage,
  VendorQuery,
  VendorStats,
  DuplicatePair,
  ImportConfirmation,
  ImportOptions,
  ImportPlan,
  Lang,
  MergeChoice,
  MergePreview,
  SheetFormat,
  Attendance,
  ClassDetail,
  ClassDraft,
  TrainingClass,
  VendorClass,
  StageOrder,
  Product,
  ProductDraft,
  ProductQuery,
  Photo,
  PhotoProgress,
  PhotoImportReport,
  Frame,
  Crop,
  ChannelPhotos,
  CalendarWeek,
  Rotation,
  Edition,
  EditionListing,
  EditionPlan,
  SuggestedProduct,
  Review,
  ReviewDraft,
  Curation,
  QueueItem,
  Readiness,
  ReadinessFilter,
  ProductReadiness,
  Formats,
  BuildProgress,
  BuildReport,
  CaptionText,
  CatalogueOptions,
  LookPreview,
} from "./bindings";
import type { ExportedFile, StagedFile } from "./types";

async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await invoke<T>(command, args, headers ? { headers } : undefined);
  } catch (e) {
    throw BackendError.from(e);
  }
}

export class TauriBackend implements Backend {
  registryInfo = () => call<RegistryInfo>("registry_info");
  regions = () => call<RegionTree>("regions");
  categories = () => call<Category[]>("categories");
  vendorStats = () => call<VendorStats>("vendor_stats");
  listVendors = (query: VendorQuery) => call<VendorPage>("list_vendors", { query });
  getVendor = (id: string) => call<Vendor>("get_vendor", { id });
  vendorDraft = (id: string) => call<VendorDraft>("vendor_draft", { id });
  createVendor = (draft: VendorDraft, duplicates: Duplicates) =>
    call<Vendor>("create_vendor", { draft, duplicates });
  updateVendor = (id: string, draft: VendorDraft) => call<Vendor>("update_vendor", { id, draft });
  vendorHistory = (id: string) => call<VendorChange[]>("vendor_history", { id });
  archiveVendor = (id: string) => call<Vendor>("archive_vendor", { id });
  restoreVendor = (id: string) => call<Vendor>("restore_vendor", { id });
  consentStatus = (id: string) => call<ConsentStatus[]>("consent_status", { id });
  grantConsent = (id: string, purpose: Purpose, form: ConsentForm) =>
    call<ConsentStatus>("grant_consent", { id, purpose, form });
  withdrawConsent = (id: string, purpose: Purpose) => call<ConsentStatus>("withdraw_consent", { id, purpose });
  stages = (id: string) => call<StageRecord[]>("stages", { id });
  setStage = (id: string, update: StageUpdate) => call<StageRecord>("set_stage", { id, update });
  legality = (id: string) => call<LegalityDoc[]>("legality", { id });
  addLegality = (id: string, draft: LegalityDraft) => call<LegalityDoc>("add_legality", { id, draft });
  removeLegality = (docId: string) => call<void>("remove_legality", { docId });
  eraseVendor = (id: string) => call<void>("erase_vendor", { id });
  fillDemo = () => call<number>("fill_demo");
  // The bytes travel as the raw invoke body, not as JSON numbers.
  stageImport = (name: string, bytes: Uint8Array) =>
    call<string>("stage_import", bytes, { "x-file-name": encodeURIComponent(name) });
  previewImport = (token: string, options: ImportOptions) => call<ImportPlan>("preview_import", { token, options });
  importVendors = (token: string, options: ImportOptions, confirmed: ImportConfirmation) =>
    call<ImportPlan>("import_vendors", { token, options, confirmed });
  discardImport = (token: string) => call<void>("discard_import", { token });
  exportVendors = (query: VendorQuery, format: SheetFormat, lang: Lang) =>
    call<ExportedFile>("export_vendors", { query, format, lang });
  duplicateReport = () => call<DuplicatePair[]>("duplicate_report");
  mergePreview = (keep: string, other: string) => call<MergePreview>("merge_preview", { keep, other });
  mergeVendors = (keep: string, other: string, choice: MergeChoice) =>
    call<Vendor>("merge_vendors", { keep, other, choice });
  listClasses = () => call<TrainingClass[]>("list_classes");
  classDetail = (id: string) => call<ClassDetail>("class_detail", { id });
  createClass = (draft: ClassDraft) => call<TrainingClass>("create_class", { draft });
  updateClass = (id: string, draft: ClassDraft) => call<TrainingClass>("update_class", { id, draft });
  deleteClass = (id: string) => call<void>("delete_class", { id });
  enrol = (id: string, vendorIds: string[]) => call<ClassDetail>("enrol", { id, vendorIds });
  unenrol = (id: string, vendorId: string) => call<ClassDetail>("unenrol", { id, vendorId });
  recordAttendance = (id: string, vendorIds: string[], status: Attendance) =>
    call<ClassDetail>("record_attendance", { id, vendorIds, status });
  classesOfVendor = (id: string) => call<VendorClass[]>("classes_of_vendor", { id });
  attendanceSheet = (id: string, lang: Lang) => call<ExportedFile>("attendance_sheet", { id, lang });
  stageOrder = () => call<StageOrder>("stage_order");
  setStageOrder = (order: StageOrder) => call<void>("set_stage_order", { order });
  listProducts = (query: ProductQuery) => call<Product[]>("list_products", { query });
  getProduct = (id: string) => call<Product>("get_product", { id });
  productDraft = (id: string) => call<ProductDraft>("product_draft", { id });
  createProduct = (vendorId: string, draft: ProductDraft) => call<Product>("create_product", { vendorId, draft });
  updateProduct = (id: string, draft: ProductDraft) => call<Product>("update_product", { id, draft });
  archiveProduct = (id: string) => call<Product>("archive_product", { id });
  restoreProduct = (id: string) => call<Product>("restore_product", { id });
  importPhotos = (productId: string, files: StagedFile[], onProgress: (p: PhotoProgress) => void) => {
    const channel = new Channel<PhotoProgress>();
    channel.onmessage = onProgress;
    return call<PhotoImportReport>("import_photos", { productId, files, onProgress: channel });
  };
  cancelPhotoImport = () => call<void>("cancel_photo_import");
  photoReadiness = (productId: string) => call<ChannelPhotos[]>("photo_readiness", { productId });
  setShowsPerson = (photoId: string, shows: boolean) => call<Photo[]>("set_shows_person", { photoId, shows });
  calendar = (from: string | null, weeks: number) => call<CalendarWeek[]>("calendar", { from, weeks });
  rotation = () => call<Rotation>("rotation");
  setRotation = (rotation: Rotation) => call<Rotation>("set_rotation", { rotation });
  skipFriday = (friday: string, reason: string) => call<void>("skip_friday", { friday, reason });
  unskipFriday = (friday: string) => call<void>("unskip_friday", { friday });
  planEdition = (plan: EditionPlan) => call<Edition>("plan_edition", { plan });
  editions = () => call<EditionListing[]>("editions");
  edition = (id: string) => call<Edition>("edition", { id });
  suggestEdition = (id: string) => call<SuggestedProduct[]>("suggest_edition", { id });
  acceptSuggestion = (id: string) => call<Edition>("accept_suggestion", { id });
  addToEdition = (id: string, productId: string) => call<Edition>("add_to_edition", { id, productId });
  removeFromEdition = (id: string, productId: string) => call<Edition>("remove_from_edition", { id, productId });
  reorderEdition = (id: string, productIds: string[]) => call<Edition>("reorder_edition", { id, productIds });
  markCurated = (id: string) => call<Edition>("mark_curated", { id });
  publishEdition = (id: string) => call<Edition>("publish_edition", { id });
  recordSent = (id: string, channel: string, note: string) => call<Edition>("record_sent", { id, channel, note });
  deleteEdition = (id: string) => call<void>("delete_edition", { id });
  reviewProduct = (productId: string, draft: ReviewDraft) => call<Review>("review_product", { productId, draft });
  curation = (productId: string) => call<Curation>("curation", { productId });
  reviews = (productId: string) => call<Review[]>("reviews", { productId });
  revisionQueue = (hereOnly: boolean) => call<QueueItem[]>("revision_queue", { hereOnly });
  readiness = (productId: string) => call<Readiness>("readiness", { productId });
  productsWithReadiness = (query: ProductQuery, filter: ReadinessFilter, byScore: boolean) =>
    call<ProductReadiness[]>("products_with_readiness", { query, filter, byScore });
  productLastFeatured = (productId: string) => call<string | null>("product_last_featured", { productId });
  vendorLastFeatured = (vendorId: string) => call<string | null>("vendor_last_featured", { vendorId });
  photos = (productId: string) => call<Photo[]>("photos", { productId });
  setCover = (photoId: string) => call<Photo[]>("set_cover", { photoId });
  removePhoto = (photoId: string) => call<Photo[]>("remove_photo", { photoId });
  setCrop = (photoId: string, frame: Frame, crop: Crop | null) => call<Photo[]>("set_crop", { photoId, frame, crop });
  // Custom protocols are scheme://localhost on Linux and macOS, http://scheme.localhost on Windows.
  photoUrl = (photoId: string, variant: string) =>
    navigator.userAgent.includes("Windows")
      ? `http://photo.localhost/${encodeURIComponent(photoId)}/${variant}`
      : `photo://localhost/${encodeURIComponent(photoId)}/${variant}`;
  buildCatalogue = (friday: string, formats: Formats, onProgress: (p: BuildProgress) => void) => {
    const channel = new Channel<BuildProgress>();
    channel.onmessage = onProgress;
    return call<BuildReport>("build_catalogue", { friday, formats, onProgress: channel });
  };
  cancelCatalogueBuild = () => call<void>("cancel_catalogue_build");
  catalogueUrl = (path: string) => {
    const encoded = path.split("/").map(encodeURIComponent).join("/");
    return navigator.userAgent.includes("Windows") ? `http://catalogue.localhost/${encoded}` : `catalogue://localhost/${encoded}`;
  };
  catalogueCaptions = (friday: string) => call<CaptionText[]>("catalogue_captions", { friday });
  catalogueOptions = () => call<CatalogueOptions>("catalogue_options");
  setCatalogueOptions = (options: CatalogueOptions) => call<CatalogueOptions>("set_catalogue_options", { options });
  previewCatalogueLook = (friday: string, options: CatalogueOptions) => call<LookPreview>("preview_catalogue_look", { friday, options });
  catalogueTemplateStamp = (folder: string) => call<string>("catalogue_template_stamp", { folder });
  setCatalogueLogo = (token: string) => call<CatalogueOptions>("set_catalogue_logo", { token });
  clearCatalogueLogo = () => call<CatalogueOptions>("clear_catalogue_logo");
  openCatalogueFolder = () => call<void>("open_catalogue_folder");
  finishWelcome = () => call<void>("finish_welcome");
  exportBundle = (sinceDevice: string | null, passphrase: string | null) =>
    call<ExportReport>("export_bundle", { sinceDevice, passphrase });
  previewBundle = (token: string, passphrase: string | null) => call<BundlePlan>("preview_bundle", { token, passphrase });
  importBundle = (token: string, passphrase: string | null, sha256: string, choices: ConflictChoice[]) =>
    call<BundlePlan>("import_bundle", { token, passphrase, sha256, choices });
  exchanges = () => call<ExchangeEntry[]>("exchanges");
  backups = () => call<Backup[]>("backups");
  createBackup = () => call<Backup>("create_backup");
  restoreBackup = (name: string) => call<Backup>("restore_backup", { name });
  backupSettings = () => call<BackupSettings>("backup_settings");
  setBackupSettings = (settings: BackupSettings) => call<BackupSettings>("set_backup_settings", { settings });
}
