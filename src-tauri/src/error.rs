//! What a failed command sends to the UI: the core's `{code, message, fields}` payload.

use etalase::{Error, ErrorPayload, Text};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct CommandError(ErrorPayload);

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        CommandError(e.payload())
    }
}

impl From<ErrorPayload> for CommandError {
    fn from(p: ErrorPayload) -> Self {
        CommandError(p)
    }
}

impl CommandError {
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        CommandError(ErrorPayload {
            code: "internal".into(),
            message: Text::new(
                format!("Kesalahan internal: {detail}"),
                format!("Internal error: {detail}"),
            ),
            fields: vec![],
            duplicates: vec![],
        })
    }
}
