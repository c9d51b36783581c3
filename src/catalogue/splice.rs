//! Stacks two baseline JPEGs of the same width without decoding the upper one: the social
//! images are a framed photo with a text band over its bottom rows, and re-encoding the
//! photo's 1–2 megapixels for each of 300 images was most of a catalogue build. Both parts
//! are written by the same encoder with the same tables and a restart marker after every row
//! of blocks, so each row of blocks is a self-contained run of bytes: the photo's rows above
//! the band are copied as they are and the band's rows follow, their restart markers
//! renumbered. Only the band is ever encoded.

use crate::error::{Error, Result};

/// What the parser learnt about one JPEG.
struct Parsed<'a> {
    /// From the start of the file to the end of the scan header.
    header: &'a [u8],
    /// Offset of the two height bytes inside `header`.
    height_at: usize,
    width: u16,
    height: u16,
    /// Height of one row of blocks, in pixels.
    row_height: u16,
    /// Entropy-coded data, without the end-of-image marker.
    scan: &'a [u8],
    /// Offsets in `scan` of every restart marker.
    restarts: Vec<usize>,
}

fn bad(what: &str) -> Error {
    Error::Internal(format!("JPEG splice: {what}"))
}

fn parse(jpeg: &[u8]) -> Result<Parsed<'_>> {
    if jpeg.len() < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8 {
        return Err(bad("not a JPEG"));
    }
    let mut at = 2;
    let mut sof: Option<(usize, u16, u16, u16, u16)> = None;
    let mut restart_interval = 0u16;
    loop {
        if at + 4 > jpeg.len() || jpeg[at] != 0xFF {
            return Err(bad("broken segment"));
        }
        let marker = jpeg[at + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        let body = at + 4;
        let end = at + 2 + len;
        if len < 2 || end > jpeg.len() {
            return Err(bad("segment past the end"));
        }
        match marker {
            0xC0 => {
                // Baseline only: P, Y, X, Nf, then three bytes per component.
                if len < 8 {
                    return Err(bad("short frame header"));
                }
                let height = u16::from_be_bytes([jpeg[body + 1], jpeg[body + 2]]);
                let width = u16::from_be_bytes([jpeg[body + 3], jpeg[body + 4]]);
                let n = usize::from(jpeg[body + 5]);
                if len != 8 + 3 * n || n == 0 {
                    return Err(bad("frame header length"));
                }
                let (mut h_max, mut v_max) = (1u16, 1u16);
                for c in 0..n {
                    let hv = jpeg[body + 6 + 3 * c + 1];
                    h_max = h_max.max(u16::from(hv >> 4));
                    v_max = v_max.max(u16::from(hv & 0x0F));
                }
                sof = Some((body + 1, width, height, 8 * h_max, 8 * v_max));
            }
            0xC1..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(bad("not a baseline JPEG"));
            }
            0xDD => {
                if len != 4 {
                    return Err(bad("restart interval length"));
                }
                restart_interval = u16::from_be_bytes([jpeg[body], jpeg[body + 1]]);
            }
            0xDA => {
                let (height_at, width, height, block_w, row_height) =
                    sof.ok_or_else(|| bad("no frame header"))?;
                let per_row = width.div_ceil(block_w);
                if restart_interval == 0 || restart_interval != per_row {
                    return Err(bad("no restart marker after every row"));
                }
                let scan_start = end;
                let mut restarts = Vec::new();
                let mut i = scan_start;
                while i + 1 < jpeg.len() {
                    if jpeg[i] == 0xFF {
                        match jpeg[i + 1] {
                            0x00 => i += 2,
                            0xD0..=0xD7 => {
                                restarts.push(i - scan_start);
                                i += 2;
                            }
                            0xD9 => {
                                let rows = usize::from(height.div_ceil(row_height));
                                if restarts.len() + 1 != rows {
                                    return Err(bad("restart markers do not match the rows"));
                                }
                                return Ok(Parsed {
                                    header: &jpeg[..scan_start],
                                    height_at,
                                    width,
                                    height,
                                    row_height,
                                    scan: &jpeg[scan_start..i],
                                    restarts,
                                });
                            }
                            _ => return Err(bad("unexpected marker in the scan")),
                        }
                    } else {
                        i += 1;
                    }
                }
                return Err(bad("no end of image"));
            }
            0xD8 | 0xD9 | 0xD0..=0xD7 | 0x01 => return Err(bad("misplaced marker")),
            _ => {}
        }
        at = end;
    }
}

