//! The Friday catalogue: from a published edition, in one job, the PDF (A4 and phone), the
//! social images, the captions and the data they were made from, in a folder named after the
//! edition. Everything is built from the edition's frozen public snapshot (`PublicItem`), so
//! no private field can reach an output.

pub mod captions;
pub mod data;
mod engine;
mod frames;
pub(crate) mod look;
pub mod preview;
pub mod sheets;
mod splice;
pub mod web;

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::photo::Frame;
use crate::planner::edition::{Edition, EditionState};
use crate::registry::Registry;
use crate::text::Text;
use captions::CaptionChannel;
use data::CatalogueData;
use frames::FrameJob;

/// Photos in the PDF: a card is about 60 mm wide, so 600 px is over 250 dpi.
const PDF_PHOTO_EDGE: u32 = 600;
const PDF_PHOTO_QUALITY: u8 = 80;
const SOCIAL_QUALITY: u8 = 88;
/// Every social image is 1080 pixels wide (Instagram's size).
const SOCIAL_WIDTH: u32 = 1080;
/// Marketplace photos: square, 1080 px.
const MARKET_EDGE: u32 = 1080;
/// The window previews the PDF's first pages at about 450 px wide.
const PREVIEW_PAGES: usize = 3;
const PREVIEW_SCALE: f32 = 0.75;

/// Which outputs to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Formats {
    pub pdf: bool,
    pub social: bool,
    pub captions: bool,
    pub web: bool,
    pub sheets: bool,
}

impl Default for Formats {
    fn default() -> Formats {
        Formats {
            pdf: true,
            social: true,
            captions: true,
            web: true,
            sheets: true,
        }
    }
}

impl Formats {
    /// `pdf,social,captions,web,sheets`; unknown names are refused.
    pub fn parse(list: &str) -> Result<Formats> {
        let mut f = Formats {
            pdf: false,
            social: false,
            captions: false,
            web: false,
            sheets: false,
        };
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match name {
                "pdf" => f.pdf = true,
                "social" => f.social = true,
                "captions" => f.captions = true,
                "web" => f.web = true,
                "sheets" => f.sheets = true,
                other => {
                    return Err(Error::Invalid(vec![crate::error::FieldError::new(
                        "formats",
                        "unknown_format",
                        Text::new(
                            format!(
                                "Format \"{other}\" tidak dikenal: pdf, social, captions, web atau sheets."
                            ),
                            format!(
                                "Format \"{other}\" is unknown: pdf, social, captions, web or sheets."
                            ),
                        ),
                    )]));
                }
            }
        }
        Ok(f)
    }
}

pub use look::{CatalogueOptions, LookPreview, template_stamp};

/// One channel's captions, to copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaptionText {
    pub channel: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BuildProgress {
    pub done: u32,
    pub total: u32,
    pub step: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BuiltFile {
    /// Relative to the edition's folder.
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BuildReport {
    pub folder: String,
    pub files: Vec<BuiltFile>,
    /// Problems in an edited template (file:line:column: message); the default was used.
    pub template_problems: Vec<String>,
    /// Products a marketplace sheet left out, and why.
    pub left_out: Vec<Text>,
    pub cancelled: bool,
}

/// What a build needs beyond the edition.
pub struct BuildOptions<'a> {
    pub formats: Formats,
    /// An instructor's folder of edited templates (`catalogue.typ`, `social.typ`).
    pub templates: Option<&'a Path>,
}

fn refusal(id: String, en: String) -> Error {
    Error::Conflict(Text::new(id, en))
}

fn render_error(what: &str, problems: &[etalase_render::Problem]) -> Error {
    let list = problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    Error::Internal(format!("{what}: {list}"))
}

/// A QR code of `text` as SVG.
fn qr_svg(text: &str) -> Option<Vec<u8>> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .build()
            .into_bytes(),
    )
}

