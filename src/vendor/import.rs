//! Registering vendors from a spreadsheet (CSV or XLSX) that a training centre already keeps.
//!
//! Nothing is written by a preview. Each row is read through the same validation as the form,
//! then matched against the registry and the rows above it: a row that is surely a registered
//! business (its ID, its NIB, or its phone or NIK under a similar name) updates that vendor
//! with the cells it fills; a row that only looks like one is held back as a possible
//! duplicate. Importing the same file again therefore changes nothing. Applying writes every
//! good row in one transaction and refuses if the file or the registry changed since the
//! preview the person confirmed.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::duplicates::{DuplicateIndex, DuplicateReason};
use super::queries::{insert, store_update, stored};
use super::{ValidVendor, VendorDraft, VendorPatch, validate_draft};
use crate::category;
use crate::error::{Error, FieldError, Result};
use crate::registry::Registry;
use crate::spreadsheet::read::{self, Sheet, SheetRow};
use crate::text::Text;

/// A field a column can fill: its key (a [`VendorDraft`] field, or `id`), its label, and the
/// headings it is recognised by (lower case, letters and digits only).
struct Target {
    key: &'static str,
    id: &'static str,
    en: &'static str,
    headings: &'static [&'static str],
}

const TARGETS: &[Target] = &[
    Target {
        key: "id",
        id: "ID Etalase",
        en: "Etalase ID",
        headings: &["id", "idetalase", "vendorid"],
    },
    Target {
        key: "name",
        id: "Nama usaha",
        en: "Business name",
        headings: &[
            "namausaha",
            "nama",
            "namatoko",
            "usaha",
            "name",
            "businessname",
            "business",
        ],
    },
    Target {
        key: "brand",
        id: "Merek",
        en: "Brand",
        headings: &["merek", "merk", "brand"],
    },
    Target {
        key: "owner",
        id: "Pemilik",
        en: "Owner",
        headings: &["pemilik", "namapemilik", "owner", "ownername"],
    },
    Target {
        key: "phone",
        id: "Nomor HP",
        en: "Mobile number",
        headings: &[
            "nomorhp",
            "nohp",
            "hp",
            "handphone",
            "telepon",
            "telp",
            "notelp",
            "nomortelepon",
            "nowa",
            "nomorwa",
            "phone",
            "mobile",
            "mobilenumber",
        ],
    },
    Target {
        key: "whatsapp",
        id: "Ada WhatsApp",
        en: "On WhatsApp",
        headings: &["whatsapp", "adawhatsapp", "onwhatsapp"],
    },
    Target {
        key: "kecamatan",
        id: "Kecamatan",
        en: "Kecamatan",
        headings: &["kecamatan", "kec", "district"],
    },
    Target {
        key: "kelurahan",
        id: "Kelurahan",
        en: "Kelurahan",
        headings: &["kelurahan", "kel", "desa", "village"],
    },
    Target {
        key: "category",
        id: "Kategori",
        en: "Category",
        headings: &["kategori", "category", "kategoriproduk"],
    },
    Target {
        key: "legal_form",
        id: "Bentuk usaha",
        en: "Legal form",
        headings: &["bentukusaha", "badanusaha", "legalform"],
    },
    Target {
        key: "nib",
        id: "NIB",
        en: "NIB",
        headings: &["nib", "nomorindukberusaha"],
    },
    Target {
        key: "npwp",
        id: "NPWP",
        en: "NPWP",
        headings: &["npwp"],
    },
    Target {
        key: "kbli",
        id: "KBLI",
        en: "KBLI",
        headings: &["kbli", "kodekbli"],
    },
    Target {
        key: "kbli_edition",
        id: "Edisi KBLI",
        en: "KBLI edition",
        headings: &["edisikbli", "kbliedition"],
    },
    Target {
        key: "capital",
        id: "Modal usaha",
        en: "Capital",
        headings: &["modal", "modalusaha", "capital"],
    },
    Target {
        key: "annual_sales",
        id: "Omzet setahun",
        en: "Annual sales",
        headings: &[
            "omzet",
            "omset",
            "omzettahunan",
            "omzetsetahun",
            "annualsales",
            "turnover",
        ],
    },
    Target {
        key: "employees",
        id: "Jumlah karyawan",
        en: "Employees",
        headings: &["karyawan", "jumlahkaryawan", "tenagakerja", "employees"],
    },
    Target {
        key: "street",
        id: "Alamat usaha",
        en: "Business street address",
        headings: &["alamat", "alamatusaha", "jalan", "street", "address"],
    },
    Target {
        key: "rt",
        id: "RT",
        en: "RT",
        headings: &["rt"],
    },
    Target {
        key: "rw",
        id: "RW",
        en: "RW",
        headings: &["rw"],
    },
    Target {
        key: "gender",
        id: "Jenis kelamin",
        en: "Gender",
        headings: &["jeniskelamin", "jk", "gender", "sex"],
    },
    Target {
        key: "birth_date",
        id: "Tanggal lahir",
        en: "Birth date",
        headings: &["tanggallahir", "tgllahir", "birthdate", "dateofbirth"],
    },
    Target {
        key: "nik",
        id: "NIK",
        en: "NIK",
        headings: &["nik", "noktp", "nomorktp", "nomorindukkependudukan"],
    },
    Target {
        key: "email",
        id: "E-mail",
        en: "E-mail",
        headings: &["email", "surel"],
    },
    Target {
        key: "home_address",
        id: "Alamat rumah",
        en: "Home address",
        headings: &["alamatrumah", "alamattinggal", "homeaddress"],
    },
    Target {
        key: "public_contact",
        id: "Kontak publik",
        en: "Public contact",
        headings: &["kontakpublik", "publiccontact"],
    },
    Target {
        key: "shop_link",
        id: "Tautan toko",
        en: "Shop link",
        headings: &[
            "tautantoko",
            "linktoko",
            "tokoonline",
            "shoplink",
            "shopurl",
        ],
    },
    Target {
        key: "agency",
        id: "Dinas pembina",
        en: "Coaching agency",
        headings: &["dinaspembina", "dinas", "agency", "coachingagency"],
    },
    Target {
        key: "mentor",
        id: "Pendamping",
        en: "Mentor",
        headings: &["pendamping", "mentor"],
    },
    Target {
        key: "notes",
        id: "Catatan",
        en: "Notes",
        headings: &["catatan", "keterangan", "notes"],
    },
];

