//! The core's integration tests: one binary, one module per area.

mod bindings;
mod catalogue;
mod cli;
mod consent;
mod crash;
mod demo;
mod duplicates;
mod exchange;
mod export;
mod history;
mod import;
mod legality;
mod merge;
mod photos;
mod planner;
mod products;
mod regions;
mod registration;
mod rights;
mod search;
mod shell_config;
mod stages;
mod store;
mod support;
mod training;
mod vendors;
