//! The seven Jakpreneur stages ("7P": pendaftaran, pelatihan, pendampingan, perizinan,
//! pemasaran, pelaporan keuangan, permodalan), each with a status, a date and a note, in any
//! order: the programme coaches each business by its own phase.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::registry::{Registry, Stamp};
use crate::text::Text;
use crate::vendor::FieldChange;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Pendaftaran,
    Pelatihan,
    Pendampingan,
    Perizinan,
    Pemasaran,
    PelaporanKeuangan,
    Permodalan,
}

impl Stage {
    /// In the order of the programme's official list (2023).
    pub const ALL: [Stage; 7] = [
        Stage::Pendaftaran,
        Stage::Pelatihan,
        Stage::Pendampingan,
        Stage::Perizinan,
        Stage::Pemasaran,
        Stage::PelaporanKeuangan,
        Stage::Permodalan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Pendaftaran => "pendaftaran",
            Stage::Pelatihan => "pelatihan",
            Stage::Pendampingan => "pendampingan",
            Stage::Perizinan => "perizinan",
            Stage::Pemasaran => "pemasaran",
            Stage::PelaporanKeuangan => "pelaporan_keuangan",
            Stage::Permodalan => "permodalan",
        }
    }

    /// Reads a stage's name (`pelatihan`, `pelaporan-keuangan`) or its default number (`p2`, `2`).
    pub fn parse(s: &str) -> Result<Stage> {
        Stage::parse_in(s, StageOrder::default())
    }

    /// Reads a stage's name, or its number in the given numbering.
    pub fn parse_in(s: &str, order: StageOrder) -> Result<Stage> {
        let s = s.trim().to_lowercase().replace(['-', ' '], "_");
        let by_number = s
            .trim_start_matches('p')
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1));
        by_number
            .and_then(|i| order.stages().get(i).copied())
            .or_else(|| Stage::ALL.into_iter().find(|st| st.as_str() == s))
            .ok_or_else(|| {
                invalid(
                    "stage",
                    "unknown_stage",
                    Text::new(
                        "Tahap: pendaftaran, pelatihan, pendampingan, perizinan, pemasaran, pelaporan-keuangan atau permodalan (atau P1–P7).",
                        "Stage: pendaftaran, pelatihan, pendampingan, perizinan, pemasaran, pelaporan-keuangan or permodalan (or P1–P7).",
                    ),
                )
            })
    }
}

/// How the programme numbers P2 and P3, which differs between agencies (Disparekraf 2020:
/// P2 pelatihan, P3 pendampingan; Jakarta Barat 2022: the other way round). Stages are stored by
/// name, so this changes only their numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StageOrder {
    #[default]
    PelatihanFirst,
    PendampinganFirst,
}

impl StageOrder {
    const META_KEY: &str = "stage_order";

    /// The seven stages, P1 to P7.
    pub fn stages(self) -> [Stage; 7] {
        let mut all = Stage::ALL;
        if self == StageOrder::PendampinganFirst {
            all.swap(1, 2);
        }
        all
    }

    /// `P1` … `P7`.
    pub fn number(self, stage: Stage) -> String {
        let i = self.stages().iter().position(|s| *s == stage).unwrap_or(0);
        format!("P{}", i + 1)
    }

    pub fn parse(s: &str) -> Result<StageOrder> {
        match s.trim().to_lowercase().replace('_', "-").as_str() {
            "pelatihan-first" => Ok(StageOrder::PelatihanFirst),
            "pendampingan-first" => Ok(StageOrder::PendampinganFirst),
            _ => Err(invalid(
                "order",
                "unknown_order",
                Text::new(
                    "Urutan tahap: pelatihan-first (P2 pelatihan) atau pendampingan-first (P2 pendampingan).",
                    "Stage order: pelatihan-first (P2 is training) or pendampingan-first (P2 is coaching).",
                ),
            )),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            StageOrder::PelatihanFirst => "pelatihan-first",
            StageOrder::PendampinganFirst => "pendampingan-first",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// Not started.
    Belum,
    /// In progress.
    Proses,
    /// Done.
    Selesai,
}

impl StageStatus {
    fn as_str(self) -> &'static str {
        match self {
            StageStatus::Belum => "belum",
            StageStatus::Proses => "proses",
            StageStatus::Selesai => "selesai",
        }
    }

    pub fn parse(s: &str) -> Result<StageStatus> {
        match s.trim().to_lowercase().as_str() {
            "belum" | "not_started" | "not-started" => Ok(StageStatus::Belum),
            "proses" | "in_progress" | "in-progress" => Ok(StageStatus::Proses),
            "selesai" | "done" => Ok(StageStatus::Selesai),
            _ => Err(invalid(
                "status",
                "unknown_status",
                Text::new(
                    "Status tahap: belum, proses atau selesai.",
                    "Stage status: belum, proses or selesai.",
                ),
            )),
        }
    }
}

fn invalid(field: &str, code: &str, text: Text) -> Error {
    Error::Invalid(vec![FieldError::new(field, code, text)])
}

/// Where one stage stands for a vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StageRecord {
    pub stage: Stage,
    pub status: StageStatus,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub note: Option<String>,
}

