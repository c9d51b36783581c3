// Display forms of stored values. Storage keeps the canonical form (E.164, official names).

/** "+6281234567890" → "+62 812-3456-7890", the way Indonesians write mobile numbers. */
export function formatPhone(e164: string): string {
  const m = /^\+62(8\d{2})(\d{3,4})(\d{3,4})$/.exec(e164);
  if (!m) return e164;
  const [, op, rest1, rest2] = m;
  // Split the subscriber digits into two groups of 4 where possible (0812-3456-7890).
  const digits = rest1 + rest2;
  const head = digits.length > 7 ? digits.slice(0, 4) : digits.slice(0, 3);
  return `+62 ${op}-${head}-${digits.slice(head.length)}`;
}

/** "Kota Administrasi Jakarta Pusat" → "Jakarta Pusat"; the official name stays in tooltips. */
export function shortCity(name: string): string {
  return name.replace(/^(Kota|Kabupaten) Administrasi /, "");
}

/** Whole rupiah with dots between thousands, as Indonesians write them: 25000 → "25.000". */
export function formatRupiah(amount: number): string {
  const digits = Math.abs(Math.trunc(amount)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return amount < 0 ? `-${grouped}` : grouped;
}

/** A file's size for people: "9.8 MB", "120 kB" (never "0 kB"). */
export function formatBytes(bytes: number): string {
  return bytes > 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}
