//! The seven Jakpreneur stages, in any order, recorded in the vendor's history.

use etalase::stage::{Stage, StageStatus, StageUpdate};

use crate::cli::{add_vendor, etalase};
use crate::support::{AddVendor, draft, registry};

fn update(stage: Stage, status: StageStatus, date: &str) -> StageUpdate {
    StageUpdate {
        stage,
        status,
        date: date.into(),
        note: String::new(),
    }
}

#[test]
fn stages_start_not_begun_and_can_be_set_in_any_order() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    let all = r.stages(&v.id).expect("stages");
    assert_eq!(all.len(), 7);
    assert!(all.iter().all(|s| s.status == StageStatus::Belum));

    r.set_stage(
        &v.id,
        &update(Stage::Perizinan, StageStatus::Selesai, "02-11-2026"),
    )
    .expect("P4 before P2");
    r.set_stage(&v.id, &update(Stage::Pelatihan, StageStatus::Proses, ""))
        .expect("P2");
    let all = r.stages(&v.id).expect("stages");
    assert_eq!(all[3].status, StageStatus::Selesai);
    assert_eq!(all[3].date.as_deref(), Some("2026-11-02"));
    assert_eq!(all[1].status, StageStatus::Proses);

    let changed = r
        .set_stage(
            &v.id,
            &update(Stage::Pelatihan, StageStatus::Selesai, "2026-11-20"),
        )
        .expect("update");
    assert_eq!(changed.status, StageStatus::Selesai);
    let history = r.vendor_history(&v.id).expect("history");
    assert_eq!(history[0].changes[0].field, "stage:pelatihan");
    assert_eq!(history[0].changes[0].old.as_deref(), Some("proses"));
    assert_eq!(
        history[0].changes[0].new.as_deref(),
        Some("selesai 2026-11-20")
    );
    let before = history.len();
    r.set_stage(
        &v.id,
        &update(Stage::Pelatihan, StageStatus::Selesai, "2026-11-20"),
    )
    .expect("same again");
    assert_eq!(
        r.vendor_history(&v.id).expect("history").len(),
        before,
        "no change, no entry"
    );
}

#[test]
fn bad_dates_and_names_are_refused() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    for date in ["2099-01-01", "31-02-2026", "kemarin"] {
        let err = r
            .set_stage(&v.id, &update(Stage::Pemasaran, StageStatus::Selesai, date))
            .expect_err(date);
        assert_eq!(err.fields()[0].field, "date");
    }
    assert_eq!(Stage::parse("P2").expect("p2"), Stage::Pelatihan);
    assert_eq!(
        Stage::parse("pelaporan-keuangan").expect("name"),
        Stage::PelaporanKeuangan
    );
    assert!(Stage::parse("p8").is_err());
}

#[test]
fn the_cli_sets_and_shows_stages() {
    let dir = tempfile::tempdir().expect("dir");
    let id = &add_vendor(dir.path(), "Batik Ani", "fesyen-kerajinan", &[]);
    let set = etalase(
        dir.path(),
        &[
            "stage",
            "set",
            id,
            "--stage",
            "p5",
            "--status",
            "proses",
            "--note",
            "Bazar kelurahan",
        ],
    );
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let shown: serde_json::Value =
        serde_json::from_slice(&etalase(dir.path(), &["stage", "show", id, "--json"]).stdout)
            .expect("json");
    assert_eq!(shown[4]["stage"], "pemasaran");
    assert_eq!(shown[4]["status"], "proses");
    assert_eq!(shown[4]["note"], "Bazar kelurahan");
}

#[test]
fn an_agency_that_counts_coaching_as_p2_gets_its_numbering() {
    use etalase::stage::StageOrder;
    let (dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("vendor");
    assert_eq!(r.stage_order().expect("order"), StageOrder::PelatihanFirst);
    assert_eq!(r.stages(&v.id).expect("stages")[1].stage, Stage::Pelatihan);
    r.set_stage_order(StageOrder::PendampinganFirst)
        .expect("set");
    assert_eq!(
        r.stages(&v.id).expect("stages")[1].stage,
        Stage::Pendampingan
    );
    assert_eq!(
        Stage::parse_in("P2", StageOrder::PendampinganFirst).expect("P2"),
        Stage::Pendampingan
    );
    assert_eq!(StageOrder::PendampinganFirst.number(Stage::Pelatihan), "P3");
    let id = v.id.clone();
    drop(r);
    let out = etalase(
        dir.path(),
        &["stage", "set", &id, "--stage", "P2", "--status", "proses"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("P2  pendampingan         proses"), "{text}");
    let out = etalase(dir.path(), &["stage", "order", "pelatihan-first"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("P2  pelatihan"));
    let out = etalase(dir.path(), &["stage", "order", "sideways"]);
    assert_eq!(out.status.code(), Some(2));
}
