// An in-memory backend for UI tests and for opening the UI in a plain browser. It does not
// validate like the core does: tests that need a refusal queue one with `failNext`.
import type { Backend } from "./types";
import { BackendError, EMPTY_DRAFT, EMPTY_PRODUCT } from "./types";
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
  ErrorPayload,
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
  EditionItem,
  EditionPlan,
  Review,
  ReviewDraft,
  Readiness,
  ReadinessFilter,
  QueueItem,
  Formats,
  BuildProgress,
  BuildReport,
  CatalogueOptions,
  LookPreview,
} from "./bindings";
import type { ExportedFile, StagedFile } from "./types";

const CATEGORIES: Category[] = [
  { slug: "makanan-minuman", name: { id: "Makanan dan Minuman", en: "Food and beverage" }, rotation: 1 },
  { slug: "fesyen-kerajinan", name: { id: "Fesyen dan Kerajinan", en: "Fashion and handicraft" }, rotation: 2 },
  { slug: "rumah-tangga", name: { id: "Produk Rumah Tangga", en: "Household products" }, rotation: 3 },
  { slug: "kesehatan", name: { id: "Produk Kesehatan", en: "Health products" }, rotation: 4 },
];

const REGIONS: RegionTree = {
  province: "Daerah Khusus Jakarta",
  cities: [
    {
      code: "31.71",
      name: "Kota Administrasi Jakarta Pusat",
      kecamatan: [
        { code: "31.71.01", city_code: "31.71", name: "Gambir" },
        { code: "31.71.06", city_code: "31.71", name: "Menteng" },
      ],
    },
    {
      code: "31.74",
      name: "Kota Administrasi Jakarta Selatan",
      kecamatan: [{ code: "31.74.01", city_code: "31.74", name: "Tebet" }],
    },
  ],
  kelurahan: [
    { code: "31.71.01.1002", kecamatan_code: "31.71.01", name: "Cideng", postal_code: "10150" },
    { code: "31.74.01.1007", kecamatan_code: "31.74.01", name: "Manggarai", postal_code: "12850" },
  ],
};

/** A vendor with only the foundation's fields filled in; the rest empty. */
export function blankVendor(fields: Pick<Vendor, "id" | "name" | "owner" | "phone" | "kecamatan" | "kecamatan_code" | "city" | "city_code" | "category"> & Partial<Vendor>): Vendor {
  return {
    archived: false,
    created_at: 0,
    updated_at: 0,
    brand: null,
    legal_form: null,
    nib: null,
    npwp: null,
    kbli: [],
    kbli_edition: null,
    capital_rp: null,
    annual_sales_rp: null,
    employees: null,
    size_class: null,
    street: null,
    rt: null,
    rw: null,
    kelurahan: null,
    kelurahan_code: null,
    postal_code: null,
    gender: null,
    birth_date: null,
    nik_masked: null,
    email: null,
    whatsapp: false,
    home_address: null,
    public_contact: null,
    shop_link: null,
    agency: null,
    mentor: null,
    notes: null,
    warnings: [],
    ...fields,
  };
}

/** The vendor most UI tests start from: a food business in Tebet. */
export function sitiVendor(): Vendor {
  return blankVendor({
    id: "v1",
    name: "Kue Basah Bu Siti",
    owner: "Siti",
    phone: "+6281234567890",
    kecamatan: "Tebet",
    kecamatan_code: "31.74.01",
    city: "Kota Administrasi Jakarta Selatan",
    city_code: "31.74",
    category: "makanan-minuman",
  });
}

export class MockBackend implements Backend {
  vendors: Vendor[] = [];
  calls: { method: string; args: unknown[] }[] = [];
  welcomeDone = false;
  private failures: ErrorPayload[] = [];

  constructor(vendors: Vendor[] = []) {
    this.vendors = vendors;
  }

  /** The next call fails with this error. */
  failNext(payload: ErrorPayload): void {
    this.failures.push(payload);
  }

  private async answer<T>(method: string, args: unknown[], value: () => T): Promise<T> {
    this.calls.push({ method, args });
    const failure = this.failures.shift();
    if (failure) throw new BackendError(failure);
    return value();
  }

  private find(id: string): Vendor {
    const v = this.vendors.find((x) => x.id === id);
    if (!v) {
      throw new BackendError({
        code: "not_found",
        message: { id: `Pelaku usaha ${id} tidak ditemukan.`, en: `vendor ${id} was not found.` },
        fields: [],
        duplicates: [],
      });
    }
    return v;
  }

  private fromDraft(id: string, d: VendorDraft, created: number): Vendor {
    const city = REGIONS.cities.find((c) => c.kecamatan.some((k) => k.code === d.kecamatan));
    const kec = city?.kecamatan.find((k) => k.code === d.kecamatan);
    return blankVendor({
      id,
      name: d.name,
      owner: d.owner,
      phone: d.phone,
      kecamatan: kec?.name ?? d.kecamatan,
      kecamatan_code: d.kecamatan,
      city: city?.name ?? "",
      city_code: city?.code ?? "",
      category: d.category,
      created_at: created,
      updated_at: Date.now(),
      brand: d.brand || null,
      nib: d.nib || null,
    });
  }

