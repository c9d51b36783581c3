//! The fonts and templates the catalogue is rendered with, and the call into Typst
//! (`etalase-render`, where all Typst glue lives).

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use etalase_render::{Document, Fonts, Job, Problem};

pub const CATALOGUE_TEMPLATE: &str = include_str!("templates/catalogue.typ");
pub const SOCIAL_TEMPLATE: &str = include_str!("templates/social.typ");

/// Plus Jakarta Sans (OFL), embedded: the outputs look the same on every laptop.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        Fonts::new(&[
            include_bytes!("../../assets/fonts/PlusJakartaSans_400Regular.ttf"),
            include_bytes!("../../assets/fonts/PlusJakartaSans_400Regular_Italic.ttf"),
            include_bytes!("../../assets/fonts/PlusJakartaSans_600SemiBold.ttf"),
            include_bytes!("../../assets/fonts/PlusJakartaSans_700Bold.ttf"),
            include_bytes!("../../assets/fonts/PlusJakartaSans_800ExtraBold.ttf"),
        ])
    })
}

/// A template: an instructor's edited copy from `dir` when there is one, else the default.
pub struct Template {
    pub text: String,
    pub default: &'static str,
    /// Where the edited copy came from, for messages.
    pub custom: Option<String>,
    /// Why an edited copy that is there was not used (too large, not UTF-8).
    pub refused: Option<String>,
}

/// An edited template larger than this is not read: the defaults are about 5 kB.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

impl Template {
    pub fn load(dir: Option<&Path>, file: &str, default: &'static str) -> Template {
        let fallback = |refused: Option<String>| Template {
            text: default.to_owned(),
            default,
            custom: None,
            refused,
        };
        let Some(path) = dir.map(|d| d.join(file)).filter(|p| p.is_file()) else {
            return fallback(None);
        };
        let shown = path.display().to_string();
        if std::fs::metadata(&path).map_or(true, |m| m.len() > MAX_TEMPLATE_BYTES) {
            return fallback(Some(format!(
                "{shown}: larger than {} kB, not read",
                MAX_TEMPLATE_BYTES >> 10
            )));
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => Template {
                text,
                default,
                custom: Some(shown),
                refused: None,
            },
            Err(e) => fallback(Some(format!("{shown}: {e}"))),
        }
    }
}

/// Compiles a template; an edited copy that fails is reported (file, line:column, message)
/// and the default is used instead.
pub fn compile(
    template: &Template,
    files: &HashMap<String, Vec<u8>>,
    inputs: &[(&str, String)],
    today: (i32, u8, u8),
    problems: &mut Vec<String>,
) -> Result<Document, Vec<Problem>> {
    if let Some(why) = &template.refused
        && !problems.contains(why)
    {
        problems.push(why.clone());
    }
    let job = |text: &str| {
        etalase_render::compile(
            fonts(),
            &Job {
                template: text,
                files,
                inputs,
                today,
            },
        )
    };
    match job(&template.text) {
        Ok(doc) => Ok(doc),
        Err(errs) if template.custom.is_some() => {
            let path = template.custom.as_deref().unwrap_or_default();
            for e in errs {
                let line = format!("{path}:{e}");
                // The A4 and phone builds find the same problem: say it once.
                if !problems.contains(&line) {
                    problems.push(line);
                }
            }
            job(template.default)
        }
        Err(errs) => Err(errs),
    }
}
