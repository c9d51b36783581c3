//! Etalase core: the registry of Jakpreneur vendors and everything the app does with it.
//!
//! This crate never depends on Tauri. The desktop shell (`src-tauri/`) and the `etalase`
//! command-line tool are two hosts of the same API: [`Registry`] is the handle both use.

pub mod backup;
pub mod bindings;
pub mod catalogue;
pub mod category;
pub mod consent;
pub mod date;
pub mod demo;
pub mod error;
pub mod exchange;
pub mod identifier;
pub mod legality;
pub mod money;
pub mod paths;
pub mod phone;
pub mod photo;
pub mod planner;
pub mod product;
pub mod region;
pub mod registry;
pub mod rights;
pub mod spreadsheet;
pub mod stage;
pub mod staging;
pub mod store;
pub mod text;
pub mod training;
pub mod vendor;

pub use error::{Error, ErrorPayload, FieldError, Result};
pub use registry::{Registry, RegistryInfo};
pub use text::{Lang, Text};
