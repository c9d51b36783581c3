//! The `etalase` command-line tool, run as a user would run it.

use std::process::{Command, Output};

use serde_json::Value;

pub fn etalase(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_etalase"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("ETALASE_LANG")
        .output()
        .expect("run etalase")
}

/// Registers a vendor (owner Ani, Gambir) through the CLI and returns its id.
pub fn add_vendor(dir: &std::path::Path, name: &str, category: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "vendor",
        "add",
        "--name",
        name,
        "--owner",
        "Ani",
        "--phone",
        "0812-1111-2222",
        "--kecamatan",
        "Gambir",
        "--category",
        category,
        "--json",
    ];
    args.extend_from_slice(extra);
    let out = etalase(dir, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["id"].as_str().expect("id").to_owned()
}

fn ok_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = etalase(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn demo_then_list_prints_60_vendors_as_json() {
    let dir = tempfile::tempdir().expect("dir");
    let out = etalase(dir.path(), &["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = ok_json(dir.path(), &["vendor", "list", "--json"]);
    let vendors = list.as_array().expect("an array");
    assert_eq!(vendors.len(), 60);
    for key in ["id", "name", "owner", "phone", "kecamatan", "category"] {
        assert!(
            vendors.iter().all(|v| v[key].is_string()),
            "every vendor has {key}"
        );
    }
}

#[test]
fn list_filters_take_what_list_prints() {
    let dir = tempfile::tempdir().expect("dir");
    assert!(etalase(dir.path(), &["demo"]).status.success());
    let all = ok_json(dir.path(), &["vendor", "list", "--json"]);
    let first = &all[0];
    for (flag, key) in [
        ("--kecamatan", "kecamatan"),
        ("--kecamatan", "kecamatan_code"),
        ("--category", "category"),
    ] {
        let value = first[key].as_str().expect("string");
        let filtered = ok_json(dir.path(), &["vendor", "list", flag, value, "--json"]);
        let filtered = filtered.as_array().expect("array");
        assert!(
            !filtered.is_empty(),
            "{flag} {value} finds the vendor it came from"
        );
        assert!(
            filtered.iter().all(|v| v[key] == first[key]),
            "{flag} {value} filters"
        );
        assert!(filtered.len() < 60);
    }
}

#[test]
fn add_show_edit_archive_restore() {
    let dir = tempfile::tempdir().expect("dir");
    let added = ok_json(
        dir.path(),
        &[
            "vendor",
            "add",
            "--name",
            "Sambal Roa Bu Ani",
            "--owner",
            "Ani Susanti",
            "--phone",
            "0813 2222 3333",
            "--kecamatan",
            "31.72.06",
            "--category",
            "Makanan dan Minuman",
            "--json",
        ],
    );
    let id = added["id"].as_str().expect("id").to_owned();
    assert_eq!(added["kecamatan"], "Kelapa Gading");
    assert_eq!(added["phone"], "+6281322223333");
    let shown = ok_json(dir.path(), &["vendor", "show", &id, "--json"]);
    assert_eq!(shown["name"], "Sambal Roa Bu Ani");
    let edited = ok_json(
        dir.path(),
        &["vendor", "edit", &id, "--owner", "Ani S.", "--json"],
    );
    assert_eq!(edited["owner"], "Ani S.");
    assert_eq!(edited["name"], "Sambal Roa Bu Ani");
    assert!(
        etalase(dir.path(), &["vendor", "archive", &id])
            .status
            .success()
    );
    assert_eq!(
        ok_json(dir.path(), &["vendor", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(
        ok_json(dir.path(), &["vendor", "list", "--archived", "--json"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert!(
        etalase(dir.path(), &["vendor", "restore", &id])
            .status
            .success()
    );
    assert_eq!(
        ok_json(dir.path(), &["vendor", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn bad_input_fails_naming_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let base = ["vendor", "add", "--owner", "Ani", "--category", "kesehatan"];
    for (name, phone, kecamatan, field) in [
        ("", "081233334444", "Gambir", "name"),
        ("Jamu Ani", "12ab", "Gambir", "phone"),
        ("Jamu Ani", "081233334444", "Atlantis", "kecamatan"),
    ] {
        let mut args = base.to_vec();
        args.extend(["--name", name, "--phone", phone, "--kecamatan", kecamatan]);
        let out = etalase(dir.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{field}: must fail");
        assert!(
            stderr.contains(&format!("error: {field}:")),
            "stderr names {field}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing on stdout for a refusal");
    }
    assert_eq!(
        ok_json(dir.path(), &["vendor", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    let missing = etalase(dir.path(), &["vendor", "show", "nope"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not found"));
}

#[test]
fn messages_follow_the_chosen_language() {
    let dir = tempfile::tempdir().expect("dir");
    let out = etalase(
        dir.path(),
        &[
            "--lang",
            "id",
            "vendor",
            "add",
            "--name",
            "X",
            "--owner",
            "Y",
            "--phone",
            "12ab",
            "--kecamatan",
            "Gambir",
            "--category",
            "kesehatan",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("galat: phone: Nomor HP"),
        "Indonesian: {stderr}"
    );
}

#[test]
fn the_data_dir_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().expect("dir");
    let out = Command::new(env!("CARGO_BIN_EXE_etalase"))
        .args(["info", "--json"])
        .env("ETALASE_DATA_DIR", dir.path())
        .output()
        .expect("run");
    assert!(out.status.success());
    let info: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(info["data_dir"], dir.path().display().to_string());
    assert!(dir.path().join("registry.sqlite").is_file());
}

#[test]
fn check_reports_a_healthy_registry() {
    let dir = tempfile::tempdir().expect("dir");
    assert!(etalase(dir.path(), &["demo"]).status.success());
    let out = etalase(dir.path(), &["check"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("The file is intact (integrity_check: ok)")
    );
}

#[test]
fn demo_if_new_fills_only_a_registry_that_did_not_exist() {
    let dir = tempfile::tempdir().expect("dir");
    assert!(etalase(dir.path(), &["demo", "--if-new"]).status.success());
    assert_eq!(
        ok_json(dir.path(), &["vendor", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(60)
    );
    let empty = tempfile::tempdir().expect("dir");
    assert!(
        etalase(empty.path(), &["info"]).status.success(),
        "creates an empty registry"
    );
    let out = etalase(empty.path(), &["demo", "--if-new"]);
    assert!(
        out.status.success(),
        "an existing registry is left alone, quietly"
    );
    assert_eq!(
        ok_json(empty.path(), &["vendor", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}