/// The fields a new vendor cannot do without.
const REQUIRED: [&str; 5] = ["name", "owner", "phone", "kecamatan", "category"];

/// A field a column can be mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportTarget {
    pub key: String,
    pub label: Text,
    /// Needed to register a new vendor.
    pub required: bool,
}

/// What the person chose for an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ImportOptions {
    /// Per column, in the file's order, the field it fills (`null`: ignored). Empty: guessed
    /// from the headings.
    pub mapping: Vec<Option<String>>,
    /// Register rows that look like an existing vendor (without surely being it) anyway.
    pub allow_duplicates: bool,
}

/// What the person saw in the preview: applying refuses if the file or the outcome differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportConfirmation {
    pub fingerprint: String,
    pub counts: ImportCounts,
}

/// One column of the file and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportColumn {
    pub heading: String,
    pub field: Option<String>,
    /// The first few filled cells, to check the mapping by eye.
    pub samples: Vec<String>,
}

/// What happens to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    /// A new vendor is registered.
    Create,
    /// A registered vendor gets the row's values.
    Update,
    /// The row matches a registered vendor exactly.
    Unchanged,
    /// A value is wrong or missing; the row is skipped.
    Invalid,
    /// The row looks like a registered vendor without surely being it; skipped unless allowed.
    Duplicate,
    /// An earlier row of the file is the same business; skipped.
    Repeated,
}

/// One row's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportRow {
    /// The row's number as a spreadsheet program shows it.
    pub line: u32,
    /// The business name in the row (or the owner's, if none).
    pub name: String,
    pub action: RowAction,
    /// The registered vendor it updates, matches or resembles.
    pub vendor_id: Option<String>,
    pub vendor_name: Option<String>,
    /// The earlier line it repeats.
    pub same_as_line: Option<u32>,
    /// For updates: the fields that change.
    pub changed: Vec<String>,
    pub errors: Vec<FieldError>,
    pub reasons: Vec<DuplicateReason>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportCounts {
    pub create: u32,
    pub update: u32,
    pub unchanged: u32,
    pub invalid: u32,
    pub duplicate: u32,
    pub repeated: u32,
}

