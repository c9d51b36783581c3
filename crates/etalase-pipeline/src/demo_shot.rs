//! Photo-like pictures for the demo registry, made here (nothing is downloaded): a shaded
//! object on a plain or textured ground, with a little noise, so the demo runs the whole photo
//! pipeline on something that looks like a product shot.

use image::{Rgb, RgbImage};

/// A small, fast, deterministic noise source.
fn hash(x: u32, y: u32, seed: u32) -> u32 {
    let mut h =
        x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ seed.wrapping_mul(0xC2B2_AE3D);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^ (h >> 12)
}

/// A product shot as JPEG bytes: `seed` picks the colours, the shape and the ground. Drawn at
/// a quarter of the size and enlarged (drawing pixel by pixel is the slow part), so a demo of a
/// few dozen photos is made in seconds.
pub fn product_shot(seed: u32, width: u32, height: u32) -> Vec<u8> {
    let (dw, dh) = ((width / 4).max(1), (height / 4).max(1));
    let small = draw(seed, dw, dh);
    let mut big =
        fast_image_resize::images::Image::new(width, height, fast_image_resize::PixelType::U8x3);
    let resized = fast_image_resize::images::ImageRef::new(
        dw,
        dh,
        small.as_raw(),
        fast_image_resize::PixelType::U8x3,
    )
    .ok()
    .and_then(|src| {
        let options = fast_image_resize::ResizeOptions::new().resize_alg(
            fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::CatmullRom),
        );
        fast_image_resize::Resizer::new()
            .resize(&src, &mut big, &options)
            .ok()
    });
    let (pixels, w, h) = match resized {
        Some(()) => (big.into_vec(), width, height),
        None => (small.into_raw(), dw, dh),
    };
    let mut out = Vec::new();
    // Our own well-formed buffer always encodes.
    let _ = jpeg_encoder::Encoder::new(&mut out, 88).encode(
        &pixels,
        w as u16,
        h as u16,
        jpeg_encoder::ColorType::Rgb,
    );
    out
}

fn draw(seed: u32, width: u32, height: u32) -> RgbImage {
    let palette: [([u8; 3], [u8; 3]); 6] = [
        ([236, 226, 208], [196, 110, 40]),
        ([214, 228, 236], [150, 40, 60]),
        ([232, 236, 220], [60, 120, 70]),
        ([240, 232, 232], [120, 70, 140]),
        ([226, 220, 212], [30, 90, 150]),
        ([244, 240, 228], [200, 160, 40]),
    ];
    let (ground, object) = palette[seed as usize % palette.len()];
    let textured = seed.is_multiple_of(3);
    // Where the object stands and how the light falls vary with the seed, so no two demo
    // pictures look alike to the near-duplicate check.
    let (cx, cy) = (
        width as f32 * (0.32 + (seed % 7) as f32 * 0.06),
        height as f32 * (0.40 + (seed % 5) as f32 * 0.05),
    );
    let slope = ((seed % 4) as f32 - 1.5) * 0.25;
    // A few things lying around on the table, placed by the seed.
    let props: Vec<(f32, f32, f32, f32, f32)> = (0..3)
        .map(|k| {
            let h = hash(k, seed, 77);
            let px = (h % 1000) as f32 / 1000.0 * width as f32;
            let py = ((h / 1000) % 1000) as f32 / 1000.0 * height as f32;
            let size = 0.08 + ((h / 1_000_000) % 10) as f32 * 0.015;
            let shade = if k % 2 == 0 { 0.7 } else { 1.15 };
            (
                px,
                py,
                size * width as f32,
                size * height as f32 * 1.4,
                shade,
            )
        })
        .collect();
    let (rx, ry) = (
        width as f32 * (0.22 + (seed % 5) as f32 * 0.03),
        height as f32 * (0.26 + (seed % 4) as f32 * 0.03),
    );
    let light = (cx - rx * 0.4, cy - ry * 0.5);
    RgbImage::from_fn(width, height, |x, y| {
        let n = (hash(x, y, seed) % 9) as f32 - 4.0;
        let (fx, fy) = (x as f32, y as f32);
        let d = ((fx - cx) / rx).powi(2) + ((fy - cy) / ry).powi(2);
        let px = if d <= 1.0 {
            // Brighter towards the light, darker at the rim.
            let l = 1.0
                - (((fx - light.0).powi(2) + (fy - light.1).powi(2)).sqrt() / (rx * 2.2)).min(1.0);
            let k = 0.55 + 0.6 * l - 0.25 * d;
            object.map(|c| (f32::from(c) * k + n).clamp(0.0, 255.0) as u8)
        } else {
            // A soft shadow under the object, then the ground.
            let shadow = (((fx - cx) / (rx * 1.1)).powi(2)
                + ((fy - cy - ry * 0.9) / (ry * 0.35)).powi(2))
            .min(1.0);
            let weave = if textured && (x / 3 + y / 3).is_multiple_of(2) {
                -8.0
            } else {
                0.0
            };
            let mut tilt = 1.0 + slope * (fx / width as f32 - fy / height as f32);
            for (px, py, pw, ph, shade) in &props {
                if (fx - px).abs() < *pw && (fy - py).abs() < *ph {
                    tilt *= shade;
                }
            }
            ground.map(|c| {
                (f32::from(c) * (0.75 + 0.25 * shadow) * tilt + weave + n).clamp(0.0, 255.0) as u8
            })
        };
        Rgb(px)
    })
}
