//! Training classes (pelatihan) and coaching sessions (pendampingan): a topic, dates, a
//! trainer, a place, and the vendors taking part. Recording that someone attended moves their
//! Jakpreneur stage in the same transaction: a class completes P2 (pelatihan), coaching puts
//! P3 (pendampingan) in progress. Stages only move forward this way; a person can still set
//! them by hand.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::day_text as date_text;
use crate::date::parse_day as parse_date;
use crate::error::{Error, FieldError, Result};
use crate::region;
use crate::registry::Registry;
use crate::spreadsheet::{self, SheetFormat, Table};
use crate::stage::{self, Stage, StageRecord, StageStatus};
use crate::text::{Lang, Text};
use crate::vendor::today_in_jakarta;

const MAX_TEXT: usize = 200;
const MAX_NOTES: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClassKind {
    /// A class: attending completes the pelatihan stage (P2).
    Pelatihan,
    /// A coaching session: attending puts the pendampingan stage (P3) in progress.
    Pendampingan,
}

impl ClassKind {
    fn as_str(self) -> &'static str {
        match self {
            ClassKind::Pelatihan => "pelatihan",
            ClassKind::Pendampingan => "pendampingan",
        }
    }

    pub fn parse(s: &str) -> Result<ClassKind> {
        match s.trim().to_lowercase().as_str() {
            "pelatihan" | "training" | "class" => Ok(ClassKind::Pelatihan),
            "pendampingan" | "coaching" => Ok(ClassKind::Pendampingan),
            _ => Err(invalid(
                "kind",
                "unknown_kind",
                "Jenis kegiatan: pelatihan atau pendampingan.",
                "Kind: pelatihan (training) or pendampingan (coaching).",
            )),
        }
    }

    /// The stage attending moves, and how far.
    fn stage(self) -> (Stage, StageStatus) {
        match self {
            ClassKind::Pelatihan => (Stage::Pelatihan, StageStatus::Selesai),
            ClassKind::Pendampingan => (Stage::Pendampingan, StageStatus::Proses),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A Jakpreneur training centre (PPKUKM / pusat pelatihan).
    TrainingCentre,
    /// A kecamatan office.
    KecamatanOffice,
    Other,
}

impl PlaceKind {
    fn as_str(self) -> &'static str {
        match self {
            PlaceKind::TrainingCentre => "training_centre",
            PlaceKind::KecamatanOffice => "kecamatan_office",
            PlaceKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<PlaceKind> {
        match s.trim().to_lowercase().replace('-', "_").as_str() {
            "training_centre" | "pusat_pelatihan" | "centre" => Ok(PlaceKind::TrainingCentre),
            "kecamatan_office" | "kantor_kecamatan" | "kecamatan" => Ok(PlaceKind::KecamatanOffice),
            "other" | "lainnya" => Ok(PlaceKind::Other),
            _ => Err(invalid(
                "place_kind",
                "unknown_place_kind",
                "Tempat: training_centre, kecamatan_office atau other.",
                "Place: training_centre, kecamatan_office or other.",
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Signed up; attendance not recorded yet.
    Registered,
    Attended,
    Absent,
}

impl Attendance {
    fn as_str(self) -> &'static str {
        match self {
            Attendance::Registered => "registered",
            Attendance::Attended => "attended",
            Attendance::Absent => "absent",
        }
    }

    fn from_db(s: &str) -> Attendance {
        match s {
            "attended" => Attendance::Attended,
            "absent" => Attendance::Absent,
            _ => Attendance::Registered,
        }
    }
}

/// A class as typed in the form or on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClassDraft {
    pub kind: ClassKind,
    pub topic: String,
    /// `YYYY-MM-DD` or `DD-MM-YYYY`.
    pub starts_on: String,
    /// Empty for a one-day class.
    pub ends_on: String,
    pub trainer: String,
    pub place_kind: PlaceKind,
    /// The centre's or venue's name.
    pub place: String,
    /// For a kecamatan office: which kecamatan (name or code).
    pub kecamatan: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingClass {
    pub id: String,
    pub kind: ClassKind,
    pub topic: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub trainer: Option<String>,
    pub place_kind: PlaceKind,
    pub place: Option<String>,
    pub kecamatan_code: Option<String>,
    pub kecamatan: Option<String>,
    pub notes: Option<String>,
    pub participants: u32,
    pub attended: u32,
}

/// A participant as the class list shows them: the business and owner, no private data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Participant {
    pub vendor_id: String,
    pub name: String,
    pub owner: String,
    pub kecamatan: String,
    pub status: Attendance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClassDetail {
    pub class: TrainingClass,
    pub participants: Vec<Participant>,
}

/// A class a vendor took part in, with their attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VendorClass {
    pub class: TrainingClass,
    pub status: Attendance,
}

fn invalid(field: &str, code: &str, id: &str, en: &str) -> Error {
    Error::Invalid(vec![FieldError::new(field, code, Text::new(id, en))])
}

fn clean(field: &str, raw: &str, max: usize, errors: &mut Vec<FieldError>) -> Option<String> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > max || raw.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(FieldError::new(
            field,
            "too_long",
            Text::new(
                format!("Paling banyak {max} karakter, tanpa karakter tersembunyi."),
                format!("At most {max} characters, and no hidden characters."),
            ),
        ));
        return None;
    }
    (!text.is_empty()).then_some(text)
}

/// A draft that passed its checks.
struct ValidClass {
    kind: ClassKind,
    topic: String,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    trainer: Option<String>,
    place_kind: PlaceKind,
    place: Option<String>,
    kecamatan_code: Option<String>,
    notes: Option<String>,
}

fn validate(d: &ClassDraft) -> Result<ValidClass> {
    let mut errors = Vec::new();
    let topic = clean("topic", &d.topic, MAX_TEXT, &mut errors);
    if topic.is_none() && errors.iter().all(|e| e.field != "topic") {
        errors.push(FieldError::new(
            "topic",
            "required",
            Text::new("Topik wajib diisi.", "The topic is required."),
        ));
    }
    let starts_on = match parse_date("starts_on", &d.starts_on) {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            errors.push(FieldError::new(
                "starts_on",
                "required",
                Text::new("Tanggal mulai wajib diisi.", "The start date is required."),
            ));
            None
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let ends_on = parse_date("ends_on", &d.ends_on)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    if let (Some(s), Some(e)) = (starts_on, ends_on)
        && e < s
    {
        errors.push(FieldError::new(
            "ends_on",
            "before_start",
            Text::new(
                "Tanggal selesai tidak boleh sebelum tanggal mulai.",
                "The end date cannot be before the start date.",
            ),
        ));
    }
    let trainer = clean("trainer", &d.trainer, MAX_TEXT, &mut errors);
    let place = clean("place", &d.place, MAX_TEXT, &mut errors);
    let notes = clean("notes", &d.notes, MAX_NOTES, &mut errors);
    let kecamatan_code = match d.kecamatan.trim() {
        "" if d.place_kind == PlaceKind::KecamatanOffice => {
            errors.push(FieldError::new(
                "kecamatan",
                "required",
                Text::new(
                    "Pilih kecamatan tempat kantor kecamatan itu.",
                    "Choose the kecamatan whose office it is.",
                ),
            ));
            None
        }
        "" => None,
        k => match region::jakarta().find_kecamatan(k) {
            Some(found) => Some(found.code.clone()),
            None => {
                errors.push(FieldError::new(
                    "kecamatan",
                    "unknown_kecamatan",
                    Text::new(
                        format!("Kecamatan \"{k}\" tidak ada di Jakarta."),
                        format!("Kecamatan \"{k}\" does not exist in Jakarta."),
                    ),
                ));
                None
            }
        },
    };
    match (topic, starts_on) {
        (Some(topic), Some(starts_on)) if errors.is_empty() => Ok(ValidClass {
            kind: d.kind,
            topic,
            starts_on,
            ends_on: ends_on.filter(|e| *e != starts_on),
            trainer,
            place_kind: d.place_kind,
            place,
            kecamatan_code,
            notes,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

const CLASS_COLUMNS: &str =
    "c.id, c.kind, c.topic, c.starts_on, c.ends_on, c.trainer, c.place_kind, c.place,
     c.kecamatan_code, c.notes,
     (SELECT count(*) FROM class_participant p WHERE p.class_id = c.id AND p.deleted_at IS NULL),
     (SELECT count(*) FROM class_participant p WHERE p.class_id = c.id AND p.deleted_at IS NULL
        AND p.status = 'attended')";

fn class_from_row(r: &Row<'_>) -> rusqlite::Result<TrainingClass> {
    let kind: String = r.get(1)?;
    let place_kind: String = r.get(6)?;
    let kecamatan_code: Option<String> = r.get(8)?;
    Ok(TrainingClass {
        id: r.get(0)?,
        kind: ClassKind::parse(&kind).unwrap_or(ClassKind::Pelatihan),
        topic: r.get(2)?,
        starts_on: r.get(3)?,
        ends_on: r.get(4)?,
        trainer: r.get(5)?,
        place_kind: PlaceKind::parse(&place_kind).unwrap_or(PlaceKind::Other),
        place: r.get(7)?,
        kecamatan: kecamatan_code
            .as_deref()
            .and_then(|c| region::jakarta().kecamatan_by_code(c))
            .map(|k| k.name.clone()),
        kecamatan_code,
        notes: r.get(9)?,
        participants: r.get(10)?,
        attended: r.get(11)?,
    })
}

fn get_class(conn: &Connection, id: &str) -> Result<TrainingClass> {
    conn.query_row(
        &format!(
            "SELECT {CLASS_COLUMNS} FROM training_class c WHERE c.id = ?1 AND c.deleted_at IS NULL"
        ),
        [id],
        class_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "class",
        id: id.to_owned(),
    })
}

fn participants(conn: &Connection, class_id: &str) -> Result<Vec<Participant>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, v.business_name, v.owner_name, v.kecamatan_code, p.status
         FROM class_participant p JOIN vendor v ON v.id = p.vendor_id
         WHERE p.class_id = ?1 AND p.deleted_at IS NULL AND v.deleted_at IS NULL
         ORDER BY v.business_name COLLATE NOCASE, v.id",
    )?;
    let regions = region::jakarta();
    let rows = stmt.query_map([class_id], |r| {
        let code: String = r.get(3)?;
        let status: String = r.get(4)?;
        Ok(Participant {
            vendor_id: r.get(0)?,
            name: r.get(1)?,
            owner: r.get(2)?,
            kecamatan: regions
                .kecamatan_by_code(&code)
                .map_or(code.clone(), |k| k.name.clone()),
            status: Attendance::from_db(&status),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Registry {
    pub fn create_class(&self, draft: &ClassDraft) -> Result<TrainingClass> {
        let v = validate(draft)?;
        let id = self.new_id();
        self.write(|tx, stamp| {
            tx.execute(
                "INSERT INTO training_class (id, kind, topic, starts_on, ends_on, trainer, place_kind,
                   place, kecamatan_code, notes, created_at, updated_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
                params![
                    id,
                    v.kind.as_str(),
                    v.topic,
                    date_text(v.starts_on),
                    v.ends_on.map(date_text),
                    v.trainer,
                    v.place_kind.as_str(),
                    v.place,
                    v.kecamatan_code,
                    v.notes,
                    stamp.time,
                    stamp.device
                ],
            )?;
            get_class(tx, &id)
        })
    }

    pub fn update_class(&self, id: &str, draft: &ClassDraft) -> Result<TrainingClass> {
        let v = validate(draft)?;
        self.write(|tx, stamp| {
            get_class(tx, id)?;
            tx.execute(
                "UPDATE training_class SET kind = ?2, topic = ?3, starts_on = ?4, ends_on = ?5,
                   trainer = ?6, place_kind = ?7, place = ?8, kecamatan_code = ?9, notes = ?10,
                   updated_at = ?11, device_id = ?12
                 WHERE id = ?1",
                params![
                    id,
                    v.kind.as_str(),
                    v.topic,
                    date_text(v.starts_on),
                    v.ends_on.map(date_text),
                    v.trainer,
                    v.place_kind.as_str(),
                    v.place,
                    v.kecamatan_code,
                    v.notes,
                    stamp.time,
                    stamp.device
                ],
            )?;
            get_class(tx, id)
        })
    }

    /// Removes a class and its participant list (a tombstone). Stages already moved by its
    /// attendance stay as they are: they happened.
    pub fn delete_class(&self, id: &str) -> Result<()> {
        self.write(|tx, stamp| {
            get_class(tx, id)?;
            tx.execute(
                "UPDATE class_participant SET deleted_at = ?2, updated_at = ?2, device_id = ?3
                 WHERE class_id = ?1 AND deleted_at IS NULL",
                params![id, stamp.time, stamp.device],
            )?;
            tx.execute(
                "UPDATE training_class SET deleted_at = ?2, updated_at = ?2, device_id = ?3 WHERE id = ?1",
                params![id, stamp.time, stamp.device],
            )?;
            Ok(())
        })
    }

    /// Every class, the latest first.
    pub fn list_classes(&self) -> Result<Vec<TrainingClass>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {CLASS_COLUMNS} FROM training_class c WHERE c.deleted_at IS NULL
                 ORDER BY c.starts_on DESC, c.id DESC"
            ))?;
            let rows = stmt.query_map([], class_from_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    pub fn class_detail(&self, id: &str) -> Result<ClassDetail> {
        self.read(|conn| {
            Ok(ClassDetail {
                class: get_class(conn, id)?,
                participants: participants(conn, id)?,
            })
        })
    }

    /// Signs vendors up for a class; those already on the list stay as they are.
    pub fn enrol(&self, class_id: &str, vendor_ids: &[String]) -> Result<ClassDetail> {
        for v in vendor_ids {
            self.require_vendor(v)?;
        }
        let ids: Vec<String> = vendor_ids.iter().map(|_| self.new_id()).collect();
        self.write(|tx, stamp| {
            get_class(tx, class_id)?;
            for (vendor_id, id) in vendor_ids.iter().zip(&ids) {
                tx.execute(
                    "INSERT INTO class_participant (id, class_id, vendor_id, status, created_at,
                       updated_at, device_id)
                     VALUES (?1, ?2, ?3, 'registered', ?4, ?4, ?5)
                     ON CONFLICT (class_id, vendor_id) WHERE deleted_at IS NULL DO NOTHING",
                    params![id, class_id, vendor_id, stamp.time, stamp.device],
                )?;
            }
            Ok(())
        })?;
        self.class_detail(class_id)
    }

    /// Takes a vendor off a class's list (a tombstone).
    pub fn unenrol(&self, class_id: &str, vendor_id: &str) -> Result<ClassDetail> {
        self.write(|tx, stamp| {
            let n = tx.execute(
                "UPDATE class_participant SET deleted_at = ?3, updated_at = ?3, device_id = ?4
                 WHERE class_id = ?1 AND vendor_id = ?2 AND deleted_at IS NULL",
                params![class_id, vendor_id, stamp.time, stamp.device],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "participant",
                    id: vendor_id.to_owned(),
                });
            }
            Ok(())
        })?;
        self.class_detail(class_id)
    }

    /// Records attendance for participants of a class. Attending moves each one's stage
    /// forward (never back), with the class's last day (or today, if that is still to come)
    /// as its date, in the same transaction.
    pub fn record_attendance(
        &self,
        class_id: &str,
        vendor_ids: &[String],
        status: Attendance,
    ) -> Result<ClassDetail> {
        let today = today_in_jakarta();
        let ids: Vec<[String; 2]> = vendor_ids
            .iter()
            .map(|_| [self.new_id(), self.new_id()])
            .collect();
        self.write(|tx, stamp| {
            let class = get_class(tx, class_id)?;
            let starts = NaiveDate::parse_from_str(&class.starts_on, "%Y-%m-%d")
                .map_err(|e| Error::Internal(e.to_string()))?;
            if status != Attendance::Registered && starts > today {
                return Err(Error::Conflict(Text::new(
                    format!("Kelas \"{}\" belum dimulai (mulai {}); kehadiran dicatat setelah kelas berlangsung.", class.topic, class.starts_on),
                    format!("The class \"{}\" has not started (it starts {}); record attendance once it has taken place.", class.topic, class.starts_on),
                )));
            }
            let last_day = class
                .ends_on
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or(starts)
                .min(today);
            for (vendor_id, ids) in vendor_ids.iter().zip(ids.clone()) {
                let n = tx.execute(
                    "UPDATE class_participant SET status = ?3, updated_at = ?4, device_id = ?5
                     WHERE class_id = ?1 AND vendor_id = ?2 AND deleted_at IS NULL",
                    params![class_id, vendor_id, status.as_str(), stamp.time, stamp.device],
                )?;
                if n == 0 {
                    return Err(Error::NotFound {
                        what: "participant",
                        id: vendor_id.clone(),
                    });
                }
                if status != Attendance::Attended {
                    continue;
                }
                let (stage, reached) = class.kind.stage();
                let before = stage::read_stage(tx, vendor_id, stage)?;
                if before.status >= reached {
                    continue;
                }
                let after = StageRecord {
                    stage,
                    status: reached,
                    date: Some(date_text(last_day)),
                    note: Some(format!("{}: {}", class.kind.as_str(), class.topic))
                        .map(|n| n.chars().take(500).collect()),
                };
                stage::write_stage(tx, stamp, ids, vendor_id, &before, &after)?;
            }
            Ok(())
        })?;
        self.class_detail(class_id)
    }

    /// The classes a vendor was signed up for, the latest first.
    pub fn classes_of_vendor(&self, vendor_id: &str) -> Result<Vec<VendorClass>> {
        self.require_vendor(vendor_id)?;
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {CLASS_COLUMNS}, p.status FROM class_participant p
                 JOIN training_class c ON c.id = p.class_id
                 WHERE p.vendor_id = ?1 AND p.deleted_at IS NULL AND c.deleted_at IS NULL
                 ORDER BY c.starts_on DESC, c.id DESC"
            ))?;
            let rows = stmt.query_map([vendor_id], |r| {
                Ok(VendorClass {
                    class: class_from_row(r)?,
                    status: Attendance::from_db(&r.get::<_, String>(12)?),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// The attendance sheet to print: the class's details, then one line per participant with
    /// an empty cell to sign. Only names and kecamatan: a printed sheet lies on a table.
    pub fn attendance_sheet(&self, class_id: &str, path: &Path, lang: Lang) -> Result<usize> {
        let detail = self.class_detail(class_id)?;
        let c = &detail.class;
        let l = |id: &str, en: &str| if lang == Lang::Id { id } else { en }.to_owned();
        let when = match &c.ends_on {
            Some(end) => format!("{} – {end}", c.starts_on),
            None => c.starts_on.clone(),
        };
        let place = [c.place.clone(), c.kecamatan.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        let mut rows = vec![
            vec![l("Daftar hadir", "Attendance sheet"), c.topic.clone()],
            vec![l("Tanggal", "Date"), when],
            vec![
                l("Pelatih", "Trainer"),
                c.trainer.clone().unwrap_or_default(),
            ],
            vec![l("Tempat", "Place"), place],
            vec![],
            vec![
                l("No.", "No."),
                l("Nama usaha", "Business"),
                l("Pemilik", "Owner"),
                l("Kecamatan", "Kecamatan"),
                l("Tanda tangan", "Signature"),
            ],
        ];
        for (i, p) in detail.participants.iter().enumerate() {
            rows.push(vec![
                (i + 1).to_string(),
                p.name.clone(),
                p.owner.clone(),
                p.kecamatan.clone(),
                String::new(),
            ]);
        }
        let format = SheetFormat::from_path(path).ok_or_else(|| {
            invalid(
                "file",
                "unknown_format",
                "Nama berkas harus berakhiran .xlsx atau .csv.",
                "The file name must end in .xlsx or .csv.",
            )
        })?;
        let mut table = Table {
            headers: rows.remove(0),
            rows,
        };
        for row in &mut table.rows {
            row.resize(5, String::new());
        }
        table.headers.resize(5, String::new());
        spreadsheet::write(path, format, &l("Daftar hadir", "Attendance"), &table)?;
        Ok(detail.participants.len())
    }
}

impl Registry {
    /// Writes the attendance sheet (XLSX) as a new file in `dir`, named after the class and
    /// never replacing a file; returns the path and the number of participants.
    pub fn attendance_sheet_into(
        &self,
        class_id: &str,
        dir: &Path,
        lang: Lang,
    ) -> Result<(std::path::PathBuf, usize)> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let stem = if lang == Lang::Id {
            "daftar-hadir"
        } else {
            "attendance"
        };
        // The id's last characters tell two classes' sheets apart.
        let alnum: Vec<char> = class_id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let tail: String = alnum[alnum.len().saturating_sub(6)..].iter().collect();
        let path = crate::paths::unused_path(dir, &format!("{stem}-{tail}"), "xlsx");
        let n = self.attendance_sheet(class_id, &path, lang)?;
        Ok((path, n))
    }
}
