//! The Friday planner: the weekly rotation, curation, readiness per channel, editions with a
//! fair suggestion, and publishing with frozen public snapshots.

pub mod calendar;
pub mod curation;
mod demo;
pub mod edition;
pub mod readiness;
pub mod snapshot;
pub mod suggest;
