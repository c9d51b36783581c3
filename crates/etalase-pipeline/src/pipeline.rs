//! From a file's bytes to a stored master and thumbnail: checked, decoded, turned upright,
//! resized and re-encoded, with nothing of the original's metadata (GPS!) carried over.
//!
//! The steps follow the measurements in performance.md: `image` 0.25 decodes (zune-jpeg for
//! JPEG) into a buffer the worker reuses, `fast_image_resize` resizes with Lanczos3, the
//! orientation is applied to the smaller image, `jpeg-encoder` encodes. `into_decoder()` skips
//! `image`'s allocation limit, so the header is checked here before any pixel is allocated, and
//! zune-jpeg fills a truncated JPEG with grey without a word, so the JPEG's structure is
//! walked first and a file without its end marker is refused.

use std::io::Cursor;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
pub use image::RgbImage;
use image::{ColorType, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::quality::{self, Quality};
use crate::Reason as Text;

/// No side may be longer, whatever the format.
pub const MAX_SIDE: u32 = 16_384;
/// 100 megapixels: far above any phone, far below what would exhaust a laptop.
pub const MAX_PIXELS: u64 = 100_000_000;
/// Larger files are refused unread.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The stored master's long edge, and its JPEG quality.
pub const MASTER_EDGE: u32 = 2560;
const MASTER_QUALITY: u8 = 90;
/// The thumbnail's long edge and quality.
pub const THUMB_EDGE: u32 = 400;
const THUMB_QUALITY: u8 = 85;

/// Why a file could not become a photo, in both languages, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub reason: Text,
}

fn refuse(code: &'static str, id: impl Into<String>, en: impl Into<String>) -> Refusal {
    Refusal {
        code,
        reason: Text::new(id, en),
    }
}

/// A processed photo, ready to store.
#[derive(Debug, Clone)]
pub struct Processed {
    pub master: Vec<u8>,
    pub thumb: Vec<u8>,
    /// The master's size (upright).
    pub width: u32,
    pub height: u32,
    /// The original's size (upright), which the quality rules judge.
    pub original_width: u32,
    pub original_height: u32,
    /// `jpeg`, `png` or `webp`.
    pub source_format: &'static str,
    pub quality: Quality,
}

/// One worker's reusable state: the decode buffer (grow-only) and the resizer.
#[derive(Default)]
pub struct Worker {
    buffer: Vec<u8>,
    resizer: Resizer,
}

/// The format of a file from its first bytes; HEIC is named so the message can say what to do.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, Refusal> {
    if bytes.is_empty() {
        return Err(refuse(
            "empty",
            "berkasnya kosong (0 byte)",
            "the file is empty (0 bytes)",
        ));
    }
    if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if [b"heic", b"heix", b"mif1", b"msf1", b"heim", b"hevc"]
            .contains(&brand.try_into().unwrap_or(&[0; 4]))
        {
            return Err(refuse(
                "heic",
                "foto HEIC (iPhone) belum dapat dibaca. Ubah dulu ke JPEG: di iPhone pilih Pengaturan › Kamera › Format › Paling Kompatibel, atau bagikan fotonya sebagai JPEG",
                "HEIC photos (iPhone) cannot be read yet. Convert to JPEG first: on the iPhone choose Settings › Camera › Formats › Most Compatible, or share the photo as JPEG",
            ));
        }
    }
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(f),
        Ok(other) => Err(refuse(
            "unsupported_format",
            format!("format {other:?} tidak didukung; gunakan JPEG, PNG atau WebP"),
            format!("the {other:?} format is not supported; use JPEG, PNG or WebP"),
        )),
        Err(_) => Err(refuse(
            "not_an_image",
            "bukan berkas gambar (JPEG, PNG atau WebP)",
            "not an image file (JPEG, PNG or WebP)",
        )),
    }
}

