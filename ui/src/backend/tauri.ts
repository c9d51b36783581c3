import { invoke } from "@tauri-apps/api/core";
import type { Backend } from "./types";
import { BackendError } from "./types";
import type {
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
} from "./bindings";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
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
  finishWelcome = () => call<void>("finish_welcome");
}