impl ImportCounts {
    fn add(&mut self, action: RowAction) {
        let n = match action {
            RowAction::Create => &mut self.create,
            RowAction::Update => &mut self.update,
            RowAction::Unchanged => &mut self.unchanged,
            RowAction::Invalid => &mut self.invalid,
            RowAction::Duplicate => &mut self.duplicate,
            RowAction::Repeated => &mut self.repeated,
        };
        *n += 1;
    }

    /// Rows that will not be written.
    pub fn skipped(&self) -> u32 {
        self.invalid + self.duplicate + self.repeated
    }
}

/// What an import will do (a preview) or did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportPlan {
    pub file_name: String,
    pub fingerprint: String,
    pub columns: Vec<ImportColumn>,
    pub targets: Vec<ImportTarget>,
    /// Required fields no column fills: new vendors cannot be registered without them.
    pub unmapped_required: Vec<String>,
    pub rows: Vec<ImportRow>,
    pub counts: ImportCounts,
    /// Whether the rows were written.
    pub applied: bool,
}

/// The fields columns can fill, in the order the mapping picker lists them.
pub fn import_targets() -> Vec<ImportTarget> {
    TARGETS
        .iter()
        .map(|t| ImportTarget {
            key: t.key.to_owned(),
            label: Text::new(t.id, t.en),
            required: REQUIRED.contains(&t.key),
        })
        .collect()
}

fn squash(heading: &str) -> String {
    heading
        .chars()
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The field a heading most likely means; each field is given to one column at most.
pub fn guess_mapping(headings: &[String]) -> Vec<Option<String>> {
    let mut taken: Vec<&str> = Vec::new();
    headings
        .iter()
        .map(|h| {
            let s = squash(h);
            let t = TARGETS
                .iter()
                .find(|t| !taken.contains(&t.key) && t.headings.contains(&s.as_str()))?;
            taken.push(t.key);
            Some(t.key.to_owned())
        })
        .collect()
}

/// Checks a chosen mapping: one entry per column, known fields, no field twice.
fn check_mapping(sheet: &Sheet, mapping: &[Option<String>]) -> Result<Vec<Option<&'static str>>> {
    if mapping.is_empty() {
        return Ok(guess_mapping(&sheet.headers)
            .into_iter()
            .map(|m| m.and_then(|k| TARGETS.iter().find(|t| t.key == k).map(|t| t.key)))
            .collect());
    }
    let invalid = |id: String, en: String| {
        Error::Invalid(vec![FieldError::new(
            "mapping",
            "invalid_mapping",
            Text::new(id, en),
        )])
    };
    if mapping.len() != sheet.headers.len() {
        return Err(invalid(
            format!(
                "Pemetaan kolom berisi {} kolom, berkasnya {}.",
                mapping.len(),
                sheet.headers.len()
            ),
            format!(
                "The column mapping has {} columns; the file has {}.",
                mapping.len(),
                sheet.headers.len()
            ),
        ));
    }
    let mut out: Vec<Option<&'static str>> = Vec::with_capacity(mapping.len());
    for m in mapping {
        let Some(key) = m.as_deref().filter(|k| !k.is_empty()) else {
            out.push(None);
            continue;
        };
        let target = TARGETS.iter().find(|t| t.key == key).ok_or_else(|| {
            invalid(
                format!("Kolom tujuan \"{key}\" tidak dikenal."),
                format!("Unknown target field \"{key}\"."),
            )
        })?;
        if out.contains(&Some(target.key)) {
            return Err(invalid(
                format!("{} dipetakan dari dua kolom; pilih satu.", target.id),
                format!("{} is mapped from two columns; choose one.", target.en),
            ));
        }
        out.push(Some(target.key));
    }
    Ok(out)
}

