//! How the CLI prints things: plain text for people, JSON (`--json`) for scripts.

use serde::Serialize;

use etalase::category::Category;
use etalase::vendor::{
    DuplicatePair, ImportPlan, MergeChoice, MergePreview, RowAction, Vendor, VendorChange,
};
use etalase::{Error, Lang, RegistryInfo, region};

pub fn json<T: Serialize + ?Sized>(value: &T) {
    // Serialising our own plain structs cannot fail.
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

pub fn print_error(e: &Error, lang: Lang) {
    let word = match lang {
        Lang::Id => "galat",
        Lang::En => "error",
    };
    match e {
        Error::Invalid(fields) => {
            for f in fields {
                eprintln!("{word}: {}: {}", f.field, f.message.get(lang));
            }
        }
        Error::PossibleDuplicates(found) => {
            eprintln!("{word}: {}", e.message(lang));
            for c in found {
                let v = &c.vendor;
                eprintln!(
                    "  {}  {} / {} / {} / {}",
                    v.id, v.name, v.owner, v.phone, v.kecamatan
                );
                for r in &c.reasons {
                    eprintln!("      {}", r.text.get(lang));
                }
            }
            match lang {
                Lang::Id => {
                    eprintln!("Bila ini memang usaha lain, simpan dengan --allow-duplicate.")
                }
                Lang::En => {
                    eprintln!("If this really is another business, save with --allow-duplicate.")
                }
            }
        }
        _ => eprintln!("{word}: {}", e.message(lang)),
    }
}

pub fn duplicate_pairs(pairs: &[DuplicatePair], lang: Lang) {
    for p in pairs {
        println!("{}  {}  ({})", p.first.id, p.first.name, p.first.kecamatan);
        println!(
            "{}  {}  ({})",
            p.second.id, p.second.name, p.second.kecamatan
        );
        for r in &p.reasons {
            println!("    {}", r.text.get(lang));
        }
        println!();
    }
    match lang {
        Lang::Id => println!("{} pasangan yang mungkin ganda", pairs.len()),
        Lang::En => println!("{} likely duplicate pairs", pairs.len()),
    }
}

pub fn vendor_table(vendors: &[Vendor], total: u32, lang: Lang) {
    let (h_name, h_owner, h_phone, h_kec, h_cat) = match lang {
        Lang::Id => ("NAMA USAHA", "PEMILIK", "HP", "KECAMATAN", "KATEGORI"),
        Lang::En => ("BUSINESS", "OWNER", "PHONE", "KECAMATAN", "CATEGORY"),
    };
    println!(
        "{:<36}  {:<32}  {:<24}  {:<15}  {:<18}  {h_cat}",
        "ID", h_name, h_owner, h_phone, h_kec
    );
    for v in vendors {
        let archived = if v.archived { " [arsip]" } else { "" };
        println!(
            "{:<36}  {:<32}  {:<24}  {:<15}  {:<18}  {}{archived}",
            v.id,
            clip(&v.name, 32),
            clip(&v.owner, 24),
            v.phone,
            clip(&v.kecamatan, 18),
            v.category
        );
    }
    match lang {
        Lang::Id => println!("{} dari {total} pelaku usaha", vendors.len()),
        Lang::En => println!("{} of {total} vendors", vendors.len()),
    }
}

pub fn vendor_detail(v: &Vendor, lang: Lang) {
    let rows: [(&str, &str, String); 8] = [
        ("ID", "ID", v.id.clone()),
        ("Nama usaha", "Business", v.name.clone()),
        ("Pemilik", "Owner", v.owner.clone()),
        ("HP", "Phone", v.phone.clone()),
        (
            "Kecamatan",
            "Kecamatan",
            format!("{} ({})", v.kecamatan, v.kecamatan_code),
        ),
        ("Kota", "City", v.city.clone()),
        ("Kategori", "Category", v.category.clone()),
        (
            "Status",
            "Status",
            if v.archived {
                "arsip / archived"
            } else {
                "aktif / active"
            }
            .to_owned(),
        ),
    ];
    for (id, en, value) in rows {
        let label = if lang == Lang::Id { id } else { en };
        println!("{label:<12} {value}");
    }
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(width - 1).collect::<String>())
    }
}

pub fn regions(as_json: bool) {
    let regions = region::jakarta();
    if as_json {
        json(&regions.tree());
        return;
    }
    for city in regions.tree().cities {
        println!("{} {}", city.code, city.name);
        for k in city.kecamatan {
            println!("  {} {}", k.code, k.name);
        }
    }
}

pub fn categories(categories: &[Category], as_json: bool, lang: Lang) {
    if as_json {
        json(categories);
        return;
    }
    for c in categories {
        println!("{:<18} {}", c.slug, c.name.get(lang));
    }
}

pub fn info(info: &RegistryInfo, as_json: bool) {
    if as_json {
        json(info);
        return;
    }
    println!("data dir   {}", info.data_dir);
    println!("registry   {}", info.path);
    println!("device     {}", info.device_id);
    println!("schema     {}", info.schema_version);
    println!("vendors    {}", info.vendor_count);
}

