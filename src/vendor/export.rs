//! Vendor lists as spreadsheets for staff. Private fields (NIK, birth date, home address,
//! e-mail, notes) never go into the file: a spreadsheet is copied and mailed around, and a
//! person's own copy of their data has its own command (`vendor personal-data`).

use std::path::Path;

use super::{MAX_PAGE, Vendor, VendorQuery};
use crate::error::Result;
use crate::registry::Registry;
use crate::spreadsheet::{self, SheetFormat, Table};
use crate::text::Lang;

const COLUMNS: [(&str, &str); 20] = [
    ("ID", "ID"),
    ("Nama usaha", "Business name"),
    ("Merek", "Brand"),
    ("Pemilik", "Owner"),
    ("Nomor HP", "Mobile number"),
    ("WhatsApp", "WhatsApp"),
    ("Kecamatan", "Kecamatan"),
    ("Kelurahan", "Kelurahan"),
    ("Kota/Kabupaten", "City/Regency"),
    ("Kategori", "Category"),
    ("Bentuk usaha", "Legal form"),
    ("NIB", "NIB"),
    ("Skala usaha", "Size class"),
    ("Kontak publik", "Public contact"),
    ("Tautan toko", "Shop link"),
    ("Dinas pembina", "Coaching agency"),
    ("Pendamping", "Mentor"),
    ("Diarsipkan", "Archived"),
    ("Terdaftar", "Registered"),
    ("Diubah", "Changed"),
];

fn row(v: Vendor) -> Vec<String> {
    let s = |o: Option<String>| o.unwrap_or_default();
    let date = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms + 7 * 3_600_000)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let size = v
        .size_class
        .and_then(|c| serde_json::to_value(c).ok())
        .and_then(|j| j.as_str().map(str::to_owned));
    vec![
        v.id,
        v.name,
        s(v.brand),
        v.owner,
        v.phone,
        if v.whatsapp { "ya" } else { "" }.into(),
        v.kecamatan,
        s(v.kelurahan),
        v.city,
        v.category,
        s(v.legal_form),
        s(v.nib),
        s(size),
        s(v.public_contact),
        s(v.shop_link),
        s(v.agency),
        s(v.mentor),
        if v.archived { "ya" } else { "" }.into(),
        date(v.created_at),
        date(v.updated_at),
    ]
}

impl Registry {
    /// Writes every vendor the query matches (all pages) to a spreadsheet; returns how many.
    pub fn export_vendors(
        &self,
        query: &VendorQuery,
        path: &Path,
        format: SheetFormat,
        lang: Lang,
    ) -> Result<usize> {
        let mut q = VendorQuery {
            offset: 0,
            limit: MAX_PAGE,
            ..query.clone()
        };
        let mut table = Table {
            headers: COLUMNS
                .iter()
                .map(|(id, en)| if lang == Lang::Id { id } else { en }.to_string())
                .collect(),
            rows: Vec::new(),
        };
        loop {
            let page = self.list_vendors(&q)?;
            let n = page.items.len() as u32;
            table.rows.extend(page.items.into_iter().map(row));
            if n == 0 || q.offset + n >= page.total {
                break;
            }
            q.offset += n;
        }
        let sheet = if lang == Lang::Id {
            "Pelaku usaha"
        } else {
            "Vendors"
        };
        spreadsheet::write(path, format, sheet, &table)?;
        Ok(table.rows.len())
    }
}

impl Registry {
    /// Exports to a new file in `dir` named after the list and today's date (never replacing
    /// an existing file) and returns its path: what the window's export button does.
    pub fn export_vendors_into(
        &self,
        query: &VendorQuery,
        dir: &Path,
        format: SheetFormat,
        lang: Lang,
    ) -> Result<(std::path::PathBuf, usize)> {
        std::fs::create_dir_all(dir).map_err(|e| crate::error::Error::io(dir, e))?;
        let stem = format!(
            "{}-{}",
            if lang == Lang::Id {
                "pelaku-usaha"
            } else {
                "vendors"
            },
            super::today_in_jakarta().format("%Y-%m-%d")
        );
        let ext = match format {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        };
        let path = crate::paths::unused_path(dir, &stem, ext);
        let n = self.export_vendors(query, &path, format, lang)?;
        Ok((path, n))
    }
}