/// "ya", "yes", "1", "x", "✓" mean yes; "tidak", "no", "0", "-" mean no; anything else is an
/// error for that row.
fn yes_no(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "ya" | "y" | "yes" | "true" | "benar" | "1" | "x" | "✓" | "v" | "ada" => Some(true),
        "tidak" | "tdk" | "t" | "no" | "n" | "false" | "salah" | "0" | "-" | "tidak ada" => {
            Some(false)
        }
        _ => None,
    }
}

/// The row as a patch: only the cells it fills, so an update never blanks a field.
fn row_patch(
    row: &SheetRow,
    mapping: &[Option<&'static str>],
) -> Result<(VendorPatch, Option<String>), FieldError> {
    let mut map = serde_json::Map::new();
    let mut id = None;
    for (cell, key) in row.cells.iter().zip(mapping) {
        let (Some(key), cell) = (key, cell.trim()) else {
            continue;
        };
        if cell.is_empty() {
            continue;
        }
        match *key {
            "id" => id = Some(cell.to_owned()),
            "whatsapp" => {
                let yes = yes_no(cell).ok_or_else(|| {
                    FieldError::new(
                        "whatsapp",
                        "invalid_yes_no",
                        Text::new(
                            format!("Ada WhatsApp: \"{cell}\" bukan ya/tidak."),
                            format!("On WhatsApp: \"{cell}\" is not yes/no."),
                        ),
                    )
                })?;
                map.insert(key.to_string(), serde_json::Value::Bool(yes));
            }
            _ => {
                map.insert(key.to_string(), serde_json::Value::String(cell.to_owned()));
            }
        }
    }
    let patch = serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
        FieldError::new(
            "row",
            "unreadable",
            Text::new(
                format!("Baris tidak terbaca: {e}"),
                format!("Row cannot be read: {e}"),
            ),
        )
    })?;
    Ok((patch, id))
}

/// A planned row with what applying it writes.
struct Planned {
    row: ImportRow,
    write: Option<Write>,
}

enum Write {
    Create(Box<ValidVendor>),
    Update {
        id: String,
        current: Box<ValidVendor>,
        next: Box<ValidVendor>,
    },
}

fn outcome(line: u32, name: String, action: RowAction) -> ImportRow {
    ImportRow {
        line,
        name,
        action,
        vendor_id: None,
        vendor_name: None,
        same_as_line: None,
        changed: Vec::new(),
        errors: Vec::new(),
        reasons: Vec::new(),
    }
}