/// Puts `bottom` over the last rows of `top`: the result is `top`'s size, `top`'s rows above
/// the band unchanged and `bottom`'s pixels below. Both must come from
/// [`etalase_pipeline::pipeline::encode_by_rows`] at the same quality and width, and `top`'s
/// height minus `bottom`'s must be a whole number of block rows ([`band_height`]).
pub fn stack(top: &[u8], bottom: &[u8]) -> Result<Vec<u8>> {
    let t = parse(top)?;
    let b = parse(bottom)?;
    if t.width != b.width {
        return Err(bad("widths differ"));
    }
    if b.height >= t.height || (t.height - b.height) % t.row_height != 0 {
        return Err(bad("the band does not end a row of blocks"));
    }
    // Same tables, sampling and restart interval: the headers differ only in the height.
    let mut th = t.header.to_vec();
    let mut bh = b.header.to_vec();
    th[t.height_at..t.height_at + 2].fill(0);
    if b.height_at >= bh.len() {
        return Err(bad("frame header"));
    }
    bh[b.height_at..b.height_at + 2].fill(0);
    if th != bh {
        return Err(bad("the two parts were not encoded alike"));
    }
    let kept = usize::from((t.height - b.height) / t.row_height);
    let cut = t.restarts[kept - 1] + 2;
    let mut out = Vec::with_capacity(t.header.len() + cut + b.scan.len() + 2);
    out.extend_from_slice(t.header);
    out.extend_from_slice(&t.scan[..cut]);
    let mut from = 0;
    for (j, &r) in b.restarts.iter().enumerate() {
        out.extend_from_slice(&b.scan[from..r]);
        out.extend_from_slice(&[0xFF, 0xD0 + ((kept + j) % 8) as u8]);
        from = r + 2;
    }
    out.extend_from_slice(&b.scan[from..]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    Ok(out)
}

/// The band height to encode for an image `height` pixels tall whose band is drawn `drawn`
/// pixels tall: the smallest height at least `drawn` that leaves whole block rows above.
pub fn band_height(height: u32, drawn: u32, quality: u8) -> u32 {
    let row = etalase_pipeline::pipeline::block_row_height(quality);
    let above = height.saturating_sub(drawn) / row * row;
    height - above
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_pipeline::pipeline::encode_by_rows;

    fn solid(w: u32, h: u32, f: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
        let mut v = Vec::with_capacity((w * h * 3) as usize);
        for y in 0..h {
            for x in 0..w {
                v.extend_from_slice(&f(x, y));
            }
        }
        v
    }

    fn decode(jpeg: &[u8]) -> image::RgbImage {
        image::load_from_memory(jpeg).expect("decodes").into_rgb8()
    }

    #[test]
    fn stacked_image_has_the_photo_above_and_the_band_below() {
        for (h, q) in [(1080u32, 88u8), (1350, 88), (1920, 88), (1080, 92)] {
            let w = 1080;
            let photo = solid(w, h, |x, y| [(x % 256) as u8, (y % 256) as u8, 90]);
            let top = encode_by_rows(&photo, w, h, q).expect("encode");
            let bh = band_height(h, 300, q);
            assert!((300..316).contains(&bh), "{bh}");
            let band = solid(w, bh, |_, _| [200, 30, 40]);
            let bottom = encode_by_rows(&band, w, bh, q).expect("encode");
            let out = stack(&top, &bottom).expect("stack");
            let img = decode(&out);
            assert_eq!(img.dimensions(), (w, h));
            let reference = decode(&top);
            // Well above the seam the photo's pixels are exactly the photo's decoded pixels.
            for y in [0, 100, h - bh - 32] {
                for x in [0, 500, 1079] {
                    assert_eq!(
                        img.get_pixel(x, y),
                        reference.get_pixel(x, y),
                        "({x},{y}) h={h}"
                    );
                }
            }
            // Below it, the band's colour.
            for y in [h - bh + 8, h - 1] {
                let p = img.get_pixel(540, y).0;
                assert!(
                    p.iter()
                        .zip([200u8, 30, 40])
                        .all(|(a, b)| a.abs_diff(b) < 8),
                    "{p:?} at {y}, h={h}"
                );
            }
        }
    }

    #[test]
    fn parts_encoded_differently_are_refused() {
        let w = 640;
        let top = encode_by_rows(&solid(w, 480, |_, _| [1, 2, 3]), w, 480, 88).expect("encode");
        let other_quality =
            encode_by_rows(&solid(w, 160, |_, _| [9, 9, 9]), w, 160, 70).expect("encode");
        assert!(stack(&top, &other_quality).is_err());
        let narrower =
            encode_by_rows(&solid(320, 160, |_, _| [9, 9, 9]), 320, 160, 88).expect("encode");
        assert!(stack(&top, &narrower).is_err());
        let off_row = encode_by_rows(&solid(w, 150, |_, _| [9, 9, 9]), w, 150, 88).expect("encode");
        assert!(stack(&top, &off_row).is_err());
        let plain =
            etalase_pipeline::pipeline::encode(&solid(w, 480, |_, _| [1, 2, 3]), w, 480, 88)
                .expect("encode");
        let band = encode_by_rows(&solid(w, 160, |_, _| [9, 9, 9]), w, 160, 88).expect("encode");
        assert!(stack(&plain, &band).is_err(), "no restart markers");
        assert!(stack(&top[..top.len() / 2], &band).is_err(), "truncated");
        assert!(stack(b"not a jpeg", &band).is_err());
        assert!(stack(&top, &band).is_ok());
    }
}