  registryInfo = () =>
    this.answer("registryInfo", [], (): RegistryInfo => ({
      data_dir: "/mock",
      path: "/mock/registry.sqlite",
      device_id: "mock-device",
      schema_version: 1,
      vendor_count: this.vendors.length,
      welcome_done: this.welcomeDone,
      app_version: "0.0.0-mock",
    }));
  regions = () => this.answer("regions", [], () => REGIONS);
  categories = () => this.answer("categories", [], () => CATEGORIES);
  vendorStats = () =>
    this.answer("vendorStats", [], (): VendorStats => {
      const active = this.vendors.filter((v) => !v.archived);
      return {
        active: active.length,
        archived: this.vendors.length - active.length,
        by_category: CATEGORIES.map((c) => ({
          key: c.slug,
          count: active.filter((v) => v.category === c.slug).length,
        })),
        by_city: REGIONS.cities.map((c) => ({
          key: c.code,
          count: active.filter((v) => v.city_code === c.code).length,
        })),
      };
    });
  listVendors = (query: VendorQuery) =>
    this.answer("listVendors", [query], (): VendorPage => {
      const s = query.search?.toLowerCase() ?? "";
      const matched = this.vendors
        .filter((v) => query.include_archived || !v.archived)
        .filter((v) => !query.kecamatan || v.kecamatan_code === query.kecamatan)
        .filter((v) => !query.category || v.category === query.category)
        .filter((v) => !s || `${v.name} ${v.owner} ${v.phone}`.toLowerCase().includes(s))
        .sort((a, b) => a.name.localeCompare(b.name));
      const start = query.after ? matched.findIndex((v) => v.id === query.after) + 1 : 0;
      const from = start + query.offset;
      return { items: matched.slice(from, from + query.limit), total: matched.length };
    });
  getVendor = (id: string) => this.answer("getVendor", [id], () => this.find(id));
  vendorDraft = (id: string) =>
    this.answer("vendorDraft", [id], (): VendorDraft => {
      const v = this.find(id);
      return { ...EMPTY_DRAFT, name: v.name, owner: v.owner, phone: v.phone, kecamatan: v.kecamatan_code, category: v.category };
    });
  createVendor = (draft: VendorDraft, duplicates: Duplicates) =>
    this.answer("createVendor", [draft, duplicates], () => {
      const v = this.fromDraft(`mock-${this.vendors.length + 1}`, draft, Date.now());
      this.vendors.push(v);
      return v;
    });
  updateVendor = (id: string, draft: VendorDraft) =>
    this.answer("updateVendor", [id, draft], () => {
      const old = this.find(id);
      const v = { ...this.fromDraft(id, draft, old.created_at), archived: old.archived };
      this.vendors = this.vendors.map((x) => (x.id === id ? v : x));
      return v;
    });
  vendorHistory = (id: string) =>
    this.answer("vendorHistory", [id], (): VendorChange[] => {
      const v = this.find(id);
      return [{ id: `${id}-create`, action: "create", at: v.created_at, device_id: "mock-device", changes: [] }];
    });
  archiveVendor = (id: string) =>
    this.answer("archiveVendor", [id], () => Object.assign(this.find(id), { archived: true }));
  restoreVendor = (id: string) =>
    this.answer("restoreVendor", [id], () => Object.assign(this.find(id), { archived: false }));
  consents = new Map<string, ConsentStatus>();
  private consentKey = (id: string, p: Purpose) => `${id}/${p}`;
  consentStatus = (id: string) =>
    this.answer("consentStatus", [id], () =>
      (["registration", "publish", "contact", "people_photos"] as Purpose[]).map(
        (p) =>
          this.consents.get(this.consentKey(id, p)) ?? {
            purpose: p,
            active: null,
            last_withdrawn: null,
            notice: { id: `Pemberitahuan ${p}`, en: `Notice ${p}` },
          },
      ),
    );
  grantConsent = (id: string, purpose: Purpose, form: ConsentForm) =>
    this.answer("grantConsent", [id, purpose, form], () => {
      const s: ConsentStatus = {
        purpose,
        active: { id: `${id}-${purpose}`, purpose, form, notice_version: "mock", granted_at: Date.now(), withdrawn_at: null, device_id: "mock-device" },
        last_withdrawn: null,
        notice: { id: `Pemberitahuan ${purpose}`, en: `Notice ${purpose}` },
      };
      this.consents.set(this.consentKey(id, purpose), s);
      return s;
    });
  withdrawConsent = (id: string, purpose: Purpose) =>
    this.answer("withdrawConsent", [id, purpose], () => {
      const old = this.consents.get(this.consentKey(id, purpose));
      const s: ConsentStatus = {
        purpose,
        active: null,
        last_withdrawn: old?.active ? { ...old.active, withdrawn_at: Date.now() } : null,
        notice: { id: `Pemberitahuan ${purpose}`, en: `Notice ${purpose}` },
      };
      this.consents.set(this.consentKey(id, purpose), s);
      return s;
    });
  stageRecords = new Map<string, StageRecord[]>();
  stages = (id: string) =>
    this.answer("stages", [id], () =>
      this.stageRecords.get(id) ??
      (["pendaftaran", "pelatihan", "pendampingan", "perizinan", "pemasaran", "pelaporan_keuangan", "permodalan"] as const).map(
        (stage): StageRecord => ({ stage, status: "belum", date: null, note: null }),
      ),
    );
  setStage = (id: string, update: StageUpdate) =>
    this.answer("setStage", [id, update], (): StageRecord => ({
      stage: update.stage,
      status: update.status,
      date: update.date || null,
      note: update.note || null,
    }));
  docs: (LegalityDoc & { vendorId: string })[] = [];
  legality = (id: string) => this.answer("legality", [id], () => this.docs.filter((d) => d.vendorId === id));
  addLegality = (id: string, draft: LegalityDraft) =>
    this.answer("addLegality", [id, draft], (): LegalityDoc => {
      const doc = {
        vendorId: id,
        id: `doc-${this.docs.length + 1}`,
        kind: draft.kind,
        number: draft.number,
        issued_on: draft.issued_on || null,
        valid_until: draft.valid_until || null,
        note: draft.note || null,
        expired: false,
        warnings: [],
      };
      this.docs.push(doc);
      return doc;
    });
  removeLegality = (docId: string) =>
    this.answer("removeLegality", [docId], () => {
      this.docs = this.docs.filter((d) => d.id !== docId);
    });
  eraseVendor = (id: string) =>
    this.answer("eraseVendor", [id], () => {
      this.vendors = this.vendors.filter((v) => v.id !== id);
    });
  fillDemo = () => this.answer("fillDemo", [], () => 0);
  /** What previewImport answers; tests set it. Columns take the mapping they are given. */
  importPlan: ImportPlan | null = null;
  staged: string[] = [];
  stageImport = (name: string, bytes: Uint8Array) =>
    this.answer("stageImport", [name, bytes.length], () => {
      const token = `token-${this.staged.length + 1}`;
      this.staged.push(token);
      return token;
    });
  private plan(options: ImportOptions, applied: boolean): ImportPlan {
    if (!this.importPlan) throw new Error("MockBackend.importPlan not set");
    const columns = this.importPlan.columns.map((c, i) =>
      options.mapping.length ? { ...c, field: options.mapping[i] ?? null } : c,
    );
    return { ...this.importPlan, columns, applied };
  }
  previewImport = (token: string, options: ImportOptions) =>
    this.answer("previewImport", [token, options], () => this.plan(options, false));
  importVendors = (token: string, options: ImportOptions, confirmed: ImportConfirmation) =>
    this.answer("importVendors", [token, options, confirmed], () => this.plan(options, true));
  discardImport = (token: string) =>
    this.answer("discardImport", [token], () => {
      this.staged = this.staged.filter((t) => t !== token);
    });
  exportVendors = (query: VendorQuery, format: SheetFormat, lang: Lang) =>
    this.answer("exportVendors", [query, format, lang], (): ExportedFile => ({
      path: `/home/mock/Downloads/pelaku-usaha.${format}`,
      count: this.vendors.length,
    }));
  pairs: DuplicatePair[] = [];
  duplicateReport = () => this.answer("duplicateReport", [], () => this.pairs);
  mergePreview = (keep: string, other: string) =>
    this.answer("mergePreview", [keep, other], (): MergePreview => ({
      keep: this.find(keep),
      other: this.find(other),
      fields: [
        { field: "phone", keep: this.find(keep).phone, other: this.find(other).phone, from_other_by_default: false },
        { field: "brand", keep: null, other: this.find(other).brand, from_other_by_default: true },
      ],
      history: 1,
      consents: 0,
      documents: 0,
      stages: 0,
    }));
  classes: (TrainingClass & { list: { vendorId: string; status: Attendance }[] })[] = [];
  private klass(id: string) {
    const c = this.classes.find((x) => x.id === id);
    if (!c) throw new BackendError({ code: "not_found", message: { id: "Kelas tidak ditemukan.", en: "class not found" }, fields: [], duplicates: [] });
    return c;
  }
  private summary(c: (typeof this.classes)[number]): TrainingClass {
    const { list, ...rest } = c;
    return { ...rest, participants: list.length, attended: list.filter((p) => p.status === "attended").length };
  }
  private detail(id: string): ClassDetail {
    const c = this.klass(id);
    return {
      class: this.summary(c),
      participants: c.list.map((p) => {
        const v = this.find(p.vendorId);
        return { vendor_id: v.id, name: v.name, owner: v.owner, kecamatan: v.kecamatan, status: p.status };
      }),
    };
  }
  private fromClassDraft(id: string, d: ClassDraft) {
    return {
      id,
      kind: d.kind,
      topic: d.topic,
      starts_on: d.starts_on,
      ends_on: d.ends_on || null,
      trainer: d.trainer || null,
      place_kind: d.place_kind,
      place: d.place || null,
      kecamatan_code: d.kecamatan || null,
      kecamatan: d.kecamatan || null,
      notes: d.notes || null,
      participants: 0,
      attended: 0,
    };
  }
  listClasses = () => this.answer("listClasses", [], () => this.classes.map((c) => this.summary(c)));
  classDetail = (id: string) => this.answer("classDetail", [id], () => this.detail(id));
  createClass = (draft: ClassDraft) =>
    this.answer("createClass", [draft], () => {
      const c = { ...this.fromClassDraft(`class-${this.classes.length + 1}`, draft), list: [] };
      this.classes.push(c);
      return this.summary(c);
    });
  updateClass = (id: string, draft: ClassDraft) =>
    this.answer("updateClass", [id, draft], () => {
      const c = Object.assign(this.klass(id), this.fromClassDraft(id, draft));
      return this.summary(c);
    });
  deleteClass = (id: string) =>
    this.answer("deleteClass", [id], () => {
      this.classes = this.classes.filter((c) => c.id !== id);
    });
  enrol = (id: string, vendorIds: string[]) =>
    this.answer("enrol", [id, vendorIds], () => {
      const c = this.klass(id);
      for (const v of vendorIds) if (!c.list.some((p) => p.vendorId === v)) c.list.push({ vendorId: v, status: "registered" });
      return this.detail(id);
    });
  unenrol = (id: string, vendorId: string) =>
    this.answer("unenrol", [id, vendorId], () => {
      const c = this.klass(id);
      c.list = c.list.filter((p) => p.vendorId !== vendorId);
      return this.detail(id);
    });
  recordAttendance = (id: string, vendorIds: string[], status: Attendance) =>
    this.answer("recordAttendance", [id, vendorIds, status], () => {
      for (const p of this.klass(id).list) if (vendorIds.includes(p.vendorId)) p.status = status;
      return this.detail(id);
    });
  classesOfVendor = (id: string) =>
    this.answer("classesOfVendor", [id], (): VendorClass[] =>
      this.classes.flatMap((c) => c.list.filter((p) => p.vendorId === id).map((p) => ({ class: this.summary(c), status: p.status }))),
    );
  attendanceSheet = (id: string, lang: Lang) =>
    this.answer("attendanceSheet", [id, lang], (): ExportedFile => ({
      path: `/home/mock/Downloads/daftar-hadir-${id}.xlsx`,
      count: this.klass(id).list.length,
    }));
  order: StageOrder = "pelatihan_first";
  stageOrder = () => this.answer("stageOrder", [], () => this.order);
  setStageOrder = (order: StageOrder) =>
    this.answer("setStageOrder", [order], () => {
      this.order = order;
    });
  products: Product[] = [];
  photoList = new Map<string, Photo[]>();
  private product(id: string): Product {
    const p = this.products.find((x) => x.id === id);
    if (!p) throw new BackendError({ code: "not_found", message: { id: "Produk tidak ditemukan.", en: "product not found" }, fields: [], duplicates: [] });
    return p;
  }
  private fromProductDraft(id: string, vendorId: string, d: ProductDraft): Product {
    return {
      id,
      vendor_id: vendorId,
      vendor_name: this.vendors.find((v) => v.id === vendorId)?.name ?? "",
      name: d.name,
      description: d.description || null,
      description_en: d.description_en || null,
      category: d.category,
      subcategory: d.subcategory || null,
      price_rp: Number(d.price.replace(/[^0-9]/g, "")) || 0,
      stock: d.stock ? Number(d.stock) : null,
      min_order: null,
      weight_g: d.weight_g ? Number(d.weight_g) : null,
      length_cm: null,
      width_cm: null,
      height_cm: null,
      condition: d.condition || "baru",
      sku: d.sku || null,
      variants: d.variants,
      legality_ids: d.legality_ids,
      preorder_days: null,
      halal_claim: d.halal_claim,
      permit_exempt: d.permit_exempt || null,
      archived: false,
      photo_count: (this.photoList.get(id) ?? []).length,
      cover_photo: (this.photoList.get(id) ?? [])[0]?.id ?? null,
      warnings: [],
    };
  }
  listProducts = (query: ProductQuery) =>
    this.answer("listProducts", [query], () =>
      this.products.filter((p) => (!query.vendor_id || p.vendor_id === query.vendor_id) && (query.include_archived || !p.archived)),
    );
  getProduct = (id: string) => this.answer("getProduct", [id], () => this.product(id));
  productDraft = (id: string) =>
    this.answer("productDraft", [id], (): ProductDraft => {
      const p = this.product(id);
      return { ...EMPTY_PRODUCT, name: p.name, category: p.category, price: String(p.price_rp) };
    });
  createProduct = (vendorId: string, draft: ProductDraft) =>
    this.answer("createProduct", [vendorId, draft], () => {
      const p = this.fromProductDraft(`product-${this.products.length + 1}`, vendorId, draft);
      this.products.push(p);
      return p;
    });
  updateProduct = (id: string, draft: ProductDraft) =>
    this.answer("updateProduct", [id, draft], () => {
      const p = this.fromProductDraft(id, this.product(id).vendor_id, draft);
      this.products = this.products.map((x) => (x.id === id ? p : x));
      return p;
    });
  archiveProduct = (id: string) => this.answer("archiveProduct", [id], () => Object.assign(this.product(id), { archived: true }));
  restoreProduct = (id: string) => this.answer("restoreProduct", [id], () => Object.assign(this.product(id), { archived: false }));
  importPhotos = (productId: string, files: StagedFile[], onProgress: (p: PhotoProgress) => void) =>
    this.answer("importPhotos", [productId, files], (): PhotoImportReport => {
      const list = this.photoList.get(productId) ?? [];
      const outcomes = files.map((f, i) => {
        const bad = f.name.endsWith(".txt.jpg");
        if (!bad) {
          list.push(mockPhoto(`${productId}-photo-${list.length + 1}`, productId, list.length === 0));
        }
        onProgress({ done: i + 1, total: files.length, current: f.name });
        return bad
          ? { file: f.name, status: "refused" as const, photo_id: null, code: "not_an_image", reason: { id: "bukan berkas gambar", en: "not an image file" } }
          : { file: f.name, status: "added" as const, photo_id: list[list.length - 1].id, code: null, reason: null };
      });
      this.photoList.set(productId, list);
      const count = (s: string) => outcomes.filter((o) => o.status === s).length;
      return { outcomes, added: count("added"), already_there: 0, refused: count("refused"), cancelled: false };
    });
  cancelPhotoImport = () => this.answer("cancelPhotoImport", [], () => undefined);
  photos = (productId: string) => this.answer("photos", [productId], () => this.photoList.get(productId) ?? []);
  setCover = (photoId: string) =>
    this.answer("setCover", [photoId], () => {
      for (const [pid, list] of this.photoList) {
        const i = list.findIndex((p) => p.id === photoId);
        if (i >= 0) {
          const reordered = [list[i], ...list.filter((_, k) => k !== i)].map((p, k) => ({ ...p, cover: k === 0, position: k }));
          this.photoList.set(pid, reordered);
          return reordered;
        }
      }
      return [];
    });
  removePhoto = (photoId: string) =>
    this.answer("removePhoto", [photoId], () => {
      for (const [pid, list] of this.photoList) {
        if (list.some((p) => p.id === photoId)) {
          const rest = list.filter((p) => p.id !== photoId).map((p, k) => ({ ...p, cover: k === 0 }));
          this.photoList.set(pid, rest);
          return rest;
        }
      }
      return [];
    });
  setCrop = (photoId: string, frame: Frame, crop: Crop | null) =>
    this.answer("setCrop", [photoId, frame, crop], () => {
      for (const list of this.photoList.values()) {
        const p = list.find((x) => x.id === photoId);
        if (p) {
          p.crops = p.crops.map((c) => (c.frame === frame ? { frame, crop: crop ?? c.crop, chosen: crop !== null } : c));
          return list;
        }
      }
      return [];
    });
  photoUrl = (photoId: string, variant: string) => `mock-photo:${photoId}/${variant}`;
  photoReadiness = (productId: string) =>
    this.answer("photoReadiness", [productId], (): ChannelPhotos[] => {
      const has = (this.photoList.get(productId) ?? []).length > 0;
      return ["Tokopedia", "TikTok Shop"].map((name) => ({
        channel: name.toLowerCase().replace(" ", "_"),
        name,
        ready: has,
        sent: has ? 1 : 0,
        problems: has ? [] : [{ id: `Belum ada foto: ${name} memerlukan paling sedikit satu.`, en: `No photo yet` }],
        notes: [],
      }));
    });
  setShowsPerson = (photoId: string, shows: boolean) =>
    this.answer("setShowsPerson", [photoId, shows], () => {
      for (const list of this.photoList.values()) {
        const p = list.find((x) => x.id === photoId);
        if (p) {
          p.shows_person = shows;
          return list;
        }
      }
      return [];
    });
  // The planner, simply: every Friday's theme follows the four categories from 2021-09-10;
  // products with a photo are ready; reviews are kept as given.
  editionList: Edition[] = [];
  reviewList: Review[] = [];
  skipped = new Map<string, string>();
  rotationSetting: Rotation = { start: "2021-09-10", order: CATEGORIES.map((c) => c.slug) };
  private themeOf(friday: string): string {
    const weeks = Math.round((Date.parse(friday) - Date.parse(this.rotationSetting.start)) / (7 * 86400000));
    const n = this.rotationSetting.order.length;
    return this.rotationSetting.order[((weeks % n) + n) % n];
  }
  private mockReadiness(productId: string): Readiness {
    const has = (this.photoList.get(productId) ?? []).length > 0;
    const latest = this.reviewList.filter((r) => r.product_id === productId).at(-1);
    return {
      product_id: productId,
      score: has ? 100 : 70,
      gaps: has ? [] : [{ code: "no_cover", text: { id: "Belum ada foto sampul.", en: "No cover photo yet." }, channels: ["catalogue", "instagram", "whatsapp", "tokopedia", "shopee"] }],
      ready: has ? ["catalogue", "instagram", "whatsapp", "tokopedia", "shopee"] : [],
      curation: latest?.verdict ?? null,
    };
  }
  private item(productId: string, position: number, reason: string | null): EditionItem {
    return {
      product: this.product(productId),
      position,
      source: reason ? "suggested" : "manual",
      reason: reason ? { id: reason, en: reason } : null,
      readiness: this.mockReadiness(productId),
      problems: [],
      kecamatan_code: "31.74.01",
      kecamatan_name: "Tebet",
      last_featured: null,
    };
  }
  private findEdition(id: string): Edition {
    const e = this.editionList.find((x) => x.id === id);
    if (!e) throw new BackendError({ code: "not_found", message: { id: `Edisi ${id} tidak ditemukan.`, en: `edition ${id} was not found.` }, fields: [], duplicates: [] });
    return e;
  }
  private recount(e: Edition): Edition {
    e.counts = e.items.length ? [{ code: "31.74.01", name: "Tebet", count: e.items.length, quota: e.quota }] : [];
    return structuredClone(e);
  }
  calendar = (from: string | null, weeks: number) =>
    this.answer("calendar", [from, weeks], (): CalendarWeek[] => {
      const start = new Date(from ?? "2026-12-01");
      const first = new Date(start.getTime() + ((5 - start.getUTCDay() + 7) % 7) * 86400000);
      return Array.from({ length: weeks }, (_, i) => {
        const friday = new Date(first.getTime() + i * 7 * 86400000).toISOString().slice(0, 10);
        const skipped = this.skipped.has(friday);
        const e = this.editionList.find((x) => x.friday === friday);
        return {
          friday,
          label: { id: `Jumat ${friday}`, en: `Friday ${friday}` },
          rotation_theme: skipped ? null : this.themeOf(friday),
          theme: skipped ? null : (e?.theme ?? this.themeOf(friday)),
          skipped,
          skip_reason: this.skipped.get(friday) ?? null,
          edition: e ? { id: e.id, state: e.state, items: e.items.length } : null,
        };
      });
    });
  rotation = () => this.answer("rotation", [], () => structuredClone(this.rotationSetting));
  setRotation = (rotation: Rotation) => this.answer("setRotation", [rotation], () => (this.rotationSetting = structuredClone(rotation)));
  skipFriday = (friday: string, reason: string) => this.answer("skipFriday", [friday, reason], () => void this.skipped.set(friday, reason));
  unskipFriday = (friday: string) => this.answer("unskipFriday", [friday], () => void this.skipped.delete(friday));
  planEdition = (plan: EditionPlan) =>
    this.answer("planEdition", [plan], () => {
      let e = this.editionList.find((x) => x.friday === plan.friday);
      if (!e) {
        const theme = plan.theme || this.themeOf(plan.friday);
        e = {
          id: `edition-${this.editionList.length + 1}`,
          friday: plan.friday,
          label: { id: `Jumat ${plan.friday}`, en: `Friday ${plan.friday}` },
          theme,
          theme_name: CATEGORIES.find((c) => c.slug === theme)?.name ?? { id: theme, en: theme },
          rotation_theme: this.themeOf(plan.friday),
          scope: { level: "province", code: "31", name: "Daerah Khusus Jakarta" },
          quota: plan.quota ?? 10,
          channels: ["catalogue", "instagram", "whatsapp", "tokopedia", "shopee"],
          hashtags: plan.hashtags.length ? plan.hashtags : ["#JumatBeliLokal", "#Jakpreneur", "#BanggaBuatanIndonesia"],
          state: "draft",
          published_at: null,
          items: [],
          snapshot: [],
          counts: [],
          log: [],
          notices: [],
        };
        this.editionList.push(e);
      }
      return this.recount(e);
    });
  editions = () =>
    this.answer("editions", [], () =>
      this.editionList.map((e) => ({ id: e.id, friday: e.friday, label: e.label, theme: e.theme, state: e.state, items: e.items.length })),
    );
  edition = (id: string) => this.answer("edition", [id], () => this.recount(this.findEdition(id)));
  private proposals(e: Edition) {
    const inside = new Set(e.items.map((i) => i.product.id));
    return this.products
      .filter((p) => p.category === e.theme && !inside.has(p.id) && this.mockReadiness(p.id).curation === "ok")
      .slice(0, Math.max(0, e.quota - e.items.length));
  }
  suggestEdition = (id: string) =>
    this.answer("suggestEdition", [id], () =>
      this.proposals(this.findEdition(id)).map((p) => ({
        product: p,
        kecamatan_name: "Tebet",
        reason: { id: "Pelaku usaha belum pernah tampil.", en: "The vendor has never been featured." },
      })),
    );
  acceptSuggestion = (id: string) =>
    this.answer("acceptSuggestion", [id], () => {
      const e = this.findEdition(id);
      for (const p of this.proposals(e)) e.items.push(this.item(p.id, e.items.length + 1, "Pelaku usaha belum pernah tampil."));
      e.state = "draft";
      return this.recount(e);
    });
  addToEdition = (id: string, productId: string) =>
    this.answer("addToEdition", [id, productId], () => {
      const e = this.findEdition(id);
      if (!e.items.some((i) => i.product.id === productId)) e.items.push(this.item(productId, e.items.length + 1, null));
      return this.recount(e);
    });
  removeFromEdition = (id: string, productId: string) =>
    this.answer("removeFromEdition", [id, productId], () => {
      const e = this.findEdition(id);
      e.items = e.items.filter((i) => i.product.id !== productId);
      return this.recount(e);
    });
  reorderEdition = (id: string, productIds: string[]) =>
    this.answer("reorderEdition", [id, productIds], () => {
      const e = this.findEdition(id);
      e.items = productIds.map((pid, k) => ({ ...e.items.find((i) => i.product.id === pid)!, position: k + 1 }));
      return this.recount(e);
    });
  markCurated = (id: string) => this.answer("markCurated", [id], () => this.recount(Object.assign(this.findEdition(id), { state: "curated" as const })));
  publishEdition = (id: string) =>
    this.answer("publishEdition", [id], () => {
      const e = this.findEdition(id);
      e.state = "published";
      e.published_at = Date.now();
      e.snapshot = e.items.map((i) => ({
        product_id: i.product.id,
        vendor_id: i.product.vendor_id,
        position: i.position,
        name: i.product.name,
        description: i.product.description,
        description_en: null,
        category: i.product.category,
        subcategory: null,
        price_rp: i.product.price_rp,
        stock: i.product.stock,
        min_order: null,
        weight_g: i.product.weight_g,
        condition: "baru",
        sku: null,
        variants: [],
        preorder_days: null,
        vendor_name: i.product.vendor_name,
        brand: null,
        kecamatan: "Tebet",
        city: "Kota Administrasi Jakarta Selatan",
        permits: [],
        contact: null,
        shop_link: null,
        photos: [],
      }));
      e.items = [];
      e.log = e.channels.map((c, k) => ({ id: `log-${k}`, channel: c, action: "published", note: null, at: e.published_at! }));
      return this.recount(e);
    });
  recordSent = (id: string, channel: string, note: string) =>
    this.answer("recordSent", [id, channel, note], () => {
      const e = this.findEdition(id);
      e.log.push({ id: `log-${e.log.length}`, channel, action: "sent", note: note || null, at: Date.now() });
      return this.recount(e);
    });
  deleteEdition = (id: string) => this.answer("deleteEdition", [id], () => void (this.editionList = this.editionList.filter((e) => e.id !== id)));
  reviewProduct = (productId: string, draft: ReviewDraft) =>
    this.answer("reviewProduct", [productId, draft], () => {
      const revise = Object.values(draft.criteria).includes("revise");
      const review: Review = {
        id: `review-${this.reviewList.length + 1}`,
        product_id: productId,
        criteria: draft.criteria,
        verdict: revise ? "revise" : "ok",
        notes: draft.notes || null,
        reviewer: draft.reviewer,
        reviewed_on: draft.reviewed_on || "2026-11-29",
        created_at: Date.now() + this.reviewList.length,
      };
      this.reviewList.push(review);
      return review;
    });
  curation = (productId: string) =>
    this.answer("curation", [productId], () => ({
      product_id: productId,
      latest: this.reviewList.filter((r) => r.product_id === productId).at(-1) ?? null,
      edited_since: false,
    }));
  reviews = (productId: string) => this.answer("reviews", [productId], () => this.reviewList.filter((r) => r.product_id === productId).reverse());
  revisionQueue = (hereOnly: boolean) =>
    this.answer("revisionQueue", [hereOnly], (): QueueItem[] =>
      this.products
        .map((p) => ({ p, r: this.reviewList.filter((r) => r.product_id === p.id).at(-1) }))
        .filter(({ r }) => r?.verdict === "revise")
        .map(({ p, r }) => ({
          product_id: p.id,
          product_name: p.name,
          vendor_id: p.vendor_id,
          vendor_name: p.vendor_name,
          cover_photo: null,
          review: r!,
          edited_since: false,
          registered_here: true,
        })),
    );
  readiness = (productId: string) => this.answer("readiness", [productId], () => this.mockReadiness(productId));
  productsWithReadiness = (query: ProductQuery, filter: ReadinessFilter, byScore: boolean) =>
    this.answer("productsWithReadiness", [query, filter, byScore], () => {
      const rows = this.products
        .filter((p) => (!query.vendor_id || p.vendor_id === query.vendor_id) && (query.include_archived || !p.archived))
        .map((product) => ({ product, readiness: this.mockReadiness(product.id) }))
        .filter((r) => filter === "all" || (filter === "ready") === (r.readiness.gaps.length === 0));
      return byScore ? rows.sort((a, b) => a.readiness.score - b.readiness.score) : rows;
    });
  productLastFeatured = (productId: string) => this.answer("productLastFeatured", [productId], () => null);
  buildCatalogue = (friday: string, formats: Formats, onProgress: (p: BuildProgress) => void) =>
    this.answer("buildCatalogue", [friday, formats], (): BuildReport => {
      const e = this.editionList.find((x) => x.friday === friday);
      if (!e || e.state !== "published") {
        throw new BackendError({ code: "conflict", message: { id: "Edisi belum terbit.", en: "The edition is not published." }, fields: [], duplicates: [] });
      }
      onProgress({ done: 1, total: 2, step: { id: "PDF katalog", en: "Catalogue PDF" } });
      onProgress({ done: 2, total: 2, step: { id: "Teks", en: "Captions" } });
      const files = [
        { path: "katalog-a4.pdf", bytes: 250000 },
        { path: "pratinjau/cetak-1.jpg", bytes: 40000 },
        { path: "sosial/00-sampul-1x1.jpg", bytes: 140000 },
        { path: "teks/instagram.txt", bytes: 2000 },
      ];
      return { folder: `/home/staf/Unduhan/${friday}-${e.theme}`, files, template_problems: [], left_out: [], cancelled: false };
    });
  cancelCatalogueBuild = () => this.answer("cancelCatalogueBuild", [], () => undefined);
  catalogueOptionsSetting: CatalogueOptions = {
    price_style: "tight",
    grouping: "city",
    colour: "#0f5f5c",
    accent: "#e4572e",
    paper: "a4",
    logo: false,
    templates: "",
  };
  catalogueOptions = () => this.answer("catalogueOptions", [], () => ({ ...this.catalogueOptionsSetting }));
  setCatalogueOptions = (options: CatalogueOptions) =>
    this.answer("setCatalogueOptions", [options], () => (this.catalogueOptionsSetting = { ...options }));
  catalogueUrl = (path: string) => `mock-catalogue:${path}`;
  /** Colours the mock refuses, as the core does for too little contrast with white. */
  paleColours = ["#ffe680", "#ffffff"];
  previewCatalogueLook = (friday: string, options: CatalogueOptions) =>
    this.answer("previewCatalogueLook", [friday, options], () => {
      if (this.paleColours.includes(options.colour)) {
        const message = { id: "Warna terlalu terang untuk tulisan putih.", en: "Colour too light for white text." };
        throw new BackendError({
          code: "invalid",
          message,
          fields: [{ field: "colour", code: "low_contrast", message }],
          duplicates: [],
        });
      }
      const problems = options.templates.includes("rusak") ? [`${options.templates}/catalogue.typ:3:7: unknown variable: nothing`] : [];
      return { pages: 3, problems } satisfies LookPreview;
    });
  /** What catalogueTemplateStamp answers; tests change it to mimic a saved template. */
  templateStamp = "";
  catalogueTemplateStamp = (folder: string) => this.answer("catalogueTemplateStamp", [folder], () => (folder ? this.templateStamp : ""));
  setCatalogueLogo = (token: string) =>
    this.answer("setCatalogueLogo", [token], () => (this.catalogueOptionsSetting = { ...this.catalogueOptionsSetting, logo: true }));
  clearCatalogueLogo = () =>
    this.answer("clearCatalogueLogo", [], () => (this.catalogueOptionsSetting = { ...this.catalogueOptionsSetting, logo: false }));
  openCatalogueFolder = () => this.answer("openCatalogueFolder", [], () => undefined);
  catalogueCaptions = (friday: string) =>
    this.answer("catalogueCaptions", [friday], () => [
      { channel: "instagram", text: `Jumat Beli Lokal ${friday}\n#JumatBeliLokal` },
      { channel: "whatsapp", text: `Jumat Beli Lokal ${friday}` },
    ]);
  vendorLastFeatured = (vendorId: string) =>
    this.answer("vendorLastFeatured", [vendorId], () =>
      this.editionList
        .filter((e) => e.state === "published" && e.snapshot.some((s) => s.vendor_id === vendorId))
        .map((e) => e.friday)
        .sort()
        .at(-1) ?? null,
    );
  mergeVendors = (keep: string, other: string, choice: MergeChoice) =>
    this.answer("mergeVendors", [keep, other, choice], () => {
      const kept = this.find(keep);
      this.find(other);
      this.vendors = this.vendors.filter((v) => v.id !== other);
      return kept;
    });
  finishWelcome = () =>
    this.answer("finishWelcome", [], () => {
      this.welcomeDone = true;
    });