impl Registry {
    /// Builds the catalogue of a published edition into `out/{friday}-{theme}/` (a new folder
    /// beside an existing one, never over it). Written into a `.part` folder first and renamed
    /// when complete, so a cancelled or failed build leaves nothing half made.
    pub fn build_catalogue(
        &self,
        friday: &str,
        out: &Path,
        options: &BuildOptions<'_>,
        progress: &mut dyn FnMut(&BuildProgress),
        cancel: &AtomicBool,
    ) -> Result<BuildReport> {
        let edition = self.edition_on(friday)?;
        if edition.state != EditionState::Published {
            return Err(refusal(
                format!(
                    "Edisi {} belum terbit: terbitkan dulu, lalu buat katalognya.",
                    edition.label.id
                ),
                format!(
                    "The edition of {} is not published: publish it first, then build its catalogue.",
                    edition.label.en
                ),
            ));
        }
        let settings = self.catalogue_settings()?;
        let data = data::catalogue_data(&edition, &self.categories()?, &settings);
        let name = format!("{}-{}", edition.friday, data::slug(&edition.theme));
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        // A new folder beside an earlier build, never over it.
        let mut folder = out.join(&name);
        let mut n = 2;
        while folder.symlink_metadata().is_ok() {
            folder = out.join(format!("{name} ({n})"));
            n += 1;
        }
        let part = out.join(format!(".{name}.part"));
        if part.exists() {
            std::fs::remove_dir_all(&part).map_err(|e| Error::io(&part, e))?;
        }
        std::fs::create_dir_all(&part).map_err(|e| Error::io(&part, e))?;
        // The CLI's --templates wins over the folder in the settings.
        let options = BuildOptions {
            formats: options.formats,
            templates: options.templates.or(settings.templates.as_deref()),
        };
        let result = self.build_into(&edition, &data, &part, &options, progress, cancel);
        match result {
            Ok(mut report) if !report.cancelled => {
                std::fs::rename(&part, &folder).map_err(|e| Error::io(&folder, e))?;
                report.folder = folder.display().to_string();
                Ok(report)
            }
            Ok(report) => {
                let _ = std::fs::remove_dir_all(&part);
                Ok(report)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&part);
                Err(e)
            }
        }
    }

    fn build_into(
        &self,
        edition: &Edition,
        data: &CatalogueData,
        dir: &Path,
        options: &BuildOptions<'_>,
        progress: &mut dyn FnMut(&BuildProgress),
        cancel: &AtomicBool,
    ) -> Result<BuildReport> {
        let cards: Vec<&data::Card> = data.groups.iter().flat_map(|g| &g.cards).collect();
        let f = options.formats;
        let total = 2
            + u32::from(f.pdf) * (cards.len() as u32 + 2)
            + u32::from(f.social) * (cards.len() as u32 * 3 + 1)
            + u32::from(f.captions)
            + u32::from(f.web)
            + u32::from(f.sheets) * 2;
        let mut done = 0;
        let mut step = |id: &str, en: &str, by: u32| {
            done += by;
            progress(&BuildProgress {
                done: done.min(total),
                total,
                step: Text::new(id, en),
            });
        };
        let mut report = BuildReport {
            folder: String::new(),
            files: Vec::new(),
            template_problems: Vec::new(),
            left_out: Vec::new(),
            cancelled: false,
        };
        let write = |rel: &str, bytes: &[u8], report: &mut BuildReport| -> Result<()> {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
            report.files.push(BuiltFile {
                path: rel.to_owned(),
                bytes: bytes.len() as u64,
            });
            Ok(())
        };
        let json = serde_json::to_vec_pretty(data).map_err(|e| Error::Internal(e.to_string()))?;
        write("data.json", &json, &mut report)?;
        step("Data edisi", "Edition data", 1);
        let today = ymd(&edition.friday);
        let logo = if data.logo.is_some() {
            self.catalogue_logo()?
        } else {
            None
        };
        let photos_of = |n: u32| {
            edition
                .snapshot
                .get(n as usize - 1)
                .and_then(|i| i.photos.first())
        };

        // Every framed photo this build needs, made up front: each master decoded once, on two
        // threads, kept in the frame cache for the next build.
        let jobs = frame_jobs(edition, f);
        let made = std::sync::atomic::AtomicUsize::new(0);
        let all = jobs.len();
        if !self.prepare_frames(&jobs, cancel, &|n| {
            made.fetch_add(n, Ordering::Relaxed);
        })? {
            report.cancelled = true;
            return Ok(report);
        }
        step(
            &format!(
                "Foto dibingkai ({} dari {all})",
                made.load(Ordering::Relaxed)
            ),
            &format!("Photos framed ({} of {all})", made.load(Ordering::Relaxed)),
            1,
        );
        // The covers at page size, shared by the PDF and the web page.
        let mut small: HashMap<u32, Vec<u8>> = HashMap::new();
        if f.pdf || f.web {
            for c in &cards {
                if let Some(photo) = photos_of(c.n) {
                    small.insert(
                        c.n,
                        self.framed(&job(
                            photo,
                            Frame::Square,
                            PDF_PHOTO_EDGE,
                            PDF_PHOTO_QUALITY,
                        ))?,
                    );
                }
            }
        }
        if f.pdf {
            let mut files: HashMap<String, Vec<u8>> = HashMap::new();
            files.insert("/data.json".into(), json.clone());
            if let Some(l) = &logo {
                files.insert(data::LOGO_PATH.into(), l.clone());
            }
            for c in &cards {
                if cancel.load(Ordering::Relaxed) {
                    report.cancelled = true;
                    return Ok(report);
                }
                card_files(c, small.get(&c.n), &mut files);
                step("Foto katalog", "Catalogue photos", 1);
            }
            let template = engine::Template::load(
                options.templates,
                "catalogue.typ",
                engine::CATALOGUE_TEMPLATE,
            );
            if cancel.load(Ordering::Relaxed) {
                report.cancelled = true;
                return Ok(report);
            }
            // The printed and the phone PDF are compiled at the same time, one per core.
            let id = edition.id.as_str();
            let (print, phone) = std::thread::scope(|s| {
                let phone = s.spawn(|| pdf_of(&template, &files, "phone", today, id, 0));
                let print = pdf_of(&template, &files, "print", today, id, PREVIEW_PAGES);
                (print, phone.join())
            });
            let phone = phone.map_err(|_| Error::Internal("PDF thread".into()))?;
            for (result, file) in [
                (print, format!("katalog-{}.pdf", data.paper)),
                (phone, "katalog-hp.pdf".to_owned()),
            ] {
                let (pdf, previews, problems) = result?;
                for p in problems {
                    if !report.template_problems.contains(&p) {
                        report.template_problems.push(p);
                    }
                }
                write(&file, &pdf, &mut report)?;
                for (i, jpeg) in previews.iter().enumerate() {
                    write(&format!("pratinjau/cetak-{}.jpg", i + 1), jpeg, &mut report)?;
                }
                step("PDF katalog", "Catalogue PDF", 1);
            }
        }

        if f.social {
            let template =
                engine::Template::load(options.templates, "social.typ", engine::SOCIAL_TEMPLATE);
            let mut files: HashMap<String, Vec<u8>> = HashMap::new();
            files.insert("/data.json".into(), json.clone());
            if let Some(l) = &logo {
                files.insert(data::LOGO_PATH.into(), l.clone());
            }
            for c in &cards {
                if let Some(photo) = photos_of(c.n) {
                    files.insert(
                        format!("/photos/{:02}-square.jpg", c.n),
                        self.framed(&job(photo, Frame::Square, 1080, SOCIAL_QUALITY))?,
                    );
                }
            }
            // The text bands, one page per product, drawn once and put under each size's photo.
            let bands = social_doc(
                &template,
                &files,
                "band",
                today,
                &mut report.template_problems,
            )?;
            if bands.page_count() < cards.len() {
                return Err(Error::Internal(
                    "social: a band per product is missing".into(),
                ));
            }
            let sizes = [
                (Frame::Square, 1080u32, "1x1"),
                (Frame::Portrait, 1350, "4x5"),
                (Frame::Story, 1920, "9x16"),
            ];
            let images_of = |i: usize| -> Result<Vec<Vec<u8>>> {
                let (bw, drawn, band) = bands
                    .render_rgb(i, 1.0)
                    .ok_or_else(|| Error::Internal("social band missing".into()))?;
                if bw != SOCIAL_WIDTH {
                    return Err(refusal(
                        format!(
                            "Pita teks gambar media sosial selebar {bw} piksel; harus {SOCIAL_WIDTH}."
                        ),
                        format!(
                            "The social image's text band is {bw} pixels wide; it must be {SOCIAL_WIDTH}."
                        ),
                    ));
                }
                let mut out = Vec::with_capacity(sizes.len());
                for (frame, h, _) in sizes {
                    let photo = match photos_of(cards[i].n) {
                        Some(p) => self.framed(&job(p, frame, h, SOCIAL_QUALITY))?,
                        None => blank_photo(bw, h, &band)?,
                    };
                    out.push(social_image(&photo, bw, h, drawn, &band)?);
                }
                Ok(out)
            };
            for pair in (0..cards.len()).collect::<Vec<_>>().chunks(2) {
                if cancel.load(Ordering::Relaxed) {
                    report.cancelled = true;
                    return Ok(report);
                }
                let images: Vec<Result<Vec<Vec<u8>>>> = std::thread::scope(|s| {
                    let handles: Vec<_> = pair
                        .iter()
                        .map(|&i| s.spawn(move || images_of(i)))
                        .collect();
                    handles
                        .into_iter()
                        .map(|h| {
                            h.join()
                                .unwrap_or_else(|_| Err(Error::Internal("render thread".into())))
                        })
                        .collect()
                });
                for (&i, jpegs) in pair.iter().zip(images) {
                    for ((_, _, suffix), jpeg) in sizes.iter().zip(jpegs?) {
                        write(
                            &format!("sosial/{}-{suffix}.jpg", cards[i].stem),
                            &jpeg,
                            &mut report,
                        )?;
                    }
                    step("Gambar media sosial", "Social images", 3);
                }
            }
            let doc = social_doc(
                &template,
                &files,
                "cover",
                today,
                &mut report.template_problems,
            )?;
            let (pw, ph, rgb) = doc
                .render_rgb(0, 1.0)
                .ok_or_else(|| Error::Internal("cover page missing".into()))?;
            let jpeg = etalase_pipeline::pipeline::encode(&rgb, pw, ph, SOCIAL_QUALITY)
                .map_err(|r| Error::Internal(r.reason.en))?;
            write("sosial/00-sampul-1x1.jpg", &jpeg, &mut report)?;
            step("Sampul", "Cover", 1);
        }

        if f.web {
            write("web/index.html", web::page(data).as_bytes(), &mut report)?;
            write("web/style.css", web::STYLE.as_bytes(), &mut report)?;
            if let Some(l) = &logo {
                write("web/logo.jpg", l, &mut report)?;
            }
            for c in &cards {
                if let Some(jpeg) = small.get(&c.n) {
                    write(&format!("web/foto/{:02}.jpg", c.n), jpeg, &mut report)?;
                }
            }
            step("Halaman web", "Web page", 1);
        }

        if f.sheets {
            if cancel.load(Ordering::Relaxed) {
                report.cancelled = true;
                return Ok(report);
            }
            let items: Vec<(String, &crate::planner::snapshot::PublicItem)> = cards
                .iter()
                .filter_map(|c| Some((c.stem.clone(), edition.snapshot.get(c.n as usize - 1)?)))
                .collect();
            let created = (today.0 as u16, today.1, today.2);
            for (file, table) in [
                (
                    "marketplace/tokopedia.xlsx",
                    sheets::tokopedia(&items, &mut report.left_out),
                ),
                (
                    "marketplace/shopee.xlsx",
                    sheets::shopee(&items, &mut report.left_out),
                ),
            ] {
                let path = dir.join(file);
                std::fs::create_dir_all(dir.join("marketplace")).map_err(|e| Error::io(dir, e))?;
                crate::spreadsheet::write_dated(
                    &path,
                    crate::spreadsheet::SheetFormat::Xlsx,
                    "Produk",
                    &table,
                    Some(created),
                )?;
                let bytes = std::fs::metadata(&path)
                    .map_err(|e| Error::io(&path, e))?
                    .len();
                report.files.push(BuiltFile {
                    path: file.to_owned(),
                    bytes,
                });
            }
            write(
                "marketplace/whatsapp-katalog.csv",
                &feed_csv(&sheets::whatsapp(&items))?,
                &mut report,
            )?;
            write(
                "marketplace/meta-katalog.csv",
                &feed_csv(&sheets::meta(&items))?,
                &mut report,
            )?;
            step("Lembar marketplace", "Marketplace sheets", 1);
            for (file, max) in [
                ("marketplace/foto-tokopedia.zip", 5),
                ("marketplace/foto-shopee.zip", 9),
            ] {
                let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
                for (stem, item) in &items {
                    for (name, photo) in sheets::photo_names(stem, item, max)
                        .into_iter()
                        .zip(&item.photos)
                    {
                        entries.push((
                            name,
                            self.framed(&job(photo, Frame::Square, MARKET_EDGE, SOCIAL_QUALITY))?,
                        ));
                    }
                }
                write(file, &zip_of(&entries, today)?, &mut report)?;
            }
            let mut notes = String::from(
                "Produk yang tidak masuk lembar marketplace / left out of the marketplace sheets:\n",
            );
            for t in &report.left_out {
                notes.push_str(&format!("- {}\n  {}\n", t.id, t.en));
            }
            notes.push_str("\nKode kategori dan etalase diisi di Seller Center; foto diunggah dari ZIP-nya.\nCategory codes and showcases are filled in at the Seller Center; photos are uploaded from their ZIP.\n");
            write("marketplace/laporan.txt", notes.as_bytes(), &mut report)?;
            step("Foto marketplace", "Marketplace photos", 1);
        }

        if f.captions {
            for channel in [CaptionChannel::Instagram, CaptionChannel::Whatsapp] {
                let text = captions::channel_file(data, channel);
                write(
                    &format!("teks/{}", channel.file()),
                    text.as_bytes(),
                    &mut report,
                )?;
            }
            step("Teks", "Captions", 1);
        }
        Ok(report)
    }

    /// The files the catalogue template reads for an edition: its data, the logo, the framed
    /// photos (from the frame cache, framed now if missing) and the QR codes.
    fn pdf_inputs(
        &self,
        edition: &Edition,
        data: &CatalogueData,
    ) -> Result<HashMap<String, Vec<u8>>> {
        let mut files: HashMap<String, Vec<u8>> = HashMap::new();
        files.insert(
            "/data.json".into(),
            serde_json::to_vec_pretty(data).map_err(|e| Error::Internal(e.to_string()))?,
        );
        if let Some(logo) = self.catalogue_logo()? {
            files.insert(data::LOGO_PATH.into(), logo);
        }
        let pdf_only = Formats {
            pdf: true,
            social: false,
            captions: false,
            web: false,
            sheets: false,
        };
        self.prepare_frames(
            &frame_jobs(edition, pdf_only),
            &AtomicBool::new(false),
            &|_| {},
        )?;
        for c in data.groups.iter().flat_map(|g| &g.cards) {
            let photo = match edition
                .snapshot
                .get(c.n as usize - 1)
                .and_then(|i| i.photos.first())
            {
                Some(p) => {
                    Some(self.framed(&job(p, Frame::Square, PDF_PHOTO_EDGE, PDF_PHOTO_QUALITY))?)
                }
                None => None,
            };
            card_files(c, photo.as_ref(), &mut files);
        }
        Ok(files)
    }

    /// One PDF of a published edition (`page`: `print` or `phone`) with the saved settings and
    /// the default template, written nowhere: what a build writes as `katalog-*.pdf`.
    pub fn catalogue_pdf(&self, friday: &str, page: &str) -> Result<Vec<u8>> {
        let edition = self.edition_on(friday)?;
        if edition.state != EditionState::Published {
            return Err(refusal(
                format!("Edisi {} belum terbit.", edition.label.id),
                format!("The edition of {} is not published.", edition.label.en),
            ));
        }
        let data = data::catalogue_data(&edition, &self.categories()?, &self.catalogue_settings()?);
        let files = self.pdf_inputs(&edition, &data)?;
        let template = engine::Template::load(None, "catalogue.typ", engine::CATALOGUE_TEMPLATE);
        let (pdf, _, _) = pdf_of(
            &template,
            &files,
            page,
            ymd(&edition.friday),
            &edition.id,
            0,
        )?;
        Ok(pdf)
    }

    /// Frames every photo a full build of a published edition needs and keeps them in the
    /// frame cache, so the Friday build itself decodes nothing. The window runs this in the
    /// background after publishing. Returns false when cancelled.
    pub fn prepare_catalogue_frames(&self, friday: &str, cancel: &AtomicBool) -> Result<bool> {
        let edition = self.edition_on(friday)?;
        if edition.state != EditionState::Published {
            return Ok(true);
        }
        self.prepare_frames(&frame_jobs(&edition, Formats::default()), cancel, &|_| {})
    }

    /// The caption files of a published edition, as text to copy: (channel, text).
    pub fn catalogue_captions(&self, friday: &str) -> Result<Vec<CaptionText>> {
        let edition = self.edition_on(friday)?;
        if edition.state != EditionState::Published {
            return Err(refusal(
                format!("Edisi {} belum terbit.", edition.label.id),
                format!("The edition of {} is not published.", edition.label.en),
            ));
        }
        let data = data::catalogue_data(&edition, &self.categories()?, &self.catalogue_settings()?);
        Ok([CaptionChannel::Instagram, CaptionChannel::Whatsapp]
            .into_iter()
            .map(|c| CaptionText {
                channel: c.key().to_owned(),
                text: captions::channel_file(&data, c),
            })
            .collect())
    }
}