/// Works out every row's outcome against the registry as `conn` sees it.
fn plan(
    conn: &Connection,
    sheet: &Sheet,
    mapping: &[Option<&'static str>],
    allow_duplicates: bool,
) -> Result<Vec<Planned>> {
    let categories = category::list(conn)?;
    let mut index = DuplicateIndex::load(conn)?;
    let mut names: HashMap<String, String> = HashMap::new();
    // Which line first claimed each registered vendor, and each new row's key.
    let mut claimed: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::with_capacity(sheet.rows.len());
    let name_of = |p: &VendorPatch| {
        let name = p.name.as_ref().or(p.owner.as_ref());
        name.map_or_else(String::new, |n| {
            n.split_whitespace().collect::<Vec<_>>().join(" ")
        })
    };
    for row in &sheet.rows {
        let (patch, id) = match row_patch(row, mapping) {
            Ok(p) => p,
            Err(e) => {
                let mut r = outcome(row.line, String::new(), RowAction::Invalid);
                r.errors.push(e);
                out.push(Planned {
                    row: r,
                    write: None,
                });
                continue;
            }
        };
        let name = name_of(&patch);
        // Who is this row? Its ID if it has one, else the surest match in the registry.
        let fresh = validate_draft(&patch.apply(VendorDraft::default()), &categories);
        let matched: Option<(String, Vec<DuplicateReason>)> = match &id {
            Some(id) => match stored(conn, id) {
                Ok(_) => Some((id.clone(), Vec::new())),
                Err(_) => {
                    let mut r = outcome(row.line, name, RowAction::Invalid);
                    r.errors.push(FieldError::new(
                        "id",
                        "unknown_id",
                        Text::new(
                            format!("ID {id} tidak ada di data ini."),
                            format!("ID {id} is not in this registry."),
                        ),
                    ));
                    out.push(Planned {
                        row: r,
                        write: None,
                    });
                    continue;
                }
            },
            None => None,
        };
        let (matched, lookalikes) = match (matched, &fresh) {
            (Some(m), _) => (Some(m), Vec::new()),
            (None, Ok(valid)) => {
                let found = index.matches(valid);
                match found.iter().position(|m| m.same_business()) {
                    Some(i) => (
                        Some((found[i].key.clone(), found[i].reasons.clone())),
                        Vec::new(),
                    ),
                    None => (None, found),
                }
            }
            // A row that does not validate on its own may still update a vendor it names
            // surely; without an ID it is simply invalid.
            (None, Err(_)) => (None, Vec::new()),
        };
        if let Some((key, reasons)) = matched {
            // Surely an earlier row of this file, or a vendor an earlier row already updates.
            let first = match key.strip_prefix("line:") {
                Some(line) => line.parse().ok(),
                None => claimed.get(&key).copied(),
            };
            if first.is_some() {
                let mut r = outcome(row.line, name, RowAction::Repeated);
                r.same_as_line = first;
                r.reasons = reasons;
                out.push(Planned {
                    row: r,
                    write: None,
                });
                continue;
            }
            claimed.insert(key.clone(), row.line);
            let current = stored(conn, &key)?;
            let mut r = outcome(row.line, name, RowAction::Unchanged);
            r.vendor_id = Some(key.clone());
            r.vendor_name = Some(current.valid.name.clone());
            r.reasons = reasons;
            match validate_draft(&patch.apply(current.draft()), &categories) {
                Err(e) => {
                    r.action = RowAction::Invalid;
                    r.errors = e.fields().to_vec();
                    out.push(Planned {
                        row: r,
                        write: None,
                    });
                }
                Ok(next) => {
                    let changes = super::history::diff(Some(&current.valid), &next);
                    if changes.is_empty() {
                        out.push(Planned {
                            row: r,
                            write: None,
                        });
                    } else {
                        r.action = RowAction::Update;
                        r.changed = changes.into_iter().map(|c| c.field).collect();
                        out.push(Planned {
                            row: r,
                            write: Some(Write::Update {
                                id: key,
                                current: Box::new(current.valid),
                                next: Box::new(next),
                            }),
                        });
                    }
                }
            }
            continue;
        }
        let valid = match fresh {
            Ok(v) => v,
            Err(e) => {
                let mut r = outcome(row.line, name, RowAction::Invalid);
                r.errors = e.fields().to_vec();
                out.push(Planned {
                    row: r,
                    write: None,
                });
                continue;
            }
        };
        // Look-alikes (a registered vendor or an earlier row) that are not surely the same
        // business: possible duplicates, for a person to decide.
        let mut r = outcome(row.line, name, RowAction::Create);
        if let Some(first) = lookalikes.first() {
            r.reasons = first.reasons.clone();
            if let Some(line) = first.key.strip_prefix("line:") {
                r.same_as_line = line.parse().ok();
            } else {
                r.vendor_id = Some(first.key.clone());
                if !names.contains_key(&first.key) {
                    let n = stored(conn, &first.key)?.valid.name;
                    names.insert(first.key.clone(), n);
                }
                r.vendor_name = names.get(&first.key).cloned();
            }
            if !allow_duplicates {
                r.action = RowAction::Duplicate;
            }
        }
        // Later rows are compared with this one too (a file that lists a business twice).
        index.add(format!("line:{}", row.line), &valid);
        let write = (r.action == RowAction::Create).then(|| Write::Create(Box::new(valid)));
        out.push(Planned { row: r, write });
    }
    Ok(out)
}

fn columns(sheet: &Sheet, mapping: &[Option<&'static str>]) -> Vec<ImportColumn> {
    sheet
        .headers
        .iter()
        .enumerate()
        .map(|(i, heading)| ImportColumn {
            heading: heading.clone(),
            field: mapping.get(i).copied().flatten().map(str::to_owned),
            samples: sheet
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i).filter(|c| !c.is_empty()).cloned())
                .take(3)
                .collect(),
        })
        .collect()
}

