//! The catalogue's look, set once per registry: how prices are written, how cards are grouped,
//! the two colours, the paper size and the programme's logo. Colours are checked against the
//! white text drawn on them, so a setting cannot make the catalogue unreadable.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

use super::data::{self, Grouping, Paper, PriceStyle, Settings};
use super::engine;
use crate::error::{Error, FieldError, Result};
use crate::photo::Frame;
use crate::planner::edition::EditionState;
use crate::registry::Registry;
use crate::text::Text;

/// The catalogue settings as the window and the CLI see them: prices `tight` (Rp25.000) or
/// `spaced` (Rp 25.000); grouping `city`, `kecamatan` or `category`; colours `#rrggbb`;
/// paper `a4`, `f4` (folio, 215×330 mm), `a5` or `letter`. `logo` says whether a logo is set
/// (it is changed with its own calls) and is ignored when saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CatalogueOptions {
    pub price_style: String,
    pub grouping: String,
    pub colour: String,
    pub accent: String,
    pub paper: String,
    #[serde(default)]
    pub logo: bool,
    /// A folder with edited copies of `catalogue.typ` and `social.typ`, or empty for the
    /// built-in templates.
    #[serde(default)]
    pub templates: String,
}

/// What the look preview made: `pages` images (`look/1.jpg` …) and the problems of an edited
/// template (file:line:column and Typst's message), whose default was used instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LookPreview {
    pub pages: u32,
    pub problems: Vec<String>,
}

/// White text on the main colour must reach WCAG's 4.5:1 for body text; on the accent
/// (short, bold labels) 3:1.
const MAIN_CONTRAST: f64 = 4.5;
const ACCENT_CONTRAST: f64 = 3.0;

/// The logo's longest side in the catalogue, in pixels: about 35 mm wide at 300 dpi.
const LOGO_EDGE: u32 = 400;

fn invalid(field: &str, code: &str, id: String, en: String) -> Error {
    Error::Invalid(vec![FieldError::new(field, code, Text::new(id, en))])
}

/// `#rrggbb` as three channels.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some([(v >> 16) as u8, (v >> 8) as u8, v as u8])
}

/// WCAG's contrast ratio of white against the colour.
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    1.05 / (l + 0.05)
}

/// An instructor's template folder: empty, or an existing folder given by its full path.
fn check_template_folder(text: &str) -> Result<Option<std::path::PathBuf>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let path = Path::new(t);
    if t.chars().count() > 1000 || t.chars().any(char::is_control) || !path.is_absolute() {
        return Err(invalid(
            "templates",
            "bad_folder",
            "Tulis alamat lengkap folder templat, misalnya /home/ratna/templat.".into(),
            "Write the template folder's full path, e.g. /home/ratna/templates.".into(),
        ));
    }
    if !path.is_dir() {
        return Err(invalid(
            "templates",
            "no_folder",
            format!("Folder {t} tidak ada."),
            format!("There is no folder {t}."),
        ));
    }
    Ok(Some(path.to_path_buf()))
}

