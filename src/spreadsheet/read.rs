//! Reading spreadsheets people bring: CSV (`,` or `;`, UTF-8 with or without a BOM, or
//! Windows-1252 as older Excel saves it) and XLSX (through calamine, first sheet).
//!
//! Everything here is hostile until checked: the file's size, an XLSX's zip entries (a zip bomb
//! is refused from its declared sizes before anything is inflated), the number of rows and
//! columns and each cell's length are capped, and every problem names the file and the reason.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::text::Text;

/// Larger files are refused before reading: no registration list comes near this.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// An XLSX whose parts would inflate to more than this is refused (a zip bomb).
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;
/// More entries than any real workbook has.
pub const MAX_ZIP_ENTRIES: usize = 2_000;
pub const MAX_ROWS: usize = 100_000;
pub const MAX_COLUMNS: usize = 200;
/// Longer cells are refused with their line: no field of ours is anywhere near this long.
pub const MAX_CELL_CHARS: usize = 10_000;

/// A sheet's header row and data rows, every cell as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<SheetRow>,
    /// SHA-256 of the file's bytes, in hex: a preview and its confirmation must see one file.
    pub fingerprint: String,
}

/// One data row and where it is in the file, as a spreadsheet program numbers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: u32,
    pub cells: Vec<String>,
}

fn bad(path: &Path, id: impl Into<String>, en: impl Into<String>) -> Error {
    Error::BadFile {
        path: path.to_owned(),
        reason: Text::new(id, en),
    }
}

/// Reads a `.csv` or `.xlsx` file (the extension decides; an XLSX's content is checked too).
pub fn read(path: &Path) -> Result<Sheet> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(bad(path, "bukan berkas", "not a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(bad(
            path,
            format!(
                "berkas terlalu besar ({} MB; paling besar {} MB)",
                meta.len() / 1_048_576,
                MAX_FILE_BYTES / 1_048_576
            ),
            format!(
                "file too large ({} MB; at most {} MB)",
                meta.len() / 1_048_576,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let (headers, rows) = match ext.as_deref() {
        Some("csv" | "txt") => read_csv(path, &bytes)?,
        Some("xlsx" | "xlsm") => read_xlsx(path, &bytes)?,
        _ => {
            return Err(bad(
                path,
                "jenis berkas tidak dikenal; gunakan .xlsx atau .csv",
                "unknown kind of file; use .xlsx or .csv",
            ));
        }
    };
    check_shape(path, &headers, &rows)?;
    Ok(Sheet {
        headers,
        rows,
        fingerprint: fingerprint(&bytes),
    })
}

/// SHA-256 in lower-case hex.
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn check_shape(path: &Path, headers: &[String], rows: &[SheetRow]) -> Result<()> {
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(bad(
            path,
            "baris pertama harus berisi judul kolom, tetapi kosong",
            "the first row must hold the column headings, but it is empty",
        ));
    }
    if headers.len() > MAX_COLUMNS {
        return Err(bad(
            path,
            format!(
                "terlalu banyak kolom ({}; paling banyak {MAX_COLUMNS})",
                headers.len()
            ),
            format!(
                "too many columns ({}; at most {MAX_COLUMNS})",
                headers.len()
            ),
        ));
    }
    if rows.len() > MAX_ROWS {
        return Err(bad(
            path,
            format!(
                "terlalu banyak baris ({}; paling banyak {MAX_ROWS})",
                rows.len()
            ),
            format!("too many rows ({}; at most {MAX_ROWS})", rows.len()),
        ));
    }
    for row in rows {
        if let Some(cell) = row
            .cells
            .iter()
            .find(|c| c.chars().count() > MAX_CELL_CHARS)
        {
            let start: String = cell.chars().take(20).collect();
            return Err(bad(
                path,
                format!(
                    "baris {}: sel \"{start}…\" terlalu panjang (paling banyak {MAX_CELL_CHARS} huruf)",
                    row.line
                ),
                format!(
                    "line {}: cell \"{start}…\" is too long (at most {MAX_CELL_CHARS} characters)",
                    row.line
                ),
            ));
        }
    }
    Ok(())
}

/// UTF-8 (a BOM is dropped); anything that is not UTF-8 is read as Windows-1252, which is what
/// Excel on an Indonesian Windows writes when asked for plain "CSV".
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// `;` when the header line has more semicolons than commas (Excel in an Indonesian locale),
/// else `,`. Quoted text is skipped when counting.
fn delimiter(text: &str) -> u8 {
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            '\n' if !quoted => break,
            _ => {}
        }
    }
    if semis > commas { b';' } else { b',' }
}

