// Generated from the Rust types by `cargo test` (src/bindings.rs). Do not edit by hand:
// run `make bindings` after changing a type that crosses to the UI.

export type Lang = "id" | "en";

export type Text = { id: string, en: string, };

export type FieldError = { 
/**
 * The field's name as the UI and the CLI know it (`name`, `owner`, `phone`, ...).
 */
field: string, 
/**
 * A stable code (`required`, `too_long`, `invalid_phone`, `unknown_kecamatan`, ...).
 */
code: string, message: Text, };

export type ErrorPayload = { code: string, message: Text, fields: Array<FieldError>, 
/**
 * For `possible_duplicates`: the existing vendors the new one may be.
 */
duplicates: Array<DuplicateCandidate>, };

export type Category = { 
/**
 * Stable identifier, e.g. `makanan-minuman`.
 */
slug: string, name: Text, 
/**
 * Position in the weekly rotation, from 1.
 */
rotation: number, };

export type Purpose = "registration" | "publish" | "contact" | "people_photos";

export type ConsentForm = "written" | "recorded" | "electronic";

export type ConsentRecord = { id: string, purpose: Purpose, form: ConsentForm, notice_version: string, granted_at: number, withdrawn_at: number | null, device_id: string, };

export type ConsentStatus = { purpose: Purpose, 
/**
 * The grant in force, if any.
 */
active: ConsentRecord | null, 
/**
 * The latest withdrawal when nothing is in force.
 */
last_withdrawn: ConsentRecord | null, 
/**
 * What the owner is told before agreeing.
 */
notice: Text, };

export type LegalityKind = "pirt" | "bpom" | "halal" | "hki" | "sni" | "other";

export type LegalityDraft = { kind: LegalityKind, number: string, 
/**
 * `YYYY-MM-DD` or `DD-MM-YYYY`; empty for unknown.
 */
issued_on: string, 
/**
 * `YYYY-MM-DD` or `DD-MM-YYYY`; empty for unknown (a P-IRT's is read from its number).
 */
valid_until: string, note: string, };

export type LegalityDoc = { id: string, kind: LegalityKind, number: string, issued_on: string | null, valid_until: string | null, note: string | null, expired: boolean, warnings: Array<FieldWarning>, };

export type PersonalDataExport = { exported_at: string, vendor: Vendor, 
/**
 * Every field as stored, the NIK unmasked.
 */
record: VendorDraft, legality: Array<LegalityDoc>, stages: Array<StageRecord>, consent: Array<ConsentStatus>, consent_history: Array<ConsentRecord>, history: Array<VendorChange>, 
/**
 * Classes and coaching taken part in.
 */
classes: Array<VendorClass>, 
/**
 * Products with their photos (ids and sizes; `etalase photo export` writes the images).
 */
products: Array<ProductWithPhotos>, };

export type Stage = "pendaftaran" | "pelatihan" | "pendampingan" | "perizinan" | "pemasaran" | "pelaporan_keuangan" | "permodalan";

export type StageStatus = "belum" | "proses" | "selesai";

export type StageRecord = { stage: Stage, status: StageStatus, 
/**
 * `YYYY-MM-DD`.
 */
date: string | null, note: string | null, };

export type StageUpdate = { stage: Stage, status: StageStatus, 
/**
 * `YYYY-MM-DD` or `DD-MM-YYYY`; empty for none.
 */
date: string, note: string, };

export type StageOrder = "pelatihan_first" | "pendampingan_first";

export type FieldWarning = { field: string, code: string, message: Text, };

export type Gender = "female" | "male";

export type SizeClass = "mikro" | "kecil" | "menengah" | "besar";

export type City = { code: string, name: string, };

export type Kecamatan = { code: string, city_code: string, name: string, };

export type Kelurahan = { code: string, kecamatan_code: string, name: string, postal_code: string | null, };

export type RegistryInfo = { data_dir: string, path: string, device_id: string, schema_version: number, vendor_count: number, 
/**
 * Whether the first-start choice (demo data or an empty registry) has been made.
 */
welcome_done: boolean, app_version: string, };