/// Changes when an edited template in `folder` is saved: the window polls it to re-render the
/// preview after an edit. Empty when there is no folder.
pub fn template_stamp(folder: &str) -> String {
    if folder.trim().is_empty() {
        return String::new();
    }
    ["catalogue.typ", "social.typ"]
        .iter()
        .map(|f| {
            std::fs::metadata(Path::new(folder.trim()).join(f))
                .ok()
                .map(|m| {
                    let when = m
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos());
                    format!("{when}:{}", m.len())
                })
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn check_colour(field: &str, text: &str, least: f64) -> Result<String> {
    let rgb = parse_colour(text.trim()).ok_or_else(|| {
        invalid(
            field,
            "bad_colour",
            format!("Warna \"{text}\" tidak dikenal: tulis seperti #0f5f5c."),
            format!("Colour \"{text}\" is not understood: write it like #0f5f5c."),
        )
    })?;
    let ratio = contrast_with_white(rgb);
    if ratio < least {
        return Err(invalid(
            field,
            "low_contrast",
            format!(
                "Warna {text} terlalu terang untuk tulisan putih (kontras {ratio:.1}:1, paling sedikit {least}:1). Pilih warna yang lebih gelap."
            ),
            format!(
                "Colour {text} is too light for white text (contrast {ratio:.1}:1, at least {least}:1). Choose a darker colour."
            ),
        ));
    }
    Ok(text.trim().to_ascii_lowercase())
}

impl Registry {
    pub fn catalogue_options(&self) -> Result<CatalogueOptions> {
        let s = self.catalogue_settings()?;
        Ok(CatalogueOptions {
            price_style: match s.price {
                PriceStyle::Tight => "tight",
                PriceStyle::Spaced => "spaced",
            }
            .into(),
            grouping: match s.grouping {
                Grouping::City => "city",
                Grouping::Kecamatan => "kecamatan",
                Grouping::Category => "category",
            }
            .into(),
            colour: s.colour,
            accent: s.accent,
            paper: s.paper.key().into(),
            logo: s.logo,
            templates: s
                .templates
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        })
    }

    /// The settings `options` describe, or the first reason one of them is refused.
    fn checked_settings(&self, options: &CatalogueOptions) -> Result<Settings> {
        let choice = |field: &str, id: &str, en: &str| {
            invalid(field, "unknown_choice", id.to_owned(), en.to_owned())
        };
        let price = match options.price_style.as_str() {
            "tight" => PriceStyle::Tight,
            "spaced" => PriceStyle::Spaced,
            _ => {
                return Err(choice(
                    "price_style",
                    "Gaya harga: tight atau spaced.",
                    "Price style: tight or spaced.",
                ));
            }
        };
        let grouping = match options.grouping.as_str() {
            "city" => Grouping::City,
            "kecamatan" => Grouping::Kecamatan,
            "category" => Grouping::Category,
            _ => {
                return Err(choice(
                    "grouping",
                    "Pengelompokan: city, kecamatan atau category.",
                    "Grouping: city, kecamatan or category.",
                ));
            }
        };
        let paper = Paper::parse(&options.paper).ok_or_else(|| {
            choice(
                "paper",
                "Ukuran kertas: a4, f4, a5 atau letter.",
                "Paper size: a4, f4, a5 or letter.",
            )
        })?;
        let templates = check_template_folder(&options.templates)?;
        Ok(Settings {
            templates,
            price,
            grouping,
            colour: check_colour("colour", &options.colour, MAIN_CONTRAST)?,
            accent: check_colour("accent", &options.accent, ACCENT_CONTRAST)?,
            paper,
            logo: self.catalogue_logo()?.is_some(),
        })
    }

    /// Changes the catalogue's settings; nothing is saved if one of them is refused.
    pub fn set_catalogue_options(&self, options: &CatalogueOptions) -> Result<CatalogueOptions> {
        let checked = self.checked_settings(options)?;
        let (colour, accent) = (checked.colour, checked.accent);
        self.write(|tx, _| {
            for (key, value) in [
                ("price_style", options.price_style.as_str()),
                ("catalogue_grouping", options.grouping.as_str()),
                ("catalogue_colour", colour.as_str()),
                ("catalogue_accent", accent.as_str()),
                ("catalogue_paper", options.paper.as_str()),
                ("template_folder", options.templates.trim()),
            ] {
                crate::registry::put_meta(tx, key, value)?;
            }
            Ok(())
        })?;
        self.catalogue_options()
    }

    /// The registry's catalogue settings.
    pub fn catalogue_settings(&self) -> Result<Settings> {
        let mut s = Settings::default();
        if self.meta("price_style")?.as_deref() == Some("spaced") {
            s.price = PriceStyle::Spaced;
        }
        s.grouping = match self.meta("catalogue_grouping")?.as_deref() {
            Some("category") => Grouping::Category,
            Some("kecamatan") => Grouping::Kecamatan,
            _ => Grouping::City,
        };
        // Stored values were checked when saved; anything else falls back to the default.
        if let Some(c) = self
            .meta("catalogue_colour")?
            .filter(|c| parse_colour(c).is_some())
        {
            s.colour = c;
        }
        if let Some(c) = self
            .meta("catalogue_accent")?
            .filter(|c| parse_colour(c).is_some())
        {
            s.accent = c;
        }
        if let Some(p) = self
            .meta("catalogue_paper")?
            .as_deref()
            .and_then(Paper::parse)
        {
            s.paper = p;
        }
        s.logo = self.catalogue_logo()?.is_some();
        // A folder that has gone away (a USB stick) means the built-in templates.
        s.templates = self
            .meta("template_folder")?
            .filter(|f| !f.is_empty())
            .map(std::path::PathBuf::from)
            .filter(|p| p.is_dir());
        Ok(s)
    }

    /// The look of `options` before saving them: the printed PDF's first pages and the first
    /// product's 4:5 social image, as JPEGs, rendered from the published edition of `friday`
    /// without writing anything (photos come from the frame cache, framed now if missing).
    pub fn catalogue_look_preview(
        &self,
        friday: &str,
        options: &CatalogueOptions,
    ) -> Result<(Vec<Vec<u8>>, Vec<String>)> {
        let settings = self.checked_settings(options)?;
        let edition = self.edition_on(friday)?;
        if edition.state != EditionState::Published {
            return Err(Error::Conflict(Text::new(
                format!("Edisi {} belum terbit.", edition.label.id),
                format!("The edition of {} is not published.", edition.label.en),
            )));
        }
        let data = data::catalogue_data(&edition, &self.categories()?, &settings);
        let files = self.pdf_inputs(&edition, &data)?;
        let (y, m, d) = super::ymd(&edition.friday);
        let mut problems = Vec::new();
        let folder = settings.templates.as_deref();
        let template = engine::Template::load(folder, "catalogue.typ", engine::CATALOGUE_TEMPLATE);
        let doc = engine::compile(
            &template,
            &files,
            &[("page", "print".to_owned())],
            (y, m, d),
            &mut problems,
        )
        .map_err(|p| super::render_error("catalogue", &p))?;
        let mut pages = Vec::new();
        for i in 0..doc.page_count().min(2) {
            if let Some((w, h, rgb)) = doc.render_rgb(i, super::PREVIEW_SCALE) {
                pages.push(
                    etalase_pipeline::pipeline::encode(&rgb, w, h, 82)
                        .map_err(|r| Error::Internal(r.reason.en))?,
                );
            }
        }
        let social = engine::Template::load(folder, "social.typ", engine::SOCIAL_TEMPLATE);
        let bands = super::social_doc(&social, &files, "band", (y, m, d), &mut problems)?;
        if let (Some(first), Some((w, drawn, band))) = (
            data.groups.first().and_then(|g| g.cards.first()),
            bands.render_rgb(0, 1.0),
        ) {
            let photo = match edition
                .snapshot
                .get(first.n as usize - 1)
                .and_then(|i| i.photos.first())
            {
                Some(p) => {
                    self.framed(&super::job(p, Frame::Portrait, 1350, super::SOCIAL_QUALITY))?
                }
                None => super::blank_photo(w, 1350, &band)?,
            };
            pages.push(super::social_image(&photo, w, 1350, drawn, &band)?);
        }
        Ok((pages, problems))
    }

    /// The logo's JPEG, if one is set.
    pub fn catalogue_logo(&self) -> Result<Option<Vec<u8>>> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT bytes FROM catalogue_asset WHERE name = 'logo'",
                [],
                |r| r.get(0),
            )
            .optional()?)
        })
    }

    /// Sets the logo from an image file (JPEG, PNG or WebP), checked and made small by the
    /// photo pipeline; transparent parts become white.
    pub fn set_catalogue_logo(&self, file: &Path) -> Result<CatalogueOptions> {
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        let processed = etalase_pipeline::pipeline::Worker::new()
            .process(&bytes)
            .map_err(|r| Error::BadFile {
                path: file.to_owned(),
                reason: Text::new(r.reason.id, r.reason.en),
            })?;
        let img = etalase_pipeline::pipeline::decode_master(&processed.master)
            .map_err(|r| Error::Internal(r.reason.en))?;
        let (w, h) = img.dimensions();
        let scale = f64::from(LOGO_EDGE) / f64::from(w.max(h));
        let size = if scale < 1.0 {
            (
                ((f64::from(w) * scale).round() as u32).max(1),
                ((f64::from(h) * scale).round() as u32).max(1),
            )
        } else {
            (w, h)
        };
        let jpeg = etalase_pipeline::pipeline::render_frame_from(&img, (0, 0, w, h), size, 90)
            .map_err(|r| Error::Internal(r.reason.en))?;
        self.write(|tx, stamp| {
            tx.execute(
                "INSERT INTO catalogue_asset (name, bytes, updated_at) VALUES ('logo', ?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET bytes = excluded.bytes, updated_at = excluded.updated_at",
                params![jpeg, stamp.time],
            )?;
            Ok(())
        })?;
        self.catalogue_options()
    }

    pub fn clear_catalogue_logo(&self) -> Result<CatalogueOptions> {
        self.write(|tx, _| {
            tx.execute("DELETE FROM catalogue_asset WHERE name = 'logo'", [])?;
            Ok(())
        })?;
        self.catalogue_options()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_parsed_and_their_contrast_with_white_measured() {
        assert_eq!(parse_colour("#0f5f5c"), Some([0x0f, 0x5f, 0x5c]));
        assert_eq!(parse_colour("0f5f5c"), None);
        assert_eq!(parse_colour("#0f5f5"), None);
        assert_eq!(parse_colour("#gg0000"), None);
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 0.01);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 0.01);
        // The defaults pass; a pale yellow does not.
        assert!(contrast_with_white(parse_colour("#0f5f5c").expect("colour")) >= MAIN_CONTRAST);
        assert!(contrast_with_white(parse_colour("#e4572e").expect("colour")) >= ACCENT_CONTRAST);
        assert!(contrast_with_white(parse_colour("#ffe680").expect("colour")) < ACCENT_CONTRAST);
    }
}