/// A comma-separated feed (what Meta and WhatsApp read), every cell inert.
fn feed_csv(table: &crate::spreadsheet::Table) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let err = |e: csv::Error| Error::Internal(e.to_string());
    w.write_record(&table.headers).map_err(err)?;
    for row in &table.rows {
        w.write_record(row.iter().map(|c| crate::spreadsheet::neutralise(c)))
            .map_err(err)?;
    }
    w.into_inner().map_err(|e| Error::Internal(e.to_string()))
}

/// A ZIP of the given files, dated the edition's Friday so rebuilds are alike.
fn zip_of(entries: &[(String, Vec<u8>)], (y, m, d): (i32, u8, u8)) -> Result<Vec<u8>> {
    use std::io::Write;
    let err = |e: zip::result::ZipError| Error::Internal(e.to_string());
    let when = zip::DateTime::from_date_and_time(y as u16, m, d, 0, 0, 0).unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(when);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).map_err(err)?;
        zip.write_all(bytes)
            .map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

/// A social image: the framed photo (`photo`, `width`×`height`, encoded by rows) with the text
/// band (`band`, RGB, `drawn` pixels tall) over its bottom rows. The band is widened upwards
/// with its own top row to end a row of JPEG blocks, then stacked under the photo's rows
/// without decoding them.
fn social_image(photo: &[u8], width: u32, height: u32, drawn: u32, band: &[u8]) -> Result<Vec<u8>> {
    if drawn == 0 || drawn > height / 2 {
        return Err(refusal(
            format!(
                "Pita teks gambar media sosial setinggi {drawn} piksel; paling tinggi {} piksel (setengah gambar).",
                height / 2
            ),
            format!(
                "The social image's text band is {drawn} pixels tall; at most {} (half the image).",
                height / 2
            ),
        ));
    }
    let tall = splice::band_height(height, drawn, SOCIAL_QUALITY);
    let row = width as usize * 3;
    let mut pixels = Vec::with_capacity(row * tall as usize);
    for _ in drawn..tall {
        pixels.extend_from_slice(&band[..row]);
    }
    pixels.extend_from_slice(band);
    let encoded = etalase_pipeline::pipeline::encode_by_rows(&pixels, width, tall, SOCIAL_QUALITY)
        .map_err(|r| Error::Internal(r.reason.en))?;
    splice::stack(photo, &encoded)
}

