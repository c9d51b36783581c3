//! Typst, embedded: the one place Etalase compiles a template to a PDF or to page images.
//!
//! Typst's Rust API changes with every minor release (performance.md, part 2), so its
//! versions are pinned exactly and everything that touches it is in this file. A compile sees
//! only what the caller hands it: the template, named in-memory files (the data JSON, photos,
//! QR codes) and the fonts loaded here. No file system, no network, no packages.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The fonts templates may use, loaded once.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// Loads every face of the given font files (TTF/OTF bytes).
    pub fn new(files: &[&'static [u8]]) -> Fonts {
        let fonts: Vec<Font> = files
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }

    pub fn count(&self) -> usize {
        self.fonts.len()
    }
}

/// What to compile.
pub struct Job<'a> {
    /// The template's text (Typst markup).
    pub template: &'a str,
    /// Files the template may read, by path (`/data.json`, `/photos/3.jpg`, ...).
    pub files: &'a HashMap<String, Vec<u8>>,
    /// Values the template reads from `sys.inputs`.
    pub inputs: &'a [(&'a str, String)],
    /// The date `datetime.today()` answers, so builds are repeatable: (year, month, day).
    pub today: (i32, u8, u8),
}

/// A problem in a template, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based; 0 when the problem has no place in the template.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.line, self.column, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

struct Sandbox<'a> {
    library: LazyHash<Library>,
    fonts: &'a Fonts,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: (i32, u8, u8),
}

fn id_of(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

impl World for Sandbox<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        let (y, m, d) = self.today;
        Datetime::from_ymd(y, m, d)
    }
}

fn problems(world: &Sandbox<'_>, diags: &[SourceDiagnostic]) -> Vec<Problem> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let place = typst::WorldExt::range(world, d.span)
                .filter(|_| d.span.id() == Some(world.main.id()))
                .and_then(|r| {
                    let lines = world.main.lines();
                    Some((
                        lines.byte_to_line(r.start)? + 1,
                        lines.byte_to_column(r.start)? + 1,
                    ))
                });
            let (line, column) = place.unwrap_or((0, 0));
            let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
            let message = if hints.is_empty() {
                d.message.to_string()
            } else {
                format!("{} ({})", d.message, hints.join("; "))
            };
            Problem {
                line,
                column,
                message,
            }
        })
        .collect()
}

/// A laid-out document.
pub struct Document {
    inner: PagedDocument,
}

/// Compiles a template. Typst's caches are freed afterwards whatever the outcome, so a
/// long-running app does not grow with each build.
pub fn compile(fonts: &Fonts, job: &Job<'_>) -> Result<Document, Vec<Problem>> {
    let out = compile_inner(fonts, job);
    typst::comemo::evict(0);
    out
}

fn compile_inner(fonts: &Fonts, job: &Job<'_>) -> Result<Document, Vec<Problem>> {
    let main_id = id_of("/main.typ").ok_or_else(|| {
        vec![Problem {
            line: 0,
            column: 0,
            message: "main path".into(),
        }]
    })?;
    let mut inputs = Dict::new();
    for (k, v) in job.inputs {
        inputs.insert((*k).into(), v.as_str().into_value());
    }
    let mut files = HashMap::new();
    for (path, bytes) in job.files {
        if let Some(id) = id_of(path) {
            files.insert(id, Bytes::new(bytes.clone()));
        }
    }
    let world = Sandbox {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        fonts,
        main: Source::new(main_id, job.template.to_owned()),
        files,
        today: job.today,
    };
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    output
        .map(|inner| Document { inner })
        .map_err(|diags| problems(&world, diags.as_slice()))
}

impl Document {
    pub fn page_count(&self) -> usize {
        self.inner.pages().len()
    }

    /// The PDF, tagged, with a stable identifier so two builds of one edition are alike.
    pub fn pdf(&self, ident: &str) -> Result<Vec<u8>, Vec<Problem>> {
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(ident.to_owned()),
            creator: Smart::Custom(Some("Etalase".into())),
            ..typst_pdf::PdfOptions::default()
        };
        let out = typst_pdf::pdf(&self.inner, &options).map_err(|diags| {
            diags
                .iter()
                .map(|d| Problem {
                    line: 0,
                    column: 0,
                    message: d.message.to_string(),
                })
                .collect()
        });
        typst::comemo::evict(0);
        out
    }

    /// One page as RGB pixels at `scale` pixels per point: (width, height, pixels).
    pub fn render_rgb(&self, page: usize, scale: f32) -> Option<(u32, u32, Vec<u8>)> {
        let page = self.inner.pages().get(page)?;
        let pixmap = typst_render::render(
            page,
            &typst_render::RenderOptions {
                pixel_per_pt: typst::utils::Scalar::new(f64::from(scale)),
                ..Default::default()
            },
        );
        // Pages have an opaque white fill, so dropping alpha loses nothing.
        let rgb = pixmap
            .data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        Some((pixmap.width(), pixmap.height(), rgb))
    }
}
