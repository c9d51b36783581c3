//! Etalase's desktop shell: a window around the `etalase` core. Glue only; the core owns every
//! rule and every byte of data.

mod catalogue_protocol;
mod commands;
mod error;
mod photo_protocol;
mod state;

use etalase::{Registry, paths};

use crate::state::AppState;

/// Makes the automatic backup whenever it is due (checked every ten minutes while the window
/// is open, and at start).
async fn backups_when_due(registry: Registry) {
    loop {
        let r = registry.clone();
        match tauri::async_runtime::spawn_blocking(move || r.backup_if_due()).await {
            Ok(Err(e)) => eprintln!("etalase: automatic backup failed: {e}"),
            Err(e) => eprintln!("etalase: automatic backup failed: {e}"),
            Ok(Ok(_)) => {}
        }
        tokio::time::sleep(std::time::Duration::from_secs(600)).await;
    }
}

/// Opens the registry the CLI would open (`--data-dir`, `ETALASE_DATA_DIR`, or the OS default)
/// and runs the window until it is closed.
pub fn run() {
    let explicit = paths::data_dir_arg(std::env::args_os().skip(1));
    let opened = paths::resolve_data_dir(explicit, std::env::var_os(paths::DATA_DIR_ENV))
        .and_then(|dir| Registry::open(&dir));
    if let Err(e) = &opened {
        eprintln!("etalase: {e}");
    }

    let result = tauri::Builder::default()
        .manage(AppState::new(opened))
        .setup(|app| {
            use tauri::Manager;
            if let Some(registry) = app.state::<AppState>().registry() {
                tauri::async_runtime::spawn(backups_when_due(registry));
            }
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol("photo", photo_protocol::handle)
        .register_asynchronous_uri_scheme_protocol("catalogue", catalogue_protocol::handle)
        .invoke_handler(tauri::generate_handler![
            commands::registry_info,
            commands::regions,
            commands::categories,
            commands::vendor_stats,
            commands::list_vendors,
            commands::get_vendor,
            commands::vendor_draft,
            commands::create_vendor,
            commands::update_vendor,
            commands::vendor_history,
            commands::archive_vendor,
            commands::restore_vendor,
            commands::fill_demo,
            commands::finish_welcome,
            commands::consent_status,
            commands::grant_consent,
            commands::withdraw_consent,
            commands::stages,
            commands::set_stage,
            commands::legality,
            commands::add_legality,
            commands::remove_legality,
            commands::erase_vendor,
            commands::stage_import,
            commands::preview_import,
            commands::import_vendors,
            commands::discard_import,
            commands::export_vendors,
            commands::duplicate_report,
            commands::merge_preview,
            commands::merge_vendors,
            commands::list_classes,
            commands::class_detail,
            commands::create_class,
            commands::update_class,
            commands::delete_class,
            commands::enrol,
            commands::unenrol,
            commands::record_attendance,
            commands::classes_of_vendor,
            commands::attendance_sheet,
            commands::stage_order,
            commands::set_stage_order,
            commands::list_products,
            commands::get_product,
            commands::product_draft,
            commands::create_product,
            commands::update_product,
            commands::archive_product,
            commands::restore_product,
            commands::import_photos,
            commands::cancel_photo_import,
            commands::photos,
            commands::set_cover,
            commands::remove_photo,
            commands::set_crop,
            commands::photo_readiness,
            commands::set_shows_person,
            commands::calendar,
            commands::rotation,
            commands::set_rotation,
            commands::skip_friday,
            commands::unskip_friday,
            commands::plan_edition,
            commands::editions,
            commands::edition,
            commands::suggest_edition,
            commands::accept_suggestion,
            commands::add_to_edition,
            commands::remove_from_edition,
            commands::reorder_edition,
            commands::mark_curated,
            commands::publish_edition,
            commands::record_sent,
            commands::delete_edition,
            commands::review_product,
            commands::curation,
            commands::reviews,
            commands::revision_queue,
            commands::readiness,
            commands::products_with_readiness,
            commands::product_last_featured,
            commands::vendor_last_featured,
            commands::build_catalogue,
            commands::cancel_catalogue_build,
            commands::catalogue_captions,
            commands::catalogue_options,
            commands::set_catalogue_options,
            commands::preview_catalogue_look,
            commands::set_catalogue_logo,
            commands::clear_catalogue_logo,
            commands::open_catalogue_folder,
            commands::catalogue_template_stamp,
            commands::export_bundle,
            commands::preview_bundle,
            commands::import_bundle,
            commands::exchanges,
            commands::backups,
            commands::create_backup,
            commands::restore_backup,
            commands::backup_settings,
            commands::set_backup_settings,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("etalase: the window could not start: {e}");
        std::process::exit(1);
    }
}
