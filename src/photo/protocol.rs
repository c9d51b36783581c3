//! The `photo:` protocol the window loads images from: `photo://localhost/ID/VARIANT`. It
//! maps an opaque photo id to stored bytes and nothing else: no path, no file, no other table
//! (reliability.md T17). The shell only passes the request path here and sends the answer.

use super::{Frame, Variant};
use crate::registry::Registry;

/// An answer to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    pub(crate) fn status(status: u16) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
        }
    }

    /// The headers every answer carries: never sniffed, cached only when it is an image
    /// (a photo's bytes never change under its id and variant, except a framing, which the
    /// window asks for with a new `?v=` each time).
    pub fn headers(&self) -> Vec<(&'static str, &'static str)> {
        let mut h = vec![
            ("Content-Type", self.content_type),
            ("X-Content-Type-Options", "nosniff"),
        ];
        h.push(if self.status == 200 {
            ("Cache-Control", "private, max-age=31536000, immutable")
        } else {
            ("Cache-Control", "no-store")
        });
        h
    }
}

/// The longest request path considered.
const MAX_PATH: usize = 120;

/// Answers a request path (`/ID/VARIANT`, a query string ignored).
pub fn respond(registry: &Registry, path: &str) -> Response {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    if path.len() > MAX_PATH {
        return Response::status(400);
    }
    let mut parts = path.trim_start_matches('/').split('/');
    let (Some(id), Some(variant), None) = (parts.next(), parts.next(), parts.next()) else {
        return Response::status(400);
    };
    // Ids are UUIDs: 36 characters of hex digits and dashes, nothing that could be a path.
    let well_formed = id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !well_formed {
        return Response::status(400);
    }
    let bytes = match variant {
        "thumb" => registry.photo_bytes(id, Variant::Thumb),
        "master" => registry.photo_bytes(id, Variant::Master),
        "1x1" | "4x5" | "9x16" => match Frame::parse(variant) {
            Ok(frame) => registry.framed_photo(id, frame, 1080),
            Err(_) => return Response::status(400),
        },
        _ => return Response::status(400),
    };
    match bytes {
        Ok(body) => Response {
            status: 200,
            content_type: "image/jpeg",
            body,
        },
        Err(crate::Error::NotFound { .. }) => Response::status(404),
        Err(_) => Response::status(500),
    }
}