/// The photo area of a product without a photo: the band's own colour.
fn blank_photo(width: u32, height: u32, band: &[u8]) -> Result<Vec<u8>> {
    let pixel = [band[0], band[1], band[2]];
    let pixels: Vec<u8> = pixel
        .iter()
        .copied()
        .cycle()
        .take(width as usize * height as usize * 3)
        .collect();
    etalase_pipeline::pipeline::encode_by_rows(&pixels, width, height, SOCIAL_QUALITY)
        .map_err(|r| Error::Internal(r.reason.en))
}

/// The social template compiled for `kind`: `band` (a page per product) or `cover`.
fn social_doc(
    template: &engine::Template,
    files: &HashMap<String, Vec<u8>>,
    kind: &str,
    today: (i32, u8, u8),
    problems: &mut Vec<String>,
) -> Result<etalase_render::Document> {
    let inputs = [
        ("w", SOCIAL_WIDTH.to_string()),
        ("h", SOCIAL_WIDTH.to_string()),
        ("kind", kind.to_owned()),
    ];
    engine::compile(template, files, &inputs, today, problems).map_err(|p| render_error(kind, &p))
}

/// One catalogue PDF (`page`: `print` or `phone`) with its first `previews` pages as small
/// JPEGs for the window, and the template problems met.
type PdfResult = Result<(Vec<u8>, Vec<Vec<u8>>, Vec<String>)>;