export type Vendor = { 
/**
 * UUIDv7, made on the device that registered the vendor.
 */
id: string, 
/**
 * The business's name.
 */
name: string, 
/**
 * The owner's name.
 */
owner: string, 
/**
 * The owner's mobile number in E.164 form (`+628…`).
 */
phone: string, 
/**
 * The kecamatan's name, as `--kecamatan` accepts it.
 */
kecamatan: string, kecamatan_code: string, 
/**
 * The regency or city the kecamatan belongs to.
 */
city: string, city_code: string, 
/**
 * The category's slug, as `--category` accepts it.
 */
category: string, archived: boolean, 
/**
 * Milliseconds since the Unix epoch.
 */
created_at: number, updated_at: number, brand: string | null, legal_form: string | null, nib: string | null, npwp: string | null, kbli: Array<string>, kbli_edition: number | null, capital_rp: number | null, annual_sales_rp: number | null, employees: number | null, 
/**
 * By PP 7/2021, from annual sales or else capital.
 */
size_class: SizeClass | null, street: string | null, rt: string | null, rw: string | null, kelurahan: string | null, kelurahan_code: string | null, postal_code: string | null, gender: Gender | null, 
/**
 * `YYYY-MM-DD`.
 */
birth_date: string | null, 
/**
 * The NIK with its middle hidden (`3174••••••••0007`).
 */
nik_masked: string | null, email: string | null, 
/**
 * Whether the owner's mobile number is on WhatsApp.
 */
whatsapp: boolean, home_address: string | null, 
/**
 * The contact the owner chose to publish in catalogues.
 */
public_contact: string | null, 
/**
 * The business's online shop or social-media page (`https://…`), public.
 */
shop_link: string | null, agency: string | null, mentor: string | null, notes: string | null, 
/**
 * Things worth a second look (an unknown NIK region, ...). Filled on single reads.
 */
warnings: Array<FieldWarning>, };

export type VendorDraft = { name: string, owner: string, 
/**
 * The owner's own mobile number.
 */
phone: string, 
/**
 * A kecamatan's official code or name.
 */
kecamatan: string, 
/**
 * A category's slug or name.
 */
category: string, brand: string, 
/**
 * `perseorangan`, `cv`, `ud`, `pt`, `koperasi`, `firma` or `lainnya`.
 */
legal_form: string, nib: string, npwp: string, 
/**
 * KBLI codes separated by commas.
 */
kbli: string, 
/**
 * `2020` or `2025` (default 2020 when codes are given).
 */
kbli_edition: string, 
/**
 * Business capital in rupiah, as typed (`Rp 15.000.000` is fine).
 */
capital: string, 
/**
 * Annual sales in rupiah, as typed.
 */
annual_sales: string, employees: string, street: string, rt: string, rw: string, 
/**
 * A kelurahan's code or name, in the chosen kecamatan.
 */
kelurahan: string, 
/**
 * `female` or `male` (`perempuan`, `laki-laki` too).
 */
gender: string, 
/**
 * `YYYY-MM-DD` or `DD-MM-YYYY`.
 */
birth_date: string, nik: string, email: string, whatsapp: boolean, home_address: string, public_contact: string, 
/**
 * The online shop's address (`https://…`; `tokopedia.com/…` is completed).
 */
shop_link: string, agency: string, mentor: string, notes: string, };

export type VendorPatch = { name: string | null, owner: string | null, phone: string | null, kecamatan: string | null, category: string | null, brand: string | null, legal_form: string | null, nib: string | null, npwp: string | null, kbli: string | null, kbli_edition: string | null, capital: string | null, annual_sales: string | null, employees: string | null, street: string | null, rt: string | null, rw: string | null, kelurahan: string | null, gender: string | null, birth_date: string | null, nik: string | null, email: string | null, whatsapp: boolean | null, home_address: string | null, public_contact: string | null, shop_link: string | null, agency: string | null, mentor: string | null, notes: string | null, };

export type VendorQuery = { 
/**
 * Words to find in the business name, owner name or phone.
 */
search: string | null, kecamatan: string | null, category: string | null, 
/**
 * Only vendors whose consent for this purpose is in force.
 */
consent: Purpose | null, 
/**
 * Only vendors who completed this Jakpreneur stage.
 */
stage_done: Stage | null, 
/**
 * Only vendors holding a document of this kind.
 */
legality: LegalityKind | null, 
/**
 * Only vendors with (true) or without (false) a product photo.
 */
has_photos: boolean | null, sort: VendorSort, include_archived: boolean, 
/**
 * Rows after this vendor in the list's order (keyset paging: as fast on the last page as
 * on the first). When set, `offset` counts from there.
 */
after: string | null, offset: number, limit: number, };

