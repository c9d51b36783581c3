//! The core handle in Tauri's managed state. If the registry could not be opened (a newer
//! version made it, it is damaged, the folder is not writable), the window still opens and
//! every command answers with that reason, so the person sees it in their language.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use etalase::catalogue::BuildReport;

use etalase::{ErrorPayload, Registry};

use crate::error::CommandError;

pub struct AppState {
    opened: Result<Registry, ErrorPayload>,
    /// Set by "cancel" while a photo import runs; cleared when the next one starts.
    pub photo_cancel: Arc<AtomicBool>,
    /// Set by "cancel" while a catalogue builds.
    pub catalogue_cancel: Arc<AtomicBool>,
    /// The last finished catalogue build: the `catalogue:` protocol serves its images only.
    pub last_build: Arc<Mutex<Option<BuildReport>>>,
    /// The look preview's images (`catalogue://localhost/look/N.jpg`), made from unsaved settings.
    pub look_preview: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl AppState {
    pub fn new(opened: etalase::Result<Registry>) -> Self {
        AppState {
            opened: opened.map_err(|e| e.payload()),
            photo_cancel: Arc::new(AtomicBool::new(false)),
            catalogue_cancel: Arc::new(AtomicBool::new(false)),
            last_build: Arc::new(Mutex::new(None)),
            look_preview: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// The registry, for work that is not a command (the photo protocol).
    pub fn registry(&self) -> Option<Registry> {
        self.opened.as_ref().ok().cloned()
    }

    /// Runs blocking core work (SQLite, files) on Tauri's blocking pool, never on the main
    /// thread, so the window stays responsive.
    pub async fn blocking<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&Registry) -> etalase::Result<T> + Send + 'static,
    {
        let registry = self.opened.clone().map_err(CommandError::from)?;
        tauri::async_runtime::spawn_blocking(move || f(&registry))
            .await
            .map_err(CommandError::internal)?
            .map_err(CommandError::from)
    }
}
