//! Writing tables as spreadsheets (CSV, XLSX) that are safe to open.
//!
//! A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel
//! and LibreOffice (OWASP ASVS V1.2.10): in CSV such cells get a leading `'`; in XLSX every
//! value is written as a string, never as a formula. Files are written to a temporary name and
//! renamed, so a crash never leaves a half-written file under the real name.

pub mod read;

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum SheetFormat {
    /// UTF-8 with a byte-order mark and `;` between cells, which Excel in an Indonesian
    /// locale opens correctly.
    Csv,
    Xlsx,
}

impl SheetFormat {
    /// From a file name's extension: `.xlsx` or `.csv`.
    pub fn from_path(path: &Path) -> Option<SheetFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(SheetFormat::Xlsx),
            "csv" => Some(SheetFormat::Csv),
            _ => None,
        }
    }
}

/// A header row and rows of text.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Makes a CSV cell inert: one that a spreadsheet would read as a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// Writes the table to `path`, replacing what is there only once the new file is complete.
pub fn write(path: &Path, format: SheetFormat, sheet_name: &str, table: &Table) -> Result<()> {
    write_dated(path, format, sheet_name, table, None)
}

/// As [`write`], with the XLSX's creation date fixed (`(year, month, day)`), so a rebuild gives
/// the same bytes.
pub fn write_dated(
    path: &Path,
    format: SheetFormat,
    sheet_name: &str,
    table: &Table,
    created: Option<(u16, u8, u8)>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::io(path, std::io::Error::other("not a file name")))?;
    let temp: PathBuf = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = match format {
        SheetFormat::Csv => write_csv(&temp, table),
        SheetFormat::Xlsx => write_xlsx(&temp, sheet_name, table, created),
    };
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    // rename replaces a symlink at `path` rather than writing through it.
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, e)
    })
}

fn write_csv(path: &Path, table: &Table) -> Result<()> {
    let io = |e: std::io::Error| Error::io(path, e);
    let mut file = std::fs::File::create(path).map_err(io)?;
    file.write_all("\u{feff}".as_bytes()).map_err(io)?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(file);
    let csv_err = |e: csv::Error| Error::io(path, std::io::Error::other(e.to_string()));
    w.write_record(table.headers.iter().map(|h| neutralise(h)))
        .map_err(csv_err)?;
    for row in &table.rows {
        w.write_record(row.iter().map(|c| neutralise(c)))
            .map_err(csv_err)?;
    }
    let file = w
        .into_inner()
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    file.sync_all().map_err(io)
}

fn write_xlsx(
    path: &Path,
    sheet_name: &str,
    table: &Table,
    created: Option<(u16, u8, u8)>,
) -> Result<()> {
    let xlsx =
        |e: rust_xlsxwriter::XlsxError| Error::io(path, std::io::Error::other(e.to_string()));
    let mut book = Workbook::new();
    if let Some((y, m, d)) = created {
        let when = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).map_err(xlsx)?;
        book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    }
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(xlsx)?;
    let bold = Format::new().set_bold();
    for (c, h) in table.headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(xlsx)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // Strings only: a value is never a formula, whatever it starts with.
            sheet
                .write_string(r as u32 + 1, c as u16, cell)
                .map_err(xlsx)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    book.save(path).map_err(xlsx)?;
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_triggers_are_neutralised_and_plain_text_is_not() {
        for bad in ["=1+1", "+62 812", "-2+3", "@SUM(1)", "\t=1", "\r=1"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        for ok in ["Kue Basah", "62812", "", "Rp25.000", "'quoted"] {
            assert_eq!(neutralise(ok), ok);
        }
    }

    #[test]
    fn the_format_comes_from_the_extension() {
        assert_eq!(
            SheetFormat::from_path(Path::new("a/b.XLSX")),
            Some(SheetFormat::Xlsx)
        );
        assert_eq!(
            SheetFormat::from_path(Path::new("b.csv")),
            Some(SheetFormat::Csv)
        );
        assert_eq!(SheetFormat::from_path(Path::new("b.pdf")), None);
    }
}
