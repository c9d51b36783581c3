//! Training classes: planning, participants, attendance moving P2/P3, attendance sheets.

use std::io::Read;

use etalase::Lang;
use etalase::stage::{Stage, StageStatus, StageUpdate};
use etalase::training::{Attendance, ClassDraft, ClassKind, PlaceKind};
use etalase::vendor::{MergeChoice, VendorDraft};

use crate::cli::etalase;
use crate::support::{AddVendor, draft, dump, registry};

fn class(kind: ClassKind, starts_on: &str, ends_on: &str) -> ClassDraft {
    ClassDraft {
        kind,
        topic: "Foto produk dengan ponsel".into(),
        starts_on: starts_on.into(),
        ends_on: ends_on.into(),
        trainer: "Bu Rina".into(),
        place_kind: PlaceKind::TrainingCentre,
        place: "PPKUKM Gambir".into(),
        kecamatan: String::new(),
        notes: String::new(),
    }
}

fn stage_of(r: &etalase::Registry, id: &str, stage: Stage) -> etalase::stage::StageRecord {
    r.stages(id)
        .expect("stages")
        .into_iter()
        .find(|s| s.stage == stage)
        .expect("stage")
}

#[test]
fn attending_a_class_completes_p2_with_the_last_day_and_a_history_entry() {
    let (_dir, r) = registry();
    let siti = r.add_vendor(&draft()).expect("Siti");
    let budi = r
        .add_vendor(&VendorDraft {
            name: "Batik Budi".into(),
            phone: "0813-1111-2222".into(),
            ..draft()
        })
        .expect("Budi");
    let c = r
        .create_class(&class(ClassKind::Pelatihan, "02-11-2026", "2026-11-04"))
        .expect("class");
    assert_eq!(c.starts_on, "2026-11-02");
    r.enrol(&c.id, &[siti.id.clone(), budi.id.clone()])
        .expect("enrol");
    let detail = r
        .record_attendance(&c.id, std::slice::from_ref(&siti.id), Attendance::Attended)
        .expect("attend");
    assert_eq!(detail.class.attended, 1);
    assert_eq!(detail.class.participants, 2);
    let p2 = stage_of(&r, &siti.id, Stage::Pelatihan);
    assert_eq!(p2.status, StageStatus::Selesai);
    assert_eq!(p2.date.as_deref(), Some("2026-11-04"));
    assert!(p2.note.as_deref().unwrap_or("").contains("Foto produk"));
    assert_eq!(
        stage_of(&r, &budi.id, Stage::Pelatihan).status,
        StageStatus::Belum,
        "only those who attended"
    );
    let history = r.vendor_history(&siti.id).expect("history");
    assert!(
        history[0]
            .changes
            .iter()
            .any(|c| c.field == "stage:pelatihan")
    );
    // The vendor page lists the class.
    let classes = r.classes_of_vendor(&siti.id).expect("classes");
    assert_eq!(classes.len(), 1);
    assert_eq!(classes[0].status, Attendance::Attended);
}

#[test]
fn coaching_puts_p3_in_progress_and_never_moves_a_stage_back() {
    let (_dir, r) = registry();
    let siti = r.add_vendor(&draft()).expect("Siti");
    r.set_stage(
        &siti.id,
        &StageUpdate {
            stage: Stage::Pelatihan,
            status: StageStatus::Selesai,
            date: "2025-01-10".into(),
            note: "by hand".into(),
        },
    )
    .expect("stage");
    let coaching = r
        .create_class(&class(ClassKind::Pendampingan, "2026-10-01", ""))
        .expect("coaching");
    r.enrol(&coaching.id, std::slice::from_ref(&siti.id))
        .expect("enrol");
    r.record_attendance(
        &coaching.id,
        std::slice::from_ref(&siti.id),
        Attendance::Attended,
    )
    .expect("attend");
    assert_eq!(
        stage_of(&r, &siti.id, Stage::Pendampingan).status,
        StageStatus::Proses
    );
    let training = r
        .create_class(&class(ClassKind::Pelatihan, "2026-10-05", ""))
        .expect("class");
    r.enrol(&training.id, std::slice::from_ref(&siti.id))
        .expect("enrol");
    r.record_attendance(
        &training.id,
        std::slice::from_ref(&siti.id),
        Attendance::Attended,
    )
    .expect("attend");
    let p2 = stage_of(&r, &siti.id, Stage::Pelatihan);
    assert_eq!(
        p2.date.as_deref(),
        Some("2025-01-10"),
        "already done: untouched"
    );
    assert_eq!(p2.note.as_deref(), Some("by hand"));
}