export type VendorSort = "name" | "newest" | "updated" | "kecamatan";

export type VendorPage = { items: Array<Vendor>, total: number, };

export type Count = { key: string, count: number, };

export type VendorStats = { active: number, archived: number, 
/**
 * Active vendors per category, in rotation order, zero counts included.
 */
by_category: Array<Count>, 
/**
 * Active vendors per regency/city, in code order, zero counts included.
 */
by_city: Array<Count>, };

export type Duplicates = "refuse" | "allow";

export type DuplicateReason = { 
/**
 * `same_nib`, `same_nik`, `same_phone` or `similar_name`.
 */
code: string, text: Text, };

export type DuplicateCandidate = { vendor: Vendor, 
/**
 * 0–1: how alike the business names are after normalising.
 */
name_score: number, reasons: Array<DuplicateReason>, };

export type DuplicatePair = { first: Vendor, second: Vendor, name_score: number, reasons: Array<DuplicateReason>, };

export type FieldChange = { field: string, old: string | null, new: string | null, };

export type VendorChange = { id: string, 
/**
 * `create`, `edit`, `archive`, `restore`, `import` or `merge`.
 */
action: string, at: number, device_id: string, changes: Array<FieldChange>, };

export type ImportOptions = { 
/**
 * Per column, in the file's order, the field it fills (`null`: ignored). Empty: guessed
 * from the headings.
 */
mapping: Array<string | null>, 
/**
 * Register rows that look like an existing vendor (without surely being it) anyway.
 */
allow_duplicates: boolean, };

export type ImportConfirmation = { fingerprint: string, counts: ImportCounts, };

export type ImportColumn = { heading: string, field: string | null, 
/**
 * The first few filled cells, to check the mapping by eye.
 */
samples: Array<string>, };

export type ImportTarget = { key: string, label: Text, 
/**
 * Needed to register a new vendor.
 */
required: boolean, };

export type RowAction = "create" | "update" | "unchanged" | "invalid" | "duplicate" | "repeated";

export type ImportRow = { 
/**
 * The row's number as a spreadsheet program shows it.
 */
line: number, 
/**
 * The business name in the row (or the owner's, if none).
 */
name: string, action: RowAction, 
/**
 * The registered vendor it updates, matches or resembles.
 */
vendor_id: string | null, vendor_name: string | null, 
/**
 * The earlier line it repeats.
 */
same_as_line: number | null, 
/**
 * For updates: the fields that change.
 */
changed: Array<string>, errors: Array<FieldError>, reasons: Array<DuplicateReason>, };

export type ImportCounts = { create: number, update: number, unchanged: number, invalid: number, duplicate: number, repeated: number, };

export type ImportPlan = { file_name: string, fingerprint: string, columns: Array<ImportColumn>, targets: Array<ImportTarget>, 
/**
 * Required fields no column fills: new vendors cannot be registered without them.
 */
unmapped_required: Array<string>, rows: Array<ImportRow>, counts: ImportCounts, 
/**
 * Whether the rows were written.
 */
applied: boolean, };

export type MergeField = { field: string, keep: string | null, other: string | null, 
/**
 * What the merge takes unless the person picks otherwise: the other's value when the
 * kept record has none.
 */
from_other_by_default: boolean, };

export type MergePreview = { keep: Vendor, other: Vendor, fields: Array<MergeField>, 
/**
 * How many history entries, consents, documents and stages move over.
 */
history: number, consents: number, documents: number, stages: number, };

export type MergeChoice = { from_other: Array<string>, };

export type SheetFormat = "csv" | "xlsx";

export type ClassKind = "pelatihan" | "pendampingan";

export type PlaceKind = "training_centre" | "kecamatan_office" | "other";

export type Attendance = "registered" | "attended" | "absent";

