//! The UI's TypeScript types must match the Rust types they describe.

use etalase::bindings::{BINDINGS_PATH, typescript};
use std::path::Path;

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
    let generated = typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write bindings");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{BINDINGS_PATH} is out of date with the Rust types: run `make bindings` and commit it"
    );
}

#[test]
fn bindings_declare_what_the_ui_uses() {
    let ts = typescript();
    for name in [
        "Vendor",
        "VendorDraft",
        "VendorQuery",
        "ErrorPayload",
        "FieldError",
        "RegionTree",
    ] {
        assert!(
            ts.contains(&format!("export type {name} =")),
            "{name} is missing from the bindings"
        );
    }
    assert!(
        !ts.contains("bigint"),
        "timestamps must reach the UI as numbers, not bigint"
    );
}