/// Walks a JPEG's segments to its end-of-image marker. A file cut short (a copy interrupted,
/// a download that stopped) has none, and its decoded pixels would be half grey.
pub fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut i = 2; // after SOI
    while i + 2 <= bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        match marker {
            0xD9 => return true,
            0xFF => {
                i += 1; // fill byte
                continue;
            }
            0x01 | 0xD0..=0xD7 => {
                i += 2;
                continue;
            }
            _ => {}
        }
        if i + 4 > bytes.len() {
            return false;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if len < 2 {
            return false;
        }
        i += 2 + len;
        if marker == 0xDA {
            // Entropy-coded data: runs to the next marker that is not a stuffed zero or a
            // restart marker.
            loop {
                if i + 1 >= bytes.len() {
                    return false;
                }
                if bytes[i] == 0xFF && bytes[i + 1] != 0 && !(0xD0..=0xD7).contains(&bytes[i + 1]) {
                    break;
                }
                i += 1;
            }
        }
    }
    false
}

/// Writes `src` (`w`×`h` RGB) into `dst` as the EXIF orientation says it should be seen: the
/// same result as `DynamicImage::apply_orientation`, without allocating.
fn orient_into(
    src: &[u8],
    w: u32,
    h: u32,
    orientation: image::metadata::Orientation,
    dst: &mut [u8],
) {
    use image::metadata::Orientation as O;
    let (w, h) = (w as usize, h as usize);
    // The upright image's width: the stored height when the picture is turned a quarter.
    let dw = match orientation {
        O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH => h,
        _ => w,
    };
    for y in 0..h {
        for x in 0..w {
            let (nx, ny) = match orientation {
                O::NoTransforms => (x, y),
                O::FlipHorizontal => (w - 1 - x, y),
                O::Rotate180 => (w - 1 - x, h - 1 - y),
                O::FlipVertical => (x, h - 1 - y),
                O::Rotate90FlipH => (y, x),
                O::Rotate90 => (h - 1 - y, x),
                O::Rotate270FlipH => (h - 1 - y, w - 1 - x),
                O::Rotate270 => (y, w - 1 - x),
            };
            let (s, d) = ((y * w + x) * 3, (ny * dw + nx) * 3);
            dst[d..d + 3].copy_from_slice(&src[s..s + 3]);
        }
    }
}

fn fit(width: u32, height: u32, edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= edge {
        return (width, height);
    }
    let scale = f64::from(edge) / f64::from(long);
    let w = ((f64::from(width) * scale).round() as u32).max(1);
    let h = ((f64::from(height) * scale).round() as u32).max(1);
    (w, h)
}

/// RGB pixels to a baseline JPEG without metadata.
pub fn encode(rgb: &[u8], width: u32, height: u32, quality: u8) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    let (w, h) = (
        u16::try_from(width).map_err(|_| internal("width"))?,
        u16::try_from(height).map_err(|_| internal("height"))?,
    );
    encoder
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| internal(&e.to_string()))?;
    Ok(out)
}

/// Height in pixels of one row of JPEG blocks at `quality` (the encoder subsamples colour
/// below quality 90).
pub fn block_row_height(quality: u8) -> u32 {
    if quality < 90 { 16 } else { 8 }
}

/// Like [`encode`], with a restart marker after every row of blocks, so that rows can be
/// copied between images encoded alike without decoding them (the catalogue's social
/// images put a text band under a photo this way).
pub fn encode_by_rows(
    rgb: &[u8],
    width: u32,
    height: u32,
    quality: u8,
) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    let (w, h) = (
        u16::try_from(width).map_err(|_| internal("width"))?,
        u16::try_from(height).map_err(|_| internal("height"))?,
    );
    let per_row =
        u16::try_from(width.div_ceil(block_row_height(quality))).map_err(|_| internal("width"))?;
    encoder.set_restart_interval(per_row);
    encoder
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| internal(&e.to_string()))?;
    Ok(out)
}

fn internal(detail: &str) -> Refusal {
    refuse(
        "internal",
        format!("kesalahan saat mengolah foto ({detail})"),
        format!("error while processing the photo ({detail})"),
    )
}