export type ClassDraft = { kind: ClassKind, topic: string, 
/**
 * `YYYY-MM-DD` or `DD-MM-YYYY`.
 */
starts_on: string, 
/**
 * Empty for a one-day class.
 */
ends_on: string, trainer: string, place_kind: PlaceKind, 
/**
 * The centre's or venue's name.
 */
place: string, 
/**
 * For a kecamatan office: which kecamatan (name or code).
 */
kecamatan: string, notes: string, };

export type TrainingClass = { id: string, kind: ClassKind, topic: string, starts_on: string, ends_on: string | null, trainer: string | null, place_kind: PlaceKind, place: string | null, kecamatan_code: string | null, kecamatan: string | null, notes: string | null, participants: number, attended: number, };

export type Participant = { vendor_id: string, name: string, owner: string, kecamatan: string, status: Attendance, };

export type ClassDetail = { class: TrainingClass, participants: Array<Participant>, };

export type VendorClass = { class: TrainingClass, status: Attendance, };

export type Variant = { name: string, options: Array<string>, };

export type ProductDraft = { name: string, description: string, description_en: string, 
/**
 * A category's slug or name.
 */
category: string, subcategory: string, 
/**
 * Whole rupiah (`Rp 25.000` is fine).
 */
price: string, stock: string, min_order: string, weight_g: string, length_cm: string, width_cm: string, height_cm: string, 
/**
 * `baru` (new, the default) or `bekas` (used).
 */
condition: string, sku: string, variants: Array<Variant>, 
/**
 * Ids of the vendor's legality documents this product carries.
 */
legality_ids: Array<string>, preorder_days: string, 
/**
 * The label or listing says halal (needs a halal certificate among `legality_ids`).
 */
halal_claim: boolean, 
/**
 * Why packaged food needs no P-IRT or BPOM number: `fresh` (keeps under 7 days),
 * `ready_to_eat` or `raw`; empty when it needs one.
 */
permit_exempt: string, };

export type Product = { id: string, vendor_id: string, vendor_name: string, name: string, description: string | null, description_en: string | null, category: string, subcategory: string | null, price_rp: number, stock: number | null, min_order: number | null, weight_g: number | null, length_cm: number | null, width_cm: number | null, height_cm: number | null, condition: string, sku: string | null, variants: Array<Variant>, legality_ids: Array<string>, preorder_days: number | null, halal_claim: boolean, permit_exempt: string | null, archived: boolean, 
/**
 * How many photos it has; the first is the cover.
 */
photo_count: number, 
/**
 * The cover photo's id, for the thumbnail in lists.
 */
cover_photo: string | null, warnings: Array<FieldWarning>, };

export type ProductQuery = { vendor_id: string | null, 
/**
 * Words in the product's or the vendor's name.
 */
search: string | null, category: string | null, include_archived: boolean, };

export type Crop = { x: number, y: number, w: number, h: number, };

export type Frame = "square" | "portrait" | "story";

export type FrameCrop = { frame: Frame, crop: Crop, 
/**
 * False while the centred default is used.
 */
chosen: boolean, };

export type PhotoFlag = { 
/**
 * `small`, `too_small_for_cover`, `dark`, `blurry`, `same_as_other_vendor`.
 */
code: string, text: Text, };

export type Photo = { id: string, product_id: string, 
/**
 * SHA-256 of the original file.
 */
hash: string, position: number, cover: boolean, 
/**
 * The master's size.
 */
width: number, height: number, 
/**
 * The original's size, which the size rules judge.
 */
original_width: number, original_height: number, source_format: string, master_bytes: number, crops: Array<FrameCrop>, flags: Array<PhotoFlag>, 
/**
 * Marked by staff: the picture shows a person (publishing it needs their consent).
 */
shows_person: boolean, };

export type ChannelPhotos = { channel: string, name: string, ready: boolean, 
/**
 * How many photos go to the channel.
 */
sent: number, 
/**
 * What stops it, in plain words.
 */
problems: Array<Text>, 
/**
 * What is worth knowing but does not stop it.
 */
notes: Array<Text>, };

export type PhotoProgress = { done: number, total: number, 
/**
 * The file just finished.
 */
current: string, };

export type PhotoStatus = "added" | "already_there" | "refused";

export type PhotoOutcome = { file: string, status: PhotoStatus, photo_id: string | null, 
/**
 * Why it was refused (a stable code and the reason in both languages).
 */
code: string | null, reason: Text | null, };