fn pdf_of(
    template: &engine::Template,
    files: &HashMap<String, Vec<u8>>,
    page: &str,
    today: (i32, u8, u8),
    edition_id: &str,
    previews: usize,
) -> PdfResult {
    let mut problems = Vec::new();
    let doc = engine::compile(
        template,
        files,
        &[("page", page.to_owned())],
        today,
        &mut problems,
    )
    .map_err(|p| render_error("catalogue", &p))?;
    let pdf = doc
        .pdf(&format!("{edition_id}-{page}"))
        .map_err(|p| render_error("pdf", &p))?;
    let mut pages = Vec::new();
    for i in 0..doc.page_count().min(previews) {
        if let Some((pw, ph, rgb)) = doc.render_rgb(i, PREVIEW_SCALE) {
            pages.push(
                etalase_pipeline::pipeline::encode(&rgb, pw, ph, 82)
                    .map_err(|r| Error::Internal(r.reason.en))?,
            );
        }
    }
    Ok((pdf, pages, problems))
}

/// The edition's Friday as the engine's document date.
fn ymd(friday: &str) -> (i32, u8, u8) {
    let day = chrono::NaiveDate::parse_from_str(friday, "%Y-%m-%d").unwrap_or_default();
    (
        chrono::Datelike::year(&day),
        chrono::Datelike::month(&day) as u8,
        chrono::Datelike::day(&day) as u8,
    )
}