/// Puts an RGBA or grey image's pixels on white, as RGB.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u32::from(p[3]);
        for c in 0..3 {
            o[c] = ((u32::from(p[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    out
}

fn resize(
    resizer: &mut Resizer,
    rgb: &[u8],
    w: u32,
    h: u32,
    dw: u32,
    dh: u32,
) -> Result<Vec<u8>, Refusal> {
    if (dw, dh) == (w, h) {
        return Ok(rgb[..(w as usize * h as usize * 3)].to_vec());
    }
    let src = ImageRef::new(w, h, rgb, PixelType::U8x3).map_err(|e| internal(&e.to_string()))?;
    let mut dst = Image::new(dw, dh, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    resizer
        .resize(&src, &mut dst, &options)
        .map_err(|e| internal(&e.to_string()))?;
    Ok(dst.into_vec())
}

impl Worker {
    pub fn new() -> Worker {
        Worker::default()
    }

    /// Makes the master and thumbnail of one file, or says why it cannot.
    pub fn process(&mut self, bytes: &[u8]) -> Result<Processed, Refusal> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(refuse(
                "too_large_file",
                format!(
                    "berkas terlalu besar (paling besar {} MB)",
                    MAX_FILE_BYTES >> 20
                ),
                format!(
                    "the file is too large (at most {} MB)",
                    MAX_FILE_BYTES >> 20
                ),
            ));
        }
        let format = sniff(bytes)?;
        if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
            return Err(refuse(
                "truncated",
                "berkas JPEG terpotong atau rusak (tanda akhirnya tidak ada); salin ulang dari ponsel",
                "the JPEG file is cut short or damaged (its end marker is missing); copy it again from the phone",
            ));
        }
        let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(512 * 1024 * 1024);
        reader.limits(limits);
        let unreadable = |e: image::ImageError| {
            refuse(
                "unreadable",
                format!("gambar tidak dapat dibaca ({e})"),
                format!("the image cannot be read ({e})"),
            )
        };
        let mut decoder = reader.into_decoder().map_err(|e| match e {
            // The header alone says how big; read it again (no pixels) to name the size.
            image::ImageError::Limits(_) => too_big_error(
                ImageReader::with_format(Cursor::new(bytes), format)
                    .into_dimensions()
                    .ok(),
            ),
            other => unreadable(other),
        })?;
        let (w, h) = decoder.dimensions();
        // `into_decoder` does not enforce the allocation limit: check before any pixel exists.
        if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
            return Err(too_big_error(Some((w, h))));
        }
        if w == 0 || h == 0 {
            return Err(unreadable(image::ImageError::Limits(
                image::error::LimitError::from_kind(image::error::LimitErrorKind::DimensionError),
            )));
        }
        let orientation = decoder
            .orientation()
            .unwrap_or(image::metadata::Orientation::NoTransforms);
        let owned;
        let rgb: &[u8] = if decoder.color_type() == ColorType::Rgb8 {
            let n =
                usize::try_from(decoder.total_bytes()).map_err(|_| too_big_error(Some((w, h))))?;
            if self.buffer.len() < n {
                self.buffer.resize(n, 0);
            }
            decoder
                .read_image(&mut self.buffer[..n])
                .map_err(unreadable)?;
            &self.buffer[..n]
        } else {
            owned = flatten(DynamicImage::from_decoder(decoder).map_err(unreadable)?).into_raw();
            &owned
        };
        let (mw, mh) = fit(w, h, MASTER_EDGE);
        let master_px = resize(&mut self.resizer, rgb, w, h, mw, mh)?;
        use image::metadata::Orientation as O;
        let turned = matches!(
            orientation,
            O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH
        );
        // Turned upright into the decode buffer, which is free again and large enough: no
        // second master-sized allocation per photo (it kept two workers over 160 MiB).
        let (uw, uh) = if turned { (mh, mw) } else { (mw, mh) };
        let n = uw as usize * uh as usize * 3;
        let upright: &[u8] = if orientation == O::NoTransforms {
            &master_px
        } else {
            if self.buffer.len() < n {
                self.buffer.resize(n, 0);
            }
            orient_into(&master_px, mw, mh, orientation, &mut self.buffer[..n]);
            &self.buffer[..n]
        };
        let (mw, mh) = (uw, uh);
        let (tw, th) = fit(mw, mh, THUMB_EDGE);
        let thumb_px = resize(&mut self.resizer, upright, mw, mh, tw, th)?;
        let quality = quality::assess(&thumb_px, tw, th);
        let (ow, oh) = if turned { (h, w) } else { (w, h) };
        Ok(Processed {
            master: encode(upright, mw, mh, MASTER_QUALITY)?,
            thumb: encode(&thumb_px, tw, th, THUMB_QUALITY)?,
            width: mw,
            height: mh,
            original_width: ow,
            original_height: oh,
            source_format: match format {
                ImageFormat::Png => "png",
                ImageFormat::WebP => "webp",
                _ => "jpeg",
            },
            quality,
        })
    }
}

/// Cuts a rectangle out of a stored master (JPEG) and scales it to `width`×`height`, as JPEG:
/// the framed 1:1, 4:5 and 9:16 images, made on demand so the master is never changed.
pub fn render_frame(
    master: &[u8],
    crop: (u32, u32, u32, u32),
    size: (u32, u32),
    quality: u8,
) -> Result<Vec<u8>, Refusal> {
    render_frame_from(&decode_master(master)?, crop, size, quality)
}

/// A stored master's pixels, to cut several frames from one decode.
pub fn decode_master(master: &[u8]) -> Result<RgbImage, Refusal> {
    Ok(
        image::load_from_memory_with_format(master, ImageFormat::Jpeg)
            .map_err(|e| internal(&e.to_string()))?
            .into_rgb8(),
    )
}

/// As [`render_frame`], from decoded pixels.
pub fn render_frame_from(
    img: &RgbImage,
    (x, y, w, h): (u32, u32, u32, u32),
    (width, height): (u32, u32),
    quality: u8,
) -> Result<Vec<u8>, Refusal> {
    let (mw, mh) = img.dimensions();
    if w == 0 || h == 0 || x + w > mw || y + h > mh {
        return Err(internal("frame outside the photo"));
    }
    let mut cut = Vec::with_capacity(w as usize * h as usize * 3);
    for row in y..y + h {
        let start = (row as usize * mw as usize + x as usize) * 3;
        cut.extend_from_slice(&img.as_raw()[start..start + w as usize * 3]);
    }
    let px = resize(&mut Resizer::new(), &cut, w, h, width, height)?;
    encode_by_rows(&px, width, height, quality)
}

fn too_big_error(size: Option<(u32, u32)>) -> Refusal {
    let dims = size.map(|(w, h)| format!(" ({w}×{h})")).unwrap_or_default();
    refuse(
        "too_large_image",
        format!(
            "gambar terlalu besar{dims}; paling besar {MAX_SIDE} piksel per sisi dan 100 megapiksel"
        ),
        format!("image too large{dims}; at most {MAX_SIDE} pixels a side and 100 megapixels"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turning_in_place_matches_the_image_crate() {
        use image::metadata::Orientation as O;
        let src = RgbImage::from_fn(5, 3, |x, y| {
            image::Rgb([x as u8 * 40, y as u8 * 80, (x + y) as u8])
        });
        for o in [
            O::NoTransforms,
            O::FlipHorizontal,
            O::Rotate180,
            O::FlipVertical,
            O::Rotate90FlipH,
            O::Rotate90,
            O::Rotate270FlipH,
            O::Rotate270,
        ] {
            let mut expected = DynamicImage::ImageRgb8(src.clone());
            expected.apply_orientation(o);
            let mut dst = vec![0u8; 5 * 3 * 3];
            orient_into(src.as_raw(), 5, 3, o, &mut dst);
            assert_eq!(dst, expected.into_rgb8().into_raw(), "{o:?}");
        }
    }

    #[test]
    fn boxes_keep_the_aspect_ratio() {
        assert_eq!(fit(4000, 3000, 2560), (2560, 1920));
        assert_eq!(fit(3000, 4000, 400), (300, 400));
        assert_eq!(fit(800, 600, 2560), (800, 600));
    }

    #[test]
    fn a_jpeg_without_its_end_marker_is_incomplete() {
        let mut px = Vec::new();
        jpeg_encoder::Encoder::new(&mut px, 80)
            .encode(&[128u8; 16 * 16 * 3], 16, 16, jpeg_encoder::ColorType::Rgb)
            .expect("encode");
        assert!(jpeg_is_complete(&px));
        assert!(!jpeg_is_complete(&px[..px.len() / 2]));
        assert!(!jpeg_is_complete(&px[..px.len() - 2]));
    }
}
