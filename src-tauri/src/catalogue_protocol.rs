//! The `catalogue:` protocol: the window's preview loads the last build's images from
//! `catalogue://localhost/PATH`. The core answers (`etalase::catalogue::preview`): only files the
//! build listed, by exact path.

use tauri::http::Request;
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let state = ctx.app_handle().state::<AppState>();
    let (last, look) = (state.last_build.clone(), state.look_preview.clone());
    let path = request.uri().path().to_owned();
    tauri::async_runtime::spawn_blocking(move || {
        let answer = if path.starts_with("/look/") {
            let pages = look.lock().map(|g| g.clone()).unwrap_or_default();
            etalase::catalogue::preview::respond_look(&pages, &path)
        } else {
            let report = last.lock().ok().and_then(|g| g.clone());
            etalase::catalogue::preview::respond(report.as_ref(), &path)
        };
        crate::photo_protocol::respond(responder, answer);
    });
}