export type PhotoImportReport = { outcomes: Array<PhotoOutcome>, added: number, already_there: number, refused: number, 
/**
 * Stopped before every file was done; what is listed was finished.
 */
cancelled: boolean, };

export type Rotation = { start: string, order: Array<string>, };

export type CalendarWeek = { friday: string, 
/**
 * `Jumat, 3 Desember 2021`.
 */
label: Text, 
/**
 * The rotation's theme; none on a skipped Friday.
 */
rotation_theme: string | null, 
/**
 * The theme in force: the edition's own if it has one, else the rotation's.
 */
theme: string | null, skipped: boolean, skip_reason: string | null, edition: EditionSummary | null, };

export type EditionSummary = { id: string, state: string, items: number, };

export type Mark = "ok" | "revise" | "na";

export type Criteria = { legality: Mark, quality: Mark, packaging: Mark, taste: Mark, hygiene: Mark, photo: Mark, };

export type Verdict = "ok" | "revise";

export type ReviewDraft = { criteria: Criteria, 
/**
 * What to fix, in words the vendor understands; required when asking for revision.
 */
notes: string, reviewer: string, 
/**
 * Empty for today (Jakarta).
 */
reviewed_on: string, };

export type Review = { id: string, product_id: string, criteria: Criteria, verdict: Verdict, notes: string | null, reviewer: string, reviewed_on: string, created_at: number, };

export type Curation = { product_id: string, 
/**
 * The newest review, if any.
 */
latest: Review | null, 
/**
 * Whether the product was edited after its newest review (ready to be looked at again).
 */
edited_since: boolean, };

export type QueueItem = { product_id: string, product_name: string, vendor_id: string, vendor_name: string, cover_photo: string | null, review: Review, edited_since: boolean, 
/**
 * Registered on this laptop.
 */
registered_here: boolean, };

export type Channel = "catalogue" | "instagram" | "whatsapp" | "tokopedia" | "shopee";

export type Gap = { code: string, text: Text, channels: Array<Channel>, };

export type Readiness = { product_id: string, 
/**
 * Per cent of the checks passed over all channels.
 */
score: number, gaps: Array<Gap>, 
/**
 * The channels with nothing missing.
 */
ready: Array<Channel>, 
/**
 * The newest curation verdict, if reviewed.
 */
curation: Verdict | null, };

export type ReadinessFilter = "all" | "ready" | "missing";

export type ProductReadiness = { product: Product, readiness: Readiness, };

export type PublicPermit = { kind: string, number: string, };

export type PublicPhoto = { id: string, 
/**
 * The stored picture's content hash (kept while a snapshot refers to it).
 */
hash: string, width: number, height: number, square: Crop, portrait: Crop, story: Crop, };

export type PublicItem = { product_id: string, vendor_id: string, position: number, name: string, description: string | null, description_en: string | null, category: string, subcategory: string | null, price_rp: number, stock: number | null, min_order: number | null, weight_g: number | null, condition: string, sku: string | null, variants: Array<Variant>, preorder_days: number | null, vendor_name: string, brand: string | null, kecamatan: string, city: string, permits: Array<PublicPermit>, 
/**
 * The owner's chosen public contact, only with the contact consent.
 */
contact: string | null, 
/**
 * The business's online shop (public business information, published with the item).
 * Snapshots frozen before it existed read as none.
 */
shop_link: string | null, photos: Array<PublicPhoto>, };

export type EditionPlan = { friday: string, theme: string, 
/**
 * `province`, `city` or `kecamatan`.
 */
scope_level: string, 
/**
 * The city's or kecamatan's code (or name, for a kecamatan).
 */
scope_code: string, quota: number | null, channels: Array<string>, hashtags: Array<string>, };

export type EditionState = "draft" | "curated" | "published";

export type Scope = { level: string, code: string, name: string, };

export type EditionItem = { product: Product, position: number, 
/**
 * `suggested` or `manual`.
 */
source: string, 
/**
 * Why the suggestion chose it.
 */
reason: Text | null, readiness: Readiness, 
/**
 * What keeps it from being published now (empty when it can be).
 */
problems: Array<Text>, kecamatan_code: string, kecamatan_name: string, last_featured: string | null, };

export type KecamatanCount = { code: string, name: string, count: number, quota: number, };