pub fn history(changes: &[VendorChange], lang: Lang) {
    for c in changes {
        let when = chrono::DateTime::from_timestamp_millis(c.at)
            .map(|t| t.with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).expect("WIB")))
            .map(|t| t.format("%Y-%m-%d %H:%M WIB").to_string())
            .unwrap_or_default();
        println!("{when}  {:<8} {}", c.action, c.device_id);
        for f in &c.changes {
            println!(
                "    {:<10} {} -> {}",
                f.field,
                f.old.as_deref().unwrap_or("-"),
                f.new.as_deref().unwrap_or("-")
            );
        }
    }
    match lang {
        Lang::Id => println!("{} perubahan", changes.len()),
        Lang::En => println!("{} changes", changes.len()),
    }
}

pub fn import_plan(plan: &ImportPlan, lang: Lang) {
    let label = |key: &str| {
        plan.targets
            .iter()
            .find(|t| t.key == key)
            .map_or(key.to_owned(), |t| t.label.get(lang).to_owned())
    };
    match lang {
        Lang::Id => println!("Kolom di {}:", plan.file_name),
        Lang::En => println!("Columns in {}:", plan.file_name),
    }
    for c in &plan.columns {
        let target = c.field.as_deref().map_or_else(
            || match lang {
                Lang::Id => "(diabaikan)".to_owned(),
                Lang::En => "(ignored)".to_owned(),
            },
            |f| format!("{} [{f}]", label(f)),
        );
        println!("  {:<28} → {target}", clip(&c.heading, 28));
    }
    if !plan.unmapped_required.is_empty() {
        let names: Vec<String> = plan.unmapped_required.iter().map(|k| label(k)).collect();
        match lang {
            Lang::Id => println!("Belum ada kolom untuk: {}", names.join(", ")),
            Lang::En => println!("No column yet for: {}", names.join(", ")),
        }
    }
    for r in plan.rows.iter().filter(|r| {
        matches!(
            r.action,
            RowAction::Invalid | RowAction::Duplicate | RowAction::Repeated
        )
    }) {
        let name = if r.name.is_empty() { "-" } else { &r.name };
        let what = match (r.action, lang) {
            (RowAction::Invalid, Lang::Id) => "salah",
            (RowAction::Invalid, Lang::En) => "invalid",
            (RowAction::Duplicate, Lang::Id) => "mungkin ganda",
            (RowAction::Duplicate, Lang::En) => "possible duplicate",
            (_, Lang::Id) => "berulang",
            (_, Lang::En) => "repeated",
        };
        println!("  {} {}: {name} ({what})", line_word(lang), r.line);
        for e in &r.errors {
            println!("      {}: {}", e.field, e.message.get(lang));
        }
        if let Some(v) = &r.vendor_name {
            let id = r.vendor_id.as_deref().unwrap_or_default();
            match lang {
                Lang::Id => println!("      mirip {v} ({id})"),
                Lang::En => println!("      like {v} ({id})"),
            }
        }
        if let Some(line) = r.same_as_line {
            match lang {
                Lang::Id => println!("      sama dengan baris {line}"),
                Lang::En => println!("      same as line {line}"),
            }
        }
        for reason in &r.reasons {
            println!("      {}", reason.text.get(lang));
        }
    }
    let c = &plan.counts;
    match (lang, plan.applied) {
        (Lang::Id, true) => println!(
            "Selesai: {} baru, {} diperbarui, {} tetap, {} dilewati.",
            c.create,
            c.update,
            c.unchanged,
            c.skipped()
        ),
        (Lang::En, true) => println!(
            "Done: {} new, {} updated, {} unchanged, {} skipped.",
            c.create,
            c.update,
            c.unchanged,
            c.skipped()
        ),
        (Lang::Id, false) => println!(
            "Pratinjau (belum ada yang ditulis): {} baru, {} diperbarui, {} tetap, {} salah, {} mungkin ganda, {} berulang.",
            c.create, c.update, c.unchanged, c.invalid, c.duplicate, c.repeated
        ),
        (Lang::En, false) => println!(
            "Preview (nothing written): {} new, {} updated, {} unchanged, {} invalid, {} possible duplicates, {} repeated.",
            c.create, c.update, c.unchanged, c.invalid, c.duplicate, c.repeated
        ),
    }
}

fn line_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "baris",
        Lang::En => "line",
    }
}

pub fn merge_preview(p: &MergePreview, choice: &MergeChoice, lang: Lang) {
    let (keep_word, other_word, result_word) = match lang {
        Lang::Id => ("DIPERTAHANKAN", "DIGABUNGKAN", "HASIL"),
        Lang::En => ("KEPT", "MERGED IN", "RESULT"),
    };
    println!("{keep_word}: {} ({})", p.keep.name, p.keep.id);
    println!("{other_word}: {} ({})", p.other.name, p.other.id);
    println!(
        "{:<16}  {:<28}  {:<28}  {result_word}",
        "", keep_word, other_word
    );
    for f in &p.fields {
        let take = f.from_other_by_default || choice.from_other.contains(&f.field);
        let v = |o: &Option<String>| clip(o.as_deref().unwrap_or("-"), 28);
        println!(
            "{:<16}  {:<28}  {:<28}  {}",
            f.field,
            v(&f.keep),
            v(&f.other),
            if take { other_word } else { keep_word }
        );
    }
    match lang {
        Lang::Id => println!(
            "Ikut pindah: {} riwayat, {} persetujuan, {} dokumen, {} tahap.",
            p.history, p.consents, p.documents, p.stages
        ),
        Lang::En => println!(
            "Moving over: {} history entries, {} consents, {} documents, {} stages.",
            p.history, p.consents, p.documents, p.stages
        ),
    }
}