fn read_csv(path: &Path, bytes: &[u8]) -> Result<(Vec<String>, Vec<SheetRow>)> {
    if bytes.contains(&0) {
        return Err(bad(
            path,
            "berisi data biner (byte nol); ini bukan CSV",
            "holds binary data (zero bytes); this is not a CSV file",
        ));
    }
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(
                path,
                format!("baris {line}: tidak dapat dibaca sebagai CSV ({e})"),
                format!("line {line}: cannot be read as CSV ({e})"),
            )
        })?;
        // The line a spreadsheet shows: where the record starts (a quoted cell may span lines).
        let line = record.position().map_or(0, |p| p.line()) as u32;
        records.push(SheetRow {
            line,
            cells: record.iter().map(unneutralise).collect(),
        });
        if records.len() > MAX_ROWS + 1 {
            break;
        }
    }
    let mut records = records.into_iter();
    let headers = records.next().map(|r| r.cells).unwrap_or_default();
    Ok((headers, records.filter(|r| !is_blank(&r.cells)).collect()))
}

/// Undoes what our own CSV export (and careful spreadsheet users) do against formula
/// injection: a `'` before `=`, `+`, `-` or `@` is not part of the value (`'+62812…`).
fn unneutralise(cell: &str) -> String {
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Refuses a zip whose entries would inflate past our limits, from the sizes it declares,
/// before calamine inflates anything.
fn check_zip(path: &Path, bytes: &[u8]) -> Result<()> {
    let not_xlsx = || {
        bad(
            path,
            "bukan berkas Excel (.xlsx) yang utuh",
            "not a complete Excel (.xlsx) file",
        )
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(not_xlsx());
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| not_xlsx())?;
        total = total.saturating_add(entry.size());
        let ratio = entry.size() / entry.compressed_size().max(1);
        if total > MAX_INFLATED_BYTES || (entry.size() > 1_048_576 && ratio > 200) {
            return Err(bad(
                path,
                "isinya mengembang terlalu besar saat dibuka (bom zip); berkas ditolak",
                "its contents inflate far too much when opened (a zip bomb); refused",
            ));
        }
    }
    Ok(())
}

fn read_xlsx(path: &Path, bytes: &[u8]) -> Result<(Vec<String>, Vec<SheetRow>)> {
    check_zip(path, bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        bad(
            path,
            format!("tidak dapat dibuka sebagai Excel ({e})"),
            format!("cannot be opened as Excel ({e})"),
        )
    })?;
    let first = book.sheet_names().first().cloned().ok_or_else(|| {
        bad(
            path,
            "tidak ada lembar kerja",
            "the workbook has no worksheet",
        )
    })?;
    let range = book.worksheet_range(&first).map_err(|e| {
        bad(
            path,
            format!("lembar \"{first}\" tidak dapat dibaca ({e})"),
            format!("sheet \"{first}\" cannot be read ({e})"),
        )
    })?;
    let (top, _) = range.start().unwrap_or((0, 0));
    if range.width() > MAX_COLUMNS {
        return Err(bad(
            path,
            format!(
                "terlalu banyak kolom ({}; paling banyak {MAX_COLUMNS})",
                range.width()
            ),
            format!(
                "too many columns ({}; at most {MAX_COLUMNS})",
                range.width()
            ),
        ));
    }
    let mut rows = range.rows().enumerate().map(|(i, cells)| SheetRow {
        line: top + i as u32 + 1,
        cells: cells.iter().map(cell_text).collect(),
    });
    let headers = rows.next().map(|r| r.cells).unwrap_or_default();
    Ok((
        headers,
        rows.filter(|r| !is_blank(&r.cells))
            .take(MAX_ROWS + 1)
            .collect(),
    ))
}

/// A cell as the person typed it: whole numbers without `.0` (a phone number typed as a
/// number comes back as one), dates as `YYYY-MM-DD`, errors as nothing.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "ya" } else { "" }.to_owned(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_win_when_the_header_has_more_of_them() {
        assert_eq!(delimiter("Nama;Pemilik;HP\n1,2;3;4"), b';');
        assert_eq!(delimiter("name,owner,phone"), b',');
        assert_eq!(delimiter("\"a;b;c\",x,y"), b',');
    }

    #[test]
    fn windows_1252_is_read_when_the_bytes_are_not_utf8() {
        assert_eq!(decode(b"Caf\xe9"), "Café");
        assert_eq!(decode("\u{feff}Nama".as_bytes()), "Nama");
    }

    #[test]
    fn whole_floats_lose_their_point() {
        assert_eq!(cell_text(&Data::Float(81234567890.0)), "81234567890");
        assert_eq!(cell_text(&Data::Float(1.5)), "1.5");
    }
}