export type PublishEntry = { id: string, channel: string, 
/**
 * `published` (the edition was frozen for it) or `sent` (someone posted or uploaded it).
 */
action: string, note: string | null, at: number, };

export type Edition = { id: string, friday: string, label: Text, theme: string, theme_name: Text, 
/**
 * The rotation's theme for the Friday (differs when the instructor chose another).
 */
rotation_theme: string | null, scope: Scope, quota: number, channels: Array<Channel>, hashtags: Array<string>, state: EditionState, published_at: number | null, 
/**
 * The selection while not published.
 */
items: Array<EditionItem>, 
/**
 * The frozen selection once published.
 */
snapshot: Array<PublicItem>, counts: Array<KecamatanCount>, log: Array<PublishEntry>, 
/**
 * Things to act on (a vendor withdrew consent after publication, ...).
 */
notices: Array<Text>, };

export type EditionListing = { id: string, friday: string, label: Text, theme: string, state: EditionState, items: number, };

export type SuggestedProduct = { product: Product, kecamatan_name: string, reason: Text, };

export type Formats = { pdf: boolean, social: boolean, captions: boolean, web: boolean, sheets: boolean, };

export type BuildProgress = { done: number, total: number, step: Text, };

export type BuiltFile = { 
/**
 * Relative to the edition's folder.
 */
path: string, bytes: number, };

export type BuildReport = { folder: string, files: Array<BuiltFile>, 
/**
 * Problems in an edited template (file:line:column: message); the default was used.
 */
template_problems: Array<string>, 
/**
 * Products a marketplace sheet left out, and why.
 */
left_out: Array<Text>, cancelled: boolean, };

export type CaptionText = { channel: string, text: string, };

export type CatalogueOptions = { price_style: string, grouping: string, colour: string, accent: string, paper: string, logo: boolean, 
/**
 * A folder with edited copies of `catalogue.typ` and `social.typ`, or empty for the
 * built-in templates.
 */
templates: string, };

export type LookPreview = { pages: number, problems: Array<string>, };

export type ProductWithPhotos = { product: Product, photos: Array<Photo>, };

export type RegionTree = { province: string, cities: Array<CityNode>, 
/**
 * Every kelurahan; pickers show those of the chosen kecamatan.
 */
kelurahan: Array<Kelurahan>, };

export type CityNode = { code: string, name: string, kecamatan: Array<Kecamatan>, };

export type ExportReport = { file: string, bytes: number, 
/**
 * Whether it holds the whole registry (else what changed since the other laptop last
 * confirmed).
 */
whole: boolean, counts: { [key in string]: number }, sealed: boolean, };

export type TableCounts = { table: string, added: number, changed: number, deleted: number, unchanged: number, };

export type Conflict = { table: string, key: string, 
/**
 * What the row is, for people (a business or product name).
 */
row: string, field: string, here: string | null, there: string | null, here_at: number, here_device: string, there_at: number, there_device: string, 
/**
 * What the rule keeps: `here` or `there`.
 */
choice: string, };

export type ConflictChoice = { table: string, key: string, field: string, 
/**
 * `here` or `there`.
 */
keep: string, };

export type BundlePlan = { 
/**
 * The bundle's SHA-256: the import refuses a file that changed since its preview.
 */
sha256: string, source_device: string, made_at: number, whole: boolean, tables: Array<TableCounts>, conflicts: Array<Conflict>, 
/**
 * Rows not taken because their vendor was erased (here or there).
 */
erased_rows: number, 
/**
 * Vendors the other laptop erased that are erased here too.
 */
erased_here: number, warnings: Array<Text>, 
/**
 * Whether anything would change.
 */
changes: boolean, applied: boolean, };

export type ExchangeEntry = { direction: string, peer_device: string | null, file_name: string, at: number, counts: { [key in string]: number }, };

export type Backup = { 
/**
 * The file's name in the backups folder; what `restore` takes.
 */
name: string, path: string, made_at: number, bytes: number, 
/**
 * `manual`, `auto`, `before-import`, `before-restore` or `before-migration`.
 */
reason: string, };

export type BackupSettings = { 
/**
 * Hours between automatic backups; 0: none.
 */
every_hours: number, 
/**
 * How many backups to keep (at least 2).
 */
keep: number, };
