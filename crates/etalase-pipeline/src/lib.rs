//! The photo pipeline of Etalase, in a crate of its own so it is always compiled optimised:
//! the imaging crates' generic decoders and SIMD resizers are instantiated here, and in an
//! unoptimised debug build of the core they ran twenty times slower. It knows nothing of the
//! registry: bytes in, checked and processed pixels out.

pub mod demo_shot;
pub mod pipeline;
pub mod quality;

/// Why something was refused, in Indonesian and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub id: String,
    pub en: String,
}

impl Reason {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Reason {
        Reason {
            id: id.into(),
            en: en.into(),
        }
    }
}
