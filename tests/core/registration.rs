//! The full registration record, through the CLI as staff scripts would use it.

use serde_json::Value;

use crate::cli::etalase;

const NIK: &str = "3174015205850007";

/// Registers a full record; `overrides` replaces the value of a flag.
fn add_full(dir: &std::path::Path, overrides: &[(&str, &str)]) -> std::process::Output {
    let mut args = vec![
        "vendor",
        "add",
        "--name",
        "Kue Basah Bu Siti",
        "--owner",
        "Siti Rahayu",
        "--phone",
        "0812-3456-7890",
        "--kecamatan",
        "Tebet",
        "--category",
        "makanan-minuman",
        "--kelurahan",
        "Manggarai",
        "--street",
        "Jl. Manggarai Utara 2 No. 14",
        "--rt",
        "4",
        "--rw",
        "11",
        "--nib",
        "1234567890123",
        "--nik",
        NIK,
        "--gender",
        "perempuan",
        "--birth-date",
        "12-05-1985",
        "--home-address",
        "Jl. Melati 3, Tebet",
        "--public-contact",
        "wa.me/6281234567890",
        "--legal-form",
        "UD",
        "--kbli",
        "10792",
        "--annual-sales",
        "Rp 180.000.000",
        "--employees",
        "2",
        "--whatsapp",
        "true",
        "--agency",
        "Sudin PPKUKM Jakarta Selatan",
        "--mentor",
        "Dewi Lestari",
        "--json",
    ];
    for (flag, value) in overrides {
        let at = args.iter().position(|a| a == flag).expect("a known flag") + 1;
        args[at] = value;
    }
    etalase(dir, &args)
}

#[test]
fn help_lists_every_field_as_a_flag() {
    let dir = tempfile::tempdir().expect("dir");
    let help =
        String::from_utf8(etalase(dir.path(), &["vendor", "add", "--help"]).stdout).expect("utf8");
    for flag in [
        "--nib",
        "--nik",
        "--birth-date",
        "--home-address",
        "--phone",
        "--public-contact",
        "--kelurahan",
        "--npwp",
        "--kbli",
        "--capital",
        "--annual-sales",
        "--rt",
        "--rw",
        "--gender",
        "--email",
        "--whatsapp",
        "--agency",
        "--mentor",
        "--notes",
        "--allow-duplicate",
    ] {
        assert!(
            help.contains(flag),
            "{flag} is missing from `vendor add --help`"
        );
    }
}

#[test]
fn a_full_record_is_stored_normalised_and_the_nik_only_shows_masked() {
    let dir = tempfile::tempdir().expect("dir");
    let out = add_full(dir.path(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["kelurahan"], "Manggarai");
    assert_eq!(v["kelurahan_code"], "31.74.01.1007");
    assert_eq!(v["postal_code"], "12850");
    assert_eq!(
        (v["rt"].as_str(), v["rw"].as_str()),
        (Some("004"), Some("011"))
    );
    assert_eq!(v["legal_form"], "ud");
    assert_eq!(
        v["size_class"], "mikro",
        "Rp 180 million a year is a micro business (PP 7/2021)"
    );
    assert_eq!(v["gender"], "female");
    assert_eq!(v["birth_date"], "1985-05-12");
    assert_eq!(v["nik_masked"], "3174••••••••0007");
    assert_eq!(v["whatsapp"], true);
    let id = v["id"].as_str().expect("id");

    for args in [
        vec!["vendor", "show", id, "--json"],
        vec!["vendor", "list", "--json"],
        vec!["vendor", "show", id],
    ] {
        let out = etalase(dir.path(), &args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains(NIK), "{args:?} printed the full NIK");
    }
}

#[test]
fn edits_change_one_field_keep_the_rest_and_are_recorded() {
    let dir = tempfile::tempdir().expect("dir");
    let v: Value = serde_json::from_slice(&add_full(dir.path(), &[]).stdout).expect("json");
    let id = v["id"].as_str().expect("id");
    let out = etalase(dir.path(), &["vendor", "edit", id, "--rt", "5", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let edited: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(edited["rt"], "005");
    assert_eq!(edited["nib"], "1234567890123", "untouched fields stay");
    assert_eq!(edited["nik_masked"], "3174••••••••0007");
    let history: Value =
        serde_json::from_slice(&etalase(dir.path(), &["vendor", "history", id, "--json"]).stdout)
            .expect("json");
    assert_eq!(history[0]["changes"][0]["field"], "rt");
    assert_eq!(history[0]["changes"][0]["old"], "004");
    assert_eq!(history[0]["changes"][0]["new"], "005");
}

#[test]
fn a_kelurahan_outside_the_kecamatan_and_bad_identifiers_are_refused_by_name() {
    let dir = tempfile::tempdir().expect("dir");
    let out = add_full(
        dir.path(),
        &[
            ("--kelurahan", "Cideng"),
            ("--nib", "12345"),
            ("--birth-date", "13-05-1985"),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("error: kelurahan: Kelurahan \"Cideng\" is not in Kecamatan Tebet"),
        "{stderr}"
    );
    assert!(stderr.contains("error: nib:"), "{stderr}");
    assert!(
        stderr.contains("error: nik: The NIK says born 12-05-1985"),
        "{stderr}"
    );
    let list: Value =
        serde_json::from_slice(&etalase(dir.path(), &["vendor", "list", "--json"]).stdout)
            .expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(0), "nothing written");
}

#[test]
fn the_same_nib_is_a_possible_duplicate_even_with_another_phone() {
    let dir = tempfile::tempdir().expect("dir");
    assert!(add_full(dir.path(), &[]).status.success());
    let out = etalase(
        dir.path(),
        &[
            "vendor",
            "add",
            "--name",
            "Toko Kue Siti",
            "--owner",
            "S. Rahayu",
            "--phone",
            "0857-0000-1111",
            "--kecamatan",
            "Cakung",
            "--category",
            "makanan-minuman",
            "--nib",
            "1234567890123",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("Same NIB"), "{stderr}");
}
