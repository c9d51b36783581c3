// One t() for every string in the UI. Indonesian is the default; English is the other choice.
// Messages that come from the core arrive in both languages as a Text and go through tx().
import id from "./id.json";
import en from "./en.json";
import type { Lang, Text } from "../backend";

export type MessageKey = keyof typeof id;

const catalogues: Record<Lang, Record<MessageKey, string>> = { id, en };
const STORAGE_KEY = "etalase.lang";

function initial(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "id") return saved;
  } catch {
    // Storage may be unavailable; Indonesian it is.
  }
  return "id";
}

const state = $state<{ lang: Lang }>({ lang: initial() });

export function lang(): Lang {
  return state.lang;
}

export function setLang(next: Lang): void {
  state.lang = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not saved across restarts; the choice still holds for this session.
  }
  if (typeof document !== "undefined") document.documentElement.lang = next;
}

/** The message for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[state.lang][key] ?? catalogues.id[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

/** A bilingual text from the core, in the current language. */
export function tx(text: Text): string {
  return text[state.lang];
}

/** Whole rupiah, the Indonesian way. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(state.lang === "id" ? "id-ID" : "en-GB").format(n);
}

const MONTHS_ID = [
  "Januari", "Februari", "Maret", "April", "Mei", "Juni",
  "Juli", "Agustus", "September", "Oktober", "November", "Desember",
];
const MONTHS_EN = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** A calendar day written `YYYY-MM-DD`, the Indonesian (or English) way: "2 November 2026". */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const months = state.lang === "id" ? MONTHS_ID : MONTHS_EN;
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

/** `3 Desember 2021` (day without a leading zero, as Indonesian style wants), in Jakarta time. */
export function formatDate(ms: number): string {
  const d = new Date(ms + 7 * 3600 * 1000); // WIB is UTC+7 all year
  const months = state.lang === "id" ? MONTHS_ID : MONTHS_EN;
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `3 Desember 2021, 14.05 WIB`: a moment in Jakarta time. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms + 7 * 3600 * 1000);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${formatDate(ms)}, ${hh}.${mm} WIB`;
}
