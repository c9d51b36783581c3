//! Backups: verified copies, rotation, automatic ones when due, before a migration, restore
//! after backing up what it replaces; `etalase check` in plain words.

use etalase::backup::{BackupSettings, Reason};
use etalase::vendor::VendorDraft;

use crate::cli::etalase;
use crate::support::{AddVendor, draft, registry};

#[test]
fn backups_are_verified_listed_newest_first_and_rotated() {
    let (_dir, r) = registry();
    r.add_vendor(&draft()).expect("vendor");
    r.set_backup_settings(&BackupSettings {
        every_hours: 24,
        keep: 3,
    })
    .expect("settings");
    for _ in 0..5 {
        r.create_backup(Reason::Manual).expect("backup");
    }
    let list = r.backups().expect("list");
    assert_eq!(list.len(), 3, "only the newest 3 are kept");
    assert!(list.windows(2).all(|w| w[0].made_at >= w[1].made_at));
    for b in &list {
        assert!(b.bytes > 0 && b.reason == "manual");
        let c = rusqlite::Connection::open(&b.path).expect("open backup");
        let n: i64 = c
            .query_row("SELECT count(*) FROM vendor", [], |x| x.get(0))
            .expect("count");
        assert_eq!(n, 1, "the backup holds the registry");
    }
    assert!(
        r.set_backup_settings(&BackupSettings {
            every_hours: 24,
            keep: 1
        })
        .is_err(),
        "keeping fewer than 2 is refused"
    );
}

#[test]
fn an_automatic_backup_is_made_only_when_due() {
    let (_dir, r) = registry();
    assert!(r.backup_if_due().expect("due").is_some(), "none yet: due");
    assert!(r.backup_if_due().expect("due").is_none(), "just made");
    r.set_backup_settings(&BackupSettings {
        every_hours: 0,
        keep: 10,
    })
    .expect("off");
    assert!(r.backup_if_due().expect("off").is_none());
}

#[test]
fn a_restore_brings_the_backup_back_after_backing_up_the_present() {
    let (_dir, r) = registry();
    let first = r.add_vendor(&draft()).expect("first");
    let backup = r.create_backup(Reason::Manual).expect("backup");
    let later = r
        .add_vendor(&VendorDraft {
            name: "Toko Sesudah Cadangan".into(),
            ..draft()
        })
        .expect("later");
    let counter = |r: &etalase::Registry| -> i64 {
        r.read(|c| Ok(c.query_row("SELECT n FROM sync_counter", [], |x| x.get(0))?))
            .expect("counter")
    };
    let counted = counter(&r);
    let before = r.restore_backup(&backup.name).expect("restore");
    assert_eq!(before.reason, "before-restore");
    assert!(r.get_vendor(&first.id).is_ok());
    assert!(r.get_vendor(&later.id).is_err(), "back to the backup");
    assert!(
        counter(&r) >= counted,
        "the change counter does not go back (other laptops know its numbers)"
    );
    assert_eq!(r.check().expect("check"), Vec::<String>::new());
    // The present was kept: restoring it brings the later vendor back.
    r.restore_backup(&before.name).expect("restore the present");
    assert!(r.get_vendor(&later.id).is_ok());
    assert!(r.restore_backup("../registry.sqlite").is_err());
}

#[test]
fn a_damaged_backup_is_refused_and_changes_nothing() {
    let (_dir, r) = registry();
    r.add_vendor(&draft()).expect("vendor");
    let b = r.create_backup(Reason::Manual).expect("backup");
    let mut bytes = std::fs::read(&b.path).expect("read");
    let n = bytes.len();
    for x in &mut bytes[4096 + 16..n.min(4096 * 3)] {
        *x = 0x5A;
    }
    std::fs::write(&b.path, &bytes).expect("write");
    let dump = crate::support::dump(&r);
    let err = r.restore_backup(&b.name).expect_err("damaged");
    assert!(matches!(err, etalase::Error::Damaged { .. }), "{err}");
    assert_eq!(dump, crate::support::dump(&r));
}

#[test]
fn a_migration_is_preceded_by_a_backup_of_the_old_registry() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(etalase::paths::REGISTRY_FILE);
    {
        // A registry as the previous version left it.
        let c = rusqlite::Connection::open(&path).expect("create");
        for (v, sql) in etalase::store::migrations::MIGRATIONS.iter().take(13) {
            c.execute_batch(sql).expect("migration");
            c.pragma_update(None, "user_version", v).expect("version");
        }
        c.pragma_update(
            None,
            "application_id",
            etalase::store::migrations::APPLICATION_ID,
        )
        .expect("id");
    }
    let r = etalase::Registry::open(dir.path()).expect("open migrates");
    let list = r.backups().expect("backups");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, "before-migration");
    let c = rusqlite::Connection::open(&list[0].path).expect("backup");
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |x| x.get(0))
        .expect("version");
    assert_eq!(v, 13, "the backup is the registry before the migration");
}

#[test]
fn check_and_backups_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    crate::cli::add_vendor(dir.path(), "Toko Periksa", "kesehatan", &[]);
    let out = etalase(dir.path(), &["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("The file is intact"), "{text}");
    assert!(text.contains("No backup yet"), "{text}");
    let out = etalase(dir.path(), &["backup", "create"]);
    assert!(out.status.success());
    let out = etalase(dir.path(), &["backup", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let name = list[0]["name"].as_str().expect("name").to_owned();
    let out = etalase(dir.path(), &["backup", "restore", &name]);
    assert!(!out.status.success(), "a restore needs --yes");
    let out = etalase(dir.path(), &["backup", "restore", &name, "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = etalase(dir.path(), &["check"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Newest backup"));
}

#[test]
fn bundles_from_the_command_line_preview_then_import() {
    let a = tempfile::tempdir().expect("a");
    let b = tempfile::tempdir().expect("b");
    crate::cli::add_vendor(a.path(), "Toko Tukar", "kesehatan", &[]);
    let file = a.path().join("tukar.etalase");
    let pass = a.path().join("sandi.txt");
    std::fs::write(&pass, "kata sandi rahasia\n").expect("pass");
    let out = etalase(
        a.path(),
        &[
            "bundle",
            "export",
            file.to_str().expect("path"),
            "--passphrase-file",
            pass.to_str().expect("path"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f = file.to_str().expect("path");
    let p = pass.to_str().expect("path");
    let out = etalase(
        b.path(),
        &[
            "bundle",
            "import",
            f,
            "--dry-run",
            "--json",
            "--passphrase-file",
            p,
        ],
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(plan["applied"], false);
    assert_eq!(plan["changes"], true);
    let out = etalase(b.path(), &["vendor", "list", "--json"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Toko Tukar"));
    let out = etalase(b.path(), &["bundle", "import", f, "--passphrase-file", p]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported"));
    let out = etalase(b.path(), &["vendor", "list", "--json"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Toko Tukar"));
    let out = etalase(b.path(), &["bundle", "import", f, "--passphrase-file", p]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nothing changes"));
    let out = etalase(b.path(), &["bundle", "history"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}
