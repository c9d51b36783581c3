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
  DuplicateCandidate,
  Duplicates,
  ErrorPayload,
  FieldError,
  RegionTree,
  RegistryInfo,
  Text,
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

/** A file handed to the core (`stageImport`) and the name the person knows it by. */
export type StagedFile = { token: string; name: string };

/** A spreadsheet the window saved, and how many rows it holds. */
export type ExportedFile = { path: string; count: number };

/** Everything the UI can ask of the core. */
export interface Backend {
  registryInfo(): Promise<RegistryInfo>;
  regions(): Promise<RegionTree>;
  categories(): Promise<Category[]>;
  vendorStats(): Promise<VendorStats>;
  listVendors(query: VendorQuery): Promise<VendorPage>;
  getVendor(id: string): Promise<Vendor>;
  /** The full record as the edit form needs it (the NIK unmasked). */
  vendorDraft(id: string): Promise<VendorDraft>;
  /** Refuses a possible duplicate (error code `possible_duplicates`) unless `duplicates` is "allow". */
  createVendor(draft: VendorDraft, duplicates: Duplicates): Promise<Vendor>;
  updateVendor(id: string, draft: VendorDraft): Promise<Vendor>;
  vendorHistory(id: string): Promise<VendorChange[]>;
  archiveVendor(id: string): Promise<Vendor>;
  restoreVendor(id: string): Promise<Vendor>;
  /** Fills an empty registry with demo vendors; returns how many. */
  consentStatus(id: string): Promise<ConsentStatus[]>;
  grantConsent(id: string, purpose: Purpose, form: ConsentForm): Promise<ConsentStatus>;
  withdrawConsent(id: string, purpose: Purpose): Promise<ConsentStatus>;
  stages(id: string): Promise<StageRecord[]>;
  setStage(id: string, update: StageUpdate): Promise<StageRecord>;
  legality(id: string): Promise<LegalityDoc[]>;
  addLegality(id: string, draft: LegalityDraft): Promise<LegalityDoc>;
  removeLegality(docId: string): Promise<void>;
  /** Erases a vendor completely; cannot be undone. */
  eraseVendor(id: string): Promise<void>;
  fillDemo(): Promise<number>;
  /** Hands a chosen file's bytes to the core; returns the token that names it from now on. */
  stageImport(name: string, bytes: Uint8Array): Promise<string>;
  /** What importing the staged file would do, row by row. Writes nothing. */
  previewImport(token: string, options: ImportOptions): Promise<ImportPlan>;
  /** Writes the good rows; refuses if the file or the outcome differ from `confirmed`. */
  importVendors(token: string, options: ImportOptions, confirmed: ImportConfirmation): Promise<ImportPlan>;
  discardImport(token: string): Promise<void>;
  /** Saves the vendors a query matches as a spreadsheet in the Downloads folder. */
  exportVendors(query: VendorQuery, format: SheetFormat, lang: Lang): Promise<ExportedFile>;
  duplicateReport(): Promise<DuplicatePair[]>;
  mergePreview(keep: string, other: string): Promise<MergePreview>;
  /** Merges `other` into `keep`; `other` disappears. */
  mergeVendors(keep: string, other: string, choice: MergeChoice): Promise<Vendor>;
  listClasses(): Promise<TrainingClass[]>;
  classDetail(id: string): Promise<ClassDetail>;
  createClass(draft: ClassDraft): Promise<TrainingClass>;
  updateClass(id: string, draft: ClassDraft): Promise<TrainingClass>;
  /** Removes a class and its list; stages its attendance moved stay. */
  deleteClass(id: string): Promise<void>;
  enrol(id: string, vendorIds: string[]): Promise<ClassDetail>;
  unenrol(id: string, vendorId: string): Promise<ClassDetail>;
  /** Attending moves the participants' P2 (class) or P3 (coaching) stage forward. */
  recordAttendance(id: string, vendorIds: string[], status: Attendance): Promise<ClassDetail>;
  classesOfVendor(id: string): Promise<VendorClass[]>;
  /** Saves the class's attendance sheet (XLSX) in the Downloads folder. */
  attendanceSheet(id: string, lang: Lang): Promise<ExportedFile>;
  stageOrder(): Promise<StageOrder>;
  /** How P2/P3 are numbered; stages are stored by name, so only their numbers change. */
  setStageOrder(order: StageOrder): Promise<void>;
  listProducts(query: ProductQuery): Promise<Product[]>;
  getProduct(id: string): Promise<Product>;
  productDraft(id: string): Promise<ProductDraft>;
  createProduct(vendorId: string, draft: ProductDraft): Promise<Product>;
  updateProduct(id: string, draft: ProductDraft): Promise<Product>;
  archiveProduct(id: string): Promise<Product>;
  restoreProduct(id: string): Promise<Product>;
  /** Imports staged photo files for a product; `onProgress` hears of each file. */
  importPhotos(productId: string, files: StagedFile[], onProgress: (p: PhotoProgress) => void): Promise<PhotoImportReport>;
  cancelPhotoImport(): Promise<void>;
  photos(productId: string): Promise<Photo[]>;
  setCover(photoId: string): Promise<Photo[]>;
  removePhoto(photoId: string): Promise<Photo[]>;
  /** `null` goes back to the centred framing. */
  setCrop(photoId: string, frame: Frame, crop: Crop | null): Promise<Photo[]>;
  /** Where the window loads a photo from (never a file path). */
  photoUrl(photoId: string, variant: "thumb" | "master" | "1x1" | "4x5" | "9x16"): string;
  /** Each channel's verdict on a product's photos. */
  photoReadiness(productId: string): Promise<ChannelPhotos[]>;
  setShowsPerson(photoId: string, shows: boolean): Promise<Photo[]>;
  calendar(from: string | null, weeks: number): Promise<CalendarWeek[]>;
  rotation(): Promise<Rotation>;
  setRotation(rotation: Rotation): Promise<Rotation>;
  skipFriday(friday: string, reason: string): Promise<void>;
  unskipFriday(friday: string): Promise<void>;
  planEdition(plan: EditionPlan): Promise<Edition>;
  editions(): Promise<EditionListing[]>;
  edition(id: string): Promise<Edition>;
  suggestEdition(id: string): Promise<SuggestedProduct[]>;
  acceptSuggestion(id: string): Promise<Edition>;
  addToEdition(id: string, productId: string): Promise<Edition>;
  removeFromEdition(id: string, productId: string): Promise<Edition>;
  reorderEdition(id: string, productIds: string[]): Promise<Edition>;
  markCurated(id: string): Promise<Edition>;
  publishEdition(id: string): Promise<Edition>;
  recordSent(id: string, channel: string, note: string): Promise<Edition>;
  deleteEdition(id: string): Promise<void>;
  reviewProduct(productId: string, draft: ReviewDraft): Promise<Review>;
  curation(productId: string): Promise<Curation>;
  reviews(productId: string): Promise<Review[]>;
  revisionQueue(hereOnly: boolean): Promise<QueueItem[]>;
  readiness(productId: string): Promise<Readiness>;
  productsWithReadiness(query: ProductQuery, filter: ReadinessFilter, byScore: boolean): Promise<ProductReadiness[]>;
  productLastFeatured(productId: string): Promise<string | null>;
  vendorLastFeatured(vendorId: string): Promise<string | null>;
  buildCatalogue(friday: string, formats: Formats, onProgress: (p: BuildProgress) => void): Promise<BuildReport>;
  cancelCatalogueBuild(): Promise<void>;
  /** Where the window loads an image of the last build from. */
  catalogueUrl(path: string): string;
  catalogueCaptions(friday: string): Promise<CaptionText[]>;
  catalogueOptions(): Promise<CatalogueOptions>;
  setCatalogueOptions(options: CatalogueOptions): Promise<CatalogueOptions>;
  /** Renders the look of unsaved options; the images are at `catalogueUrl("look/N.jpg")`. */
  previewCatalogueLook(friday: string, options: CatalogueOptions): Promise<LookPreview>;
  /** Changes whenever an edited template in the folder is saved (polled to re-render). */
  catalogueTemplateStamp(folder: string): Promise<string>;
  /** Sets the logo from a file staged with `stageImport`. */
  setCatalogueLogo(token: string): Promise<CatalogueOptions>;
  clearCatalogueLogo(): Promise<CatalogueOptions>;
  /** Opens the last build's folder in the file manager. */
  openCatalogueFolder(): Promise<void>;
  finishWelcome(): Promise<void>;
  /** Writes a bundle into the export folder: everything, or what changed since a laptop last confirmed. */
  exportBundle(sinceDevice: string | null, passphrase: string | null): Promise<ExportReport>;
  /** What importing a bundle staged with `stageImport` would do; writes nothing. */
  previewBundle(token: string, passphrase: string | null): Promise<BundlePlan>;
  /** Imports it as previewed (refused if the file changed since), with the person's conflict choices. */
  importBundle(token: string, passphrase: string | null, sha256: string, choices: ConflictChoice[]): Promise<BundlePlan>;
  exchanges(): Promise<ExchangeEntry[]>;
  backups(): Promise<Backup[]>;
  createBackup(): Promise<Backup>;
  /** Restores a backup; answers with the backup made of what it replaced. */
  restoreBackup(name: string): Promise<Backup>;
  backupSettings(): Promise<BackupSettings>;
  setBackupSettings(settings: BackupSettings): Promise<BackupSettings>;
}

