//! The `photo:` protocol: the window's <img> tags load photos from `photo://localhost/ID/VARIANT`
//! (`http://photo.localhost/…` on Windows). The core decides everything from the request's path
//! (`etalase::photo::protocol`); this only moves the work off the main thread and writes the
//! answer.

use tauri::http::{Request, Response};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let registry = ctx.app_handle().state::<AppState>().registry();
    let path = request.uri().path().to_owned();
    tauri::async_runtime::spawn_blocking(move || {
        let answer = match &registry {
            Some(r) => etalase::photo::protocol::respond(r, &path),
            None => etalase::photo::protocol::Response {
                status: 503,
                content_type: "text/plain; charset=utf-8",
                body: Vec::new(),
            },
        };
        respond(responder, answer);
    });
}

/// Writes a core protocol answer (status, headers, body) to the window.
pub fn respond(responder: UriSchemeResponder, answer: etalase::photo::protocol::Response) {
    let mut builder = Response::builder().status(answer.status);
    for (name, value) in answer.headers() {
        builder = builder.header(name, value);
    }
    let response = builder
        .body(answer.body)
        .unwrap_or_else(|_| Response::new(Vec::new()));
    responder.respond(response);
}