  // Exchange and backups: enough to drive the pages in tests.
  /** What previewBundle answers; tests set it. */
  bundlePlan: BundlePlan | null = null;
  exchangeLog: ExchangeEntry[] = [];
  backupList: Backup[] = [];
  backupSettingsValue: BackupSettings = { every_hours: 24, keep: 10 };
  exportBundle = (sinceDevice: string | null, passphrase: string | null) =>
    this.answer("exportBundle", [sinceDevice, passphrase], (): ExportReport => {
      const file = `/home/staf/Unduhan/etalase-${this.exchangeLog.length + 1}.etalase`;
      this.exchangeLog.unshift({ direction: "export", peer_device: sinceDevice, file_name: file.split("/").pop() ?? file, at: Date.now(), counts: { vendor: this.vendors.length } });
      return { file, bytes: 2048, whole: sinceDevice === null, counts: { vendor: this.vendors.length }, sealed: !!passphrase };
    });
  previewBundle = (token: string, passphrase: string | null) =>
    this.answer("previewBundle", [token, passphrase], () => {
      if (!this.bundlePlan) throw new Error("MockBackend.bundlePlan not set");
      return { ...this.bundlePlan, applied: false };
    });
  importBundle = (token: string, passphrase: string | null, sha256: string, choices: ConflictChoice[]) =>
    this.answer("importBundle", [token, passphrase, sha256, choices], () => {
      if (!this.bundlePlan) throw new Error("MockBackend.bundlePlan not set");
      this.exchangeLog.unshift({ direction: "import", peer_device: this.bundlePlan.source_device, file_name: "tukar.etalase", at: Date.now(), counts: {} });
      return { ...this.bundlePlan, applied: true };
    });
  exchanges = () => this.answer("exchanges", [], () => [...this.exchangeLog]);
  backups = () => this.answer("backups", [], () => [...this.backupList]);
  createBackup = () =>
    this.answer("createBackup", [], () => {
      const b: Backup = { name: `etalase-2026120${this.backupList.length + 1}-090000000-manual.sqlite`, path: "/data/backups/x.sqlite", made_at: Date.now(), bytes: 4096, reason: "manual" };
      this.backupList.unshift(b);
      return b;
    });
  restoreBackup = (name: string) =>
    this.answer("restoreBackup", [name], () => {
      const b: Backup = { name: "etalase-20261207-100000000-before-restore.sqlite", path: "/data/backups/y.sqlite", made_at: Date.now(), bytes: 4096, reason: "before-restore" };
      this.backupList.unshift(b);
      return b;
    });
  backupSettings = () => this.answer("backupSettings", [], () => ({ ...this.backupSettingsValue }));
  setBackupSettings = (settings: BackupSettings) =>
    this.answer("setBackupSettings", [settings], () => (this.backupSettingsValue = { ...settings }));
}

/** A 1600×1200 photo as the core would describe it, centred framings. */
export function mockPhoto(id: string, productId: string, cover: boolean): Photo {
  return {
    id,
    product_id: productId,
    hash: "0".repeat(64),
    position: 0,
    cover,
    width: 1600,
    height: 1200,
    original_width: 4000,
    original_height: 3000,
    source_format: "jpeg",
    master_bytes: 400000,
    crops: [
      { frame: "square", crop: { x: 200, y: 0, w: 1200, h: 1200 }, chosen: false },
      { frame: "portrait", crop: { x: 320, y: 0, w: 960, h: 1200 }, chosen: false },
      { frame: "story", crop: { x: 462, y: 0, w: 675, h: 1200 }, chosen: false },
    ],
    flags: [],
    shows_person: false,
  };
}