#[test]
fn bad_classes_and_attendance_are_refused_and_change_nothing() {
    let (_dir, r) = registry();
    let siti = r.add_vendor(&draft()).expect("Siti");
    let before = dump(&r);
    let bad = ClassDraft {
        topic: " ".into(),
        starts_on: "31-02-2026".into(),
        ends_on: String::new(),
        place_kind: PlaceKind::KecamatanOffice,
        ..class(ClassKind::Pelatihan, "", "")
    };
    let err = r.create_class(&bad).expect_err("invalid");
    let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["topic", "starts_on", "kecamatan"]);
    let backwards = class(ClassKind::Pelatihan, "2026-11-05", "2026-11-01");
    assert_eq!(
        r.create_class(&backwards).expect_err("ends first").fields()[0].code,
        "before_start"
    );
    assert_eq!(dump(&r), before);

    // Attendance for a class still to come, or for someone not on the list.
    let future = r
        .create_class(&class(ClassKind::Pelatihan, "2099-01-01", ""))
        .expect("future class");
    r.enrol(&future.id, std::slice::from_ref(&siti.id))
        .expect("enrol");
    let before = dump(&r);
    assert_eq!(
        r.record_attendance(
            &future.id,
            std::slice::from_ref(&siti.id),
            Attendance::Attended
        )
        .expect_err("not started")
        .code(),
        "conflict"
    );
    let past = r
        .create_class(&class(ClassKind::Pelatihan, "2026-01-01", ""))
        .expect("past class");
    let before_attend = dump(&r);
    assert_eq!(
        r.record_attendance(
            &past.id,
            std::slice::from_ref(&siti.id),
            Attendance::Attended
        )
        .expect_err("not enrolled")
        .code(),
        "not_found"
    );
    assert_eq!(dump(&r), before_attend);
    assert_ne!(before, before_attend);
}

#[test]
fn the_attendance_sheet_has_a_line_per_participant_and_no_private_data() {
    let (dir, r) = registry();
    let siti = r
        .add_vendor(&VendorDraft {
            nik: "3174015205850007".into(),
            home_address: "Jl. Rahasia 1".into(),
            ..draft()
        })
        .expect("Siti");
    let c = r
        .create_class(&class(ClassKind::Pelatihan, "2026-11-02", ""))
        .expect("class");
    r.enrol(&c.id, std::slice::from_ref(&siti.id))
        .expect("enrol");
    let path = dir.path().join("hadir.xlsx");
    assert_eq!(
        r.attendance_sheet(&c.id, &path, Lang::Id).expect("sheet"),
        1
    );
    let mut xml = String::new();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    zip.by_name("xl/sharedStrings.xml")
        .expect("strings")
        .read_to_string(&mut xml)
        .expect("read");
    for wanted in [
        "Daftar hadir",
        "Foto produk dengan ponsel",
        "Kue Basah Bu Siti",
        "Tanda tangan",
        "Tebet",
    ] {
        assert!(xml.contains(wanted), "{wanted}");
    }
    for private in ["3174015205850007", "Rahasia", "+62812"] {
        assert!(!xml.contains(private), "{private} leaked");
    }
    // The window's copy goes into a folder under a new name each time.
    let (first, _) = r
        .attendance_sheet_into(&c.id, dir.path(), Lang::Id)
        .expect("into");
    let (second, _) = r
        .attendance_sheet_into(&c.id, dir.path(), Lang::Id)
        .expect("again");
    let name = first.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(
        name.starts_with("daftar-hadir-") && name.ends_with(".xlsx"),
        "{name}"
    );
    assert_ne!(first, second);
}

#[test]
fn merging_and_erasing_carry_class_lists_along() {
    let (_dir, r) = registry();
    let keep = r.add_vendor(&draft()).expect("keep");
    let other = r
        .add_vendor(&VendorDraft {
            name: "kue basah bu siti".into(),
            ..draft()
        })
        .expect("other");
    let c = r
        .create_class(&class(ClassKind::Pelatihan, "2026-11-02", ""))
        .expect("class");
    r.enrol(&c.id, &[keep.id.clone(), other.id.clone()])
        .expect("enrol");
    r.record_attendance(&c.id, std::slice::from_ref(&other.id), Attendance::Attended)
        .expect("attend");
    r.merge_vendors(&keep.id, &other.id, &MergeChoice::default())
        .expect("merge");
    let detail = r.class_detail(&c.id).expect("class");
    assert_eq!(detail.participants.len(), 1);
    assert_eq!(detail.participants[0].vendor_id, keep.id);
    assert_eq!(detail.participants[0].status, Attendance::Attended);
    r.erase_vendor(&keep.id).expect("erase");
    assert!(
        r.class_detail(&c.id)
            .expect("class")
            .participants
            .is_empty()
    );
    let rows: i64 = r
        .read(|c| Ok(c.query_row("SELECT count(*) FROM class_participant", [], |x| x.get(0))?))
        .expect("count");
    assert_eq!(rows, 0, "no participant row of the erased person is left");
}

#[test]
fn the_cli_runs_a_class_from_plan_to_sheet() {
    let (dir, r) = registry();
    let siti = r.add_vendor(&draft()).expect("Siti");
    drop(r);
    let d = dir.path();
    let out = etalase(
        d,
        &[
            "class",
            "add",
            "--topic",
            "Pembukuan sederhana",
            "--starts-on",
            "2026-11-20",
            "--place-kind",
            "kecamatan-office",
            "--kecamatan",
            "Tebet",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let detail: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let id = detail["class"]["id"].as_str().expect("id").to_owned();
    assert_eq!(detail["class"]["kecamatan"], "Tebet");
    assert!(
        etalase(d, &["class", "enrol", &id, &siti.id])
            .status
            .success()
    );
    let out = etalase(d, &["class", "attend", &id, &siti.id]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 attended"));
    let sheet = d.join("hadir.csv");
    let out = etalase(d, &["class", "sheet", &id, sheet.to_str().expect("path")]);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&sheet)
            .expect("csv")
            .contains("Kue Basah Bu Siti")
    );
    let out = etalase(d, &["class", "delete", &id]);
    assert_eq!(out.status.code(), Some(2), "needs --yes");
    assert!(
        etalase(d, &["class", "delete", &id, "--yes"])
            .status
            .success()
    );
    let out = etalase(d, &["class", "list", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}