/// A card's photo and QR code, under the names the data gives them.
fn card_files(c: &data::Card, photo: Option<&Vec<u8>>, files: &mut HashMap<String, Vec<u8>>) {
    if let (Some(path), Some(jpeg)) = (&c.photo_square, photo) {
        files.insert(path.clone(), jpeg.clone());
    }
    if let (Some(path), Some(link)) = (&c.qr, &c.qr_link)
        && let Some(svg) = qr_svg(link)
    {
        files.insert(path.clone(), svg);
    }
}

/// Every framed photo a build of these formats needs.
fn frame_jobs(edition: &Edition, f: Formats) -> Vec<FrameJob> {
    let mut jobs: Vec<FrameJob> = Vec::new();
    for item in &edition.snapshot {
        for (k, photo) in item.photos.iter().enumerate() {
            if k == 0 {
                if f.pdf || f.web {
                    jobs.push(job(photo, Frame::Square, PDF_PHOTO_EDGE, PDF_PHOTO_QUALITY));
                }
                if f.social {
                    jobs.push(job(photo, Frame::Square, 1080, SOCIAL_QUALITY));
                    jobs.push(job(photo, Frame::Portrait, 1350, SOCIAL_QUALITY));
                    jobs.push(job(photo, Frame::Story, 1920, SOCIAL_QUALITY));
                }
            }
            if f.sheets && k < 9 {
                jobs.push(job(photo, Frame::Square, MARKET_EDGE, SOCIAL_QUALITY));
            }
        }
    }
    jobs
}

fn job(
    photo: &crate::planner::snapshot::PublicPhoto,
    frame: Frame,
    long_edge: u32,
    quality: u8,
) -> FrameJob {
    FrameJob {
        photo: photo.clone(),
        frame,
        long_edge,
        quality,
    }
}