/** A failed backend call, as the core described it. */
export class BackendError extends Error {
  readonly code: string;
  readonly text: Text;
  readonly fields: FieldError[];
  readonly duplicates: DuplicateCandidate[];

  constructor(payload: ErrorPayload) {
    super(payload.message.en);
    this.code = payload.code;
    this.text = payload.message;
    this.fields = payload.fields;
    this.duplicates = payload.duplicates ?? [];
  }

  /** Anything thrown by a call, made into a BackendError. */
  static from(e: unknown): BackendError {
    if (e instanceof BackendError) return e;
    if (isPayload(e)) return new BackendError(e);
    const message = e instanceof Error ? e.message : String(e);
    return new BackendError({
      code: "internal",
      message: { id: `Kesalahan tak terduga: ${message}`, en: `Unexpected error: ${message}` },
      fields: [],
      duplicates: [],
    });
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && "code" in e && "message" in e && "fields" in e;
}

export const DEFAULT_QUERY: VendorQuery = {
  search: null,
  kecamatan: null,
  category: null,
  consent: null,
  stage_done: null,
  legality: null,
  has_photos: null,
  sort: "name",
  include_archived: false,
  after: null,
  offset: 0,
  limit: 100,
};

/** A draft with nothing filled in. */
export const EMPTY_DRAFT: VendorDraft = {
  name: "",
  owner: "",
  phone: "",
  kecamatan: "",
  category: "",
  brand: "",
  legal_form: "",
  nib: "",
  npwp: "",
  kbli: "",
  kbli_edition: "",
  capital: "",
  annual_sales: "",
  employees: "",
  street: "",
  rt: "",
  rw: "",
  kelurahan: "",
  gender: "",
  birth_date: "",
  nik: "",
  email: "",
  whatsapp: false,
  home_address: "",
  public_contact: "",
  shop_link: "",
  agency: "",
  mentor: "",
  notes: "",
};

export const LEGAL_FORMS = ["perseorangan", "cv", "ud", "pt", "koperasi", "firma", "lainnya"] as const;

/** A class form with nothing filled in. */
export const EMPTY_CLASS: ClassDraft = {
  kind: "pelatihan",
  topic: "",
  starts_on: "",
  ends_on: "",
  trainer: "",
  place_kind: "training_centre",
  place: "",
  kecamatan: "",
  notes: "",
};

/** A product form with nothing filled in. */
export const EMPTY_PRODUCT: ProductDraft = {
  name: "",
  description: "",
  description_en: "",
  category: "",
  subcategory: "",
  price: "",
  stock: "",
  min_order: "",
  weight_g: "",
  length_cm: "",
  width_cm: "",
  height_cm: "",
  condition: "baru",
  sku: "",
  variants: [],
  legality_ids: [],
  preorder_days: "",
  halal_claim: false,
  permit_exempt: "",
};
