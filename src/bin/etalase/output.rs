//! How the CLI prints things: plain text for people, JSON (`--json`) for scripts.

use serde::Serialize;

use etalase::category::Category;
use etalase::vendor::{DuplicatePair, Vendor, VendorChange};
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