fn summary(
    path: &Path,
    sheet: &Sheet,
    mapping: &[Option<&'static str>],
    planned: &[Planned],
) -> ImportPlan {
    let mut counts = ImportCounts::default();
    for p in planned {
        counts.add(p.row.action);
    }
    ImportPlan {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        fingerprint: sheet.fingerprint.clone(),
        columns: columns(sheet, mapping),
        targets: import_targets(),
        unmapped_required: REQUIRED
            .iter()
            .filter(|k| !mapping.contains(&Some(**k)))
            .map(|k| (*k).to_owned())
            .collect(),
        rows: planned.iter().map(|p| p.row.clone()).collect(),
        counts,
        applied: false,
    }
}

impl Registry {
    /// What importing the file would do, row by row. Writes nothing.
    pub fn preview_import(&self, path: &Path, options: &ImportOptions) -> Result<ImportPlan> {
        let sheet = read::read(path)?;
        let mapping = check_mapping(&sheet, &options.mapping)?;
        let planned = self.read(|conn| plan(conn, &sheet, &mapping, options.allow_duplicates))?;
        Ok(summary(path, &sheet, &mapping, &planned))
    }

    /// Writes the file's good rows (new vendors and updates) in one transaction; bad,
    /// duplicate and repeated rows are skipped and listed. With a confirmation, refuses when
    /// the file or the outcome differ from the preview the person saw.
    pub fn import_vendors(
        &self,
        path: &Path,
        options: &ImportOptions,
        confirmed: Option<&ImportConfirmation>,
    ) -> Result<ImportPlan> {
        let sheet = read::read(path)?;
        if let Some(c) = confirmed
            && c.fingerprint != sheet.fingerprint
        {
            return Err(Error::Conflict(Text::new(
                "Berkas berubah sejak pratinjau. Tinjau lagi sebelum mengimpor.",
                "The file changed since the preview. Preview it again before importing.",
            )));
        }
        let mapping = check_mapping(&sheet, &options.mapping)?;
        let ids: Vec<[String; 2]> = sheet
            .rows
            .iter()
            .map(|_| [self.new_id(), self.new_id()])
            .collect();
        let planned = self.write(|tx, stamp| {
            let planned = plan(tx, &sheet, &mapping, options.allow_duplicates)?;
            let counts = summary(path, &sheet, &mapping, &planned).counts;
            if let Some(c) = confirmed
                && c.counts != counts
            {
                return Err(Error::Conflict(Text::new(
                    "Data berubah sejak pratinjau (misalnya diubah di jendela lain). Tinjau lagi sebelum mengimpor.",
                    "The registry changed since the preview (in another window, perhaps). Preview again before importing.",
                )));
            }
            for (p, ids) in planned.iter().zip(&ids) {
                match &p.write {
                    Some(Write::Create(v)) => insert(tx, stamp, ids, v)?,
                    Some(Write::Update { id, current, next }) => {
                        store_update(tx, stamp, ids[1].clone(), id, current, next, "import")?;
                    }
                    None => {}
                }
            }
            Ok(planned)
        })?;
        Ok(ImportPlan {
            applied: true,
            ..summary(path, &sheet, &mapping, &planned)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_either_language_and_the_exports_own_are_recognised() {
        let h = |v: &[&str]| guess_mapping(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            h(&[
                "Nama Usaha",
                "Nama Pemilik",
                "No. HP",
                "Kec.",
                "Kategori",
                "Lain"
            ]),
            vec![
                Some("name".into()),
                Some("owner".into()),
                Some("phone".into()),
                Some("kecamatan".into()),
                Some("category".into()),
                None
            ]
        );
        assert_eq!(
            h(&["Business name", "Mobile number", "WhatsApp"])[2],
            Some("whatsapp".into())
        );
        // A field goes to the first column that claims it.
        assert_eq!(h(&["Nama", "Nama usaha"]), vec![Some("name".into()), None]);
    }

    #[test]
    fn yes_and_no_in_both_languages() {
        assert_eq!(yes_no("Ya"), Some(true));
        assert_eq!(yes_no("tidak"), Some(false));
        assert_eq!(yes_no("mungkin"), None);
    }
}
