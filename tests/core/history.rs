//! Every change to a vendor is recorded: device, time, fields, old and new values.

use etalase::vendor::{VendorPatch, VendorQuery};

use crate::support::{AddVendor, draft, registry};

#[test]
fn create_edit_archive_and_restore_are_recorded_newest_first() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("create");
    r.update_vendor(
        &v.id,
        &VendorPatch {
            phone: Some("0857-1111-2222".into()),
            ..Default::default()
        },
    )
    .expect("edit");
    r.archive_vendor(&v.id).expect("archive");
    r.restore_vendor(&v.id).expect("restore");

    let history = r.vendor_history(&v.id).expect("history");
    let actions: Vec<&str> = history.iter().map(|c| c.action.as_str()).collect();
    assert_eq!(actions, ["restore", "archive", "edit", "create"]);
    assert!(
        history.windows(2).all(|w| w[0].at > w[1].at),
        "times strictly decrease"
    );
    assert!(history.iter().all(|c| c.device_id == r.device_id()));

    let edit = &history[2];
    assert_eq!(edit.changes.len(), 1, "only the phone changed");
    assert_eq!(edit.changes[0].field, "phone");
    assert_eq!(edit.changes[0].old.as_deref(), Some("+6281234567890"));
    assert_eq!(edit.changes[0].new.as_deref(), Some("+6285711112222"));

    let create = &history[3];
    let fields: Vec<&str> = create.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["name", "owner", "phone", "kecamatan", "category"]);
    assert!(create.changes.iter().all(|c| c.old.is_none()));
    assert_eq!(create.changes[3].new.as_deref(), Some("31.74.01"));
}

#[test]
fn an_edit_that_changes_nothing_is_not_a_change() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("create");
    let same = r
        .update_vendor(
            &v.id,
            &VendorPatch {
                name: Some("  Kue Basah  Bu Siti ".into()),
                ..Default::default()
            },
        )
        .expect("edit to the same value");
    assert_eq!(same.updated_at, v.updated_at, "no new version");
    assert_eq!(r.vendor_history(&v.id).expect("history").len(), 1);
}

#[test]
fn refused_edits_leave_no_trace_and_batches_record_each_vendor() {
    let (_dir, r) = registry();
    let v = r.add_vendor(&draft()).expect("create");
    r.update_vendor(
        &v.id,
        &VendorPatch {
            phone: Some("12ab".into()),
            ..Default::default()
        },
    )
    .expect_err("bad");
    assert_eq!(r.vendor_history(&v.id).expect("history").len(), 1);

    let (_dir2, demo) = registry();
    demo.fill_demo().expect("demo");
    for vendor in demo
        .list_vendors(&VendorQuery::default())
        .expect("list")
        .items
    {
        let h = demo.vendor_history(&vendor.id).expect("history");
        // Demo class attendance adds stage entries after it; the first is the registration.
        let creates = h.iter().filter(|c| c.action == "create").count();
        assert_eq!(creates, 1, "{} has one create entry", vendor.name);
        assert_eq!(h.last().map(|c| c.action.as_str()), Some("create"));
    }
    assert!(matches!(
        r.vendor_history("nope"),
        Err(etalase::Error::NotFound { .. })
    ));
}