/// A change to one stage, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageUpdate {
    pub stage: Stage,
    pub status: StageStatus,
    /// `YYYY-MM-DD` or `DD-MM-YYYY`; empty for none.
    pub date: String,
    pub note: String,
}

impl Registry {
    /// All seven stages for a vendor, those never recorded as `belum`.
    /// The agency's numbering of P2/P3 (a setting of the registry).
    pub fn stage_order(&self) -> Result<StageOrder> {
        Ok(self
            .meta(StageOrder::META_KEY)?
            .and_then(|v| StageOrder::parse(&v).ok())
            .unwrap_or_default())
    }

    pub fn set_stage_order(&self, order: StageOrder) -> Result<()> {
        self.set_meta(StageOrder::META_KEY, order.as_str())
    }

    /// The seven stages of a vendor in the registry's numbering.
    pub fn stages(&self, vendor_id: &str) -> Result<Vec<StageRecord>> {
        self.require_vendor(vendor_id)?;
        let order = self.stage_order()?;
        self.read(|c| {
            order
                .stages()
                .iter()
                .map(|stage| read_stage(c, vendor_id, *stage))
                .collect()
        })
    }

    /// Sets one stage; the change goes into the vendor's history.
    pub fn set_stage(&self, vendor_id: &str, update: &StageUpdate) -> Result<StageRecord> {
        let today = crate::vendor::today_in_jakarta();
        let date = match update.date.trim() {
            "" => None,
            t => Some(
                NaiveDate::parse_from_str(t, "%Y-%m-%d")
                    .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
                    .ok()
                    .filter(|d| *d <= today)
                    .ok_or_else(|| {
                        invalid(
                            "date",
                            "invalid_date",
                            Text::new(
                                "Tanggal tahap tidak valid atau di masa depan.",
                                "The stage's date is not valid or in the future.",
                            ),
                        )
                    })?
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
        };
        let note: String = update.note.split_whitespace().collect::<Vec<_>>().join(" ");
        if note.chars().count() > 500 || note.chars().any(char::is_control) {
            return Err(invalid(
                "note",
                "invalid_note",
                Text::new(
                    "Catatan paling banyak 500 karakter.",
                    "A note has at most 500 characters.",
                ),
            ));
        }
        let note = (!note.is_empty()).then_some(note);
        self.require_vendor(vendor_id)?;
        let before = self.read(|c| read_stage(c, vendor_id, update.stage))?;
        let after = StageRecord {
            stage: update.stage,
            status: update.status,
            date,
            note,
        };
        if before == after {
            return Ok(after);
        }
        let ids = [self.new_id(), self.new_id()];
        self.write(|tx, stamp| write_stage(tx, stamp, ids, vendor_id, &before, &after))?;
        Ok(after)
    }
}

/// One stage of a vendor as stored (`belum` when never recorded).
pub(crate) fn read_stage(c: &Connection, vendor_id: &str, stage: Stage) -> Result<StageRecord> {
    let found = c
        .query_row(
            "SELECT status, date, note FROM vendor_stage
             WHERE vendor_id = ?1 AND stage = ?2 AND deleted_at IS NULL",
            params![vendor_id, stage.as_str()],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match found {
        Some((status, date, note)) => StageRecord {
            stage,
            status: StageStatus::parse(&status).unwrap_or(StageStatus::Belum),
            date,
            note,
        },
        None => StageRecord {
            stage,
            status: StageStatus::Belum,
            date: None,
            note: None,
        },
    })
}

/// Stores a stage's new state and its history entry, inside the caller's transaction.
/// `ids` are the stage row's id (used if the stage is new) and the history entry's.
pub(crate) fn write_stage(
    tx: &Connection,
    stamp: &Stamp,
    ids: [String; 2],
    vendor_id: &str,
    before: &StageRecord,
    after: &StageRecord,
) -> Result<()> {
    let [row_id, change_id] = ids;
    let describe = |s: &StageRecord| {
        Some(format!(
            "{}{}",
            s.status.as_str(),
            s.date
                .as_deref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default()
        ))
    };
    let change = FieldChange {
        field: format!("stage:{}", after.stage.as_str()),
        old: describe(before),
        new: describe(after),
    };
    tx.execute(
        "INSERT INTO vendor_stage (id, vendor_id, stage, status, date, note, created_at, updated_at, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
         ON CONFLICT (vendor_id, stage) WHERE deleted_at IS NULL DO UPDATE SET
           status = excluded.status, date = excluded.date, note = excluded.note,
           updated_at = excluded.updated_at, device_id = excluded.device_id",
        params![row_id, vendor_id, after.stage.as_str(), after.status.as_str(), after.date, after.note, stamp.time, stamp.device],
    )?;
    crate::vendor::history::record(tx, stamp, change_id, vendor_id, "edit", &[change])
}
