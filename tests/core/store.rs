//! The registry file: connection settings (reliability plan T09), migrations and refusals.

use etalase::store::{self, migrations};
use etalase::{Error, Registry};
use rusqlite::config::DbConfig;

use crate::support::{AddVendor, draft, dump, registry};

fn pragma<T: rusqlite::types::FromSql>(r: &Registry, name: &str) -> T {
    r.read(|c| Ok(c.query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))?))
        .expect(name)
}

#[test]
fn connections_use_the_settings_of_the_reliability_plan() {
    let (_dir, r) = registry();
    assert_eq!(
        pragma::<String>(&r, "journal_mode"),
        "wal",
        "WAL lets the UI read while jobs write"
    );
    assert_eq!(
        pragma::<i64>(&r, "synchronous"),
        2,
        "FULL: laptops die on empty batteries"
    );
    assert_eq!(pragma::<i64>(&r, "foreign_keys"), 1);
    assert_eq!(
        pragma::<i64>(&r, "trusted_schema"),
        0,
        "the schema must not call our functions"
    );
    assert_eq!(
        pragma::<i64>(&r, "secure_delete"),
        1,
        "deleted personal data is zeroed"
    );
    assert_eq!(pragma::<i64>(&r, "busy_timeout"), 5000);
    assert_eq!(
        pragma::<i64>(&r, "application_id"),
        migrations::APPLICATION_ID
    );
    let defensive = r
        .read(|c| Ok(c.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE)?))
        .expect("read DEFENSIVE");
    assert!(defensive, "DEFENSIVE stops SQL from corrupting the file");
}

#[test]
fn the_bundled_sqlite_is_new_enough_and_old_ones_are_refused() {
    store::check_sqlite_version(rusqlite::version()).expect("bundled SQLite passes");
    for old in ["3.51.2", "3.40.1", "3.7.0"] {
        assert!(
            matches!(
                store::check_sqlite_version(old),
                Err(Error::SqliteTooOld { .. })
            ),
            "{old} has the WAL-reset bug and must be refused"
        );
    }
    for ok in ["3.51.3", "3.54.1", "4.0.0"] {
        store::check_sqlite_version(ok).expect(ok);
    }
}

#[test]
fn writes_take_the_lock_up_front() {
    // A second process holding the write lock makes our write fail with "busy" after the
    // timeout rather than deadlocking on a read-to-write upgrade.
    let (dir, r) = registry();
    let other = rusqlite::Connection::open(dir.path().join("registry.sqlite")).expect("open");
    other
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    other
        .busy_timeout(std::time::Duration::from_millis(10))
        .expect("timeout");
    let started = std::time::Instant::now();
    let err = r
        .add_vendor(&draft())
        .expect_err("the lock is held elsewhere");
    assert!(matches!(err, Error::Busy), "expected Busy, got {err:?}");
    assert!(
        started.elapsed().as_millis() >= 4000,
        "the busy timeout should be waited out"
    );
    other.execute_batch("ROLLBACK").expect("release");
    r.add_vendor(&draft()).expect("works once the lock is free");
}

#[test]
fn migrations_are_numbered_from_one_without_gaps_and_reach_the_latest() {
    for (i, (version, _)) in migrations::MIGRATIONS.iter().enumerate() {
        assert_eq!(*version, i as i64 + 1, "migration {i} is misnumbered");
    }
    let (_dir, r) = registry();
    assert_eq!(
        pragma::<i64>(&r, "user_version"),
        migrations::latest_version()
    );
}

#[test]
fn reopening_keeps_data_and_the_device_id() {
    let dir = tempfile::tempdir().expect("dir");
    let (id, device) = {
        let r = Registry::open(dir.path()).expect("open");
        (
            r.add_vendor(&draft()).expect("create").id,
            r.device_id().to_owned(),
        )
    };
    let r = Registry::open(dir.path()).expect("reopen");
    assert_eq!(
        r.get_vendor(&id).expect("still there").name,
        "Kue Basah Bu Siti"
    );
    assert_eq!(r.device_id(), device, "the device id is made once");
    assert!(uuid_is_v7(&device));
}

fn uuid_is_v7(s: &str) -> bool {
    s.len() == 36 && s.as_bytes()[14] == b'7'
}

#[test]
fn a_registry_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let r = Registry::open(dir.path()).expect("open");
        r.add_vendor(&draft()).expect("create");
        r.read(|c| Ok(c.pragma_update(None, "user_version", 99)?))
            .expect("pretend newer");
    }
    let path = dir.path().join("registry.sqlite");
    let before = std::fs::read(&path).expect("read");
    let err = Registry::open(dir.path()).err().expect("must refuse");
    assert!(
        matches!(err, Error::NewerRegistry { found: 99, .. }),
        "{err:?}"
    );
    assert!(
        err.message(etalase::Lang::En).contains("Update Etalase"),
        "says what to do"
    );
    assert!(err.message(etalase::Lang::Id).contains("Perbarui Etalase"));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file is left as it was"
    );
}

#[test]
fn a_file_that_is_not_a_registry_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("registry.sqlite");
    std::fs::write(
        &path,
        b"this is a spreadsheet, not a database, and it is long enough",
    )
    .expect("write");
    let err = Registry::open(dir.path()).err().expect("must refuse");
    assert!(matches!(err, Error::NotARegistry { .. }), "{err:?}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"this is a spreadsheet, not a database, and it is long enough"
    );

    // Another program's SQLite database is refused too.
    let other = tempfile::tempdir().expect("dir");
    let conn = rusqlite::Connection::open(other.path().join("registry.sqlite")).expect("open");
    conn.execute_batch("CREATE TABLE invoices (id INTEGER)")
        .expect("create");
    drop(conn);
    let err = Registry::open(other.path()).err().expect("must refuse");
    assert!(matches!(err, Error::NotARegistry { .. }), "{err:?}");
}

#[test]
fn a_damaged_registry_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let r = Registry::open(dir.path()).expect("open");
        r.create_vendors(&vec![draft(); 200])
            .expect("fill some pages");
        r.read(|c| Ok(c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?))
            .expect("checkpoint");
    }
    let path = dir.path().join("registry.sqlite");
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 4096 * 3, "the file has several pages");
    // Overwrite the b-tree page header of every page after the first, as a bad sector would.
    let pages = bytes.len() / 4096;
    for page in 1..pages {
        for b in &mut bytes[page * 4096..page * 4096 + 12] {
            *b = 0xA5;
        }
    }
    std::fs::write(&path, &bytes).expect("damage it");
    let err = Registry::open(dir.path()).err().expect("must refuse");
    assert!(matches!(err, Error::Damaged { .. }), "{err:?}");
    assert!(
        err.message(etalase::Lang::Id).contains("rusak"),
        "says it is damaged"
    );
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (_dir, r) = registry();
    r.add_vendor(&draft()).expect("create");
    let before = dump(&r);
    let result: etalase::Result<()> = r.write(|tx, stamp| {
        tx.execute(
            "UPDATE vendor SET business_name = 'half-done', updated_at = ?1",
            [stamp.time],
        )?;
        Err(Error::Internal("fails after writing".into()))
    });
    assert!(result.is_err());
    assert_eq!(dump(&r), before, "the transaction rolled back");
}
