//! Registers the app's commands with Tauri's ACL: with an explicit list, a command is callable
//! only from windows whose capability grants it (capabilities/main.json).

/// Every command the UI may call. Keep in step with `commands::handler()`.
const COMMANDS: &[&str] = &[
    "registry_info",
    "regions",
    "categories",
    "vendor_stats",
    "list_vendors",
    "get_vendor",
    "vendor_draft",
    "create_vendor",
    "update_vendor",
    "vendor_history",
    "archive_vendor",
    "restore_vendor",
    "fill_demo",
    "finish_welcome",
    "consent_status",
    "grant_consent",
    "withdraw_consent",
    "stages",
    "set_stage",
    "legality",
    "add_legality",
    "remove_legality",
    "erase_vendor",
    "stage_import",
    "preview_import",
    "import_vendors",
    "discard_import",
    "export_vendors",
    "duplicate_report",
    "merge_preview",
    "merge_vendors",
    "list_classes",
    "class_detail",
    "create_class",
    "update_class",
    "delete_class",
    "enrol",
    "unenrol",
    "record_attendance",
    "classes_of_vendor",
    "attendance_sheet",
    "stage_order",
    "set_stage_order",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build step");
}
