//! What can be told from a photo's pixels: how bright, how sharp, and a perceptual hash that
//! finds the same picture again (a stock photo, or one copied from another vendor).

/// Measured on the thumbnail (about 400 px), so every photo is judged at the same scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    /// Mean luma, 0–255.
    pub brightness: f32,
    /// Variance of the Laplacian of the luma: low means blurred.
    pub sharpness: f32,
    /// 64-bit difference hash (dHash) of the picture.
    pub hash: u64,
}

/// Below this mean luma a photo is too dark to sell anything.
pub const DARK_BELOW: f32 = 60.0;
/// Below this Laplacian variance (at thumbnail scale) a photo looks blurred.
pub const BLURRY_BELOW: f32 = 40.0;
/// Hashes this close (differing bits of 64) are the same picture.
pub const SAME_PICTURE_WITHIN: u32 = 6;
/// Shorter sides than these warn, and cannot be a cover.
pub const SMALL_BELOW: u32 = 600;
pub const NO_COVER_BELOW: u32 = 300;

fn luma(rgb: &[u8], w: u32, h: u32) -> Vec<f32> {
    rgb.chunks_exact(3)
        .take(w as usize * h as usize)
        .map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]))
        .collect()
}

/// Brightness, sharpness and hash of an RGB image.
pub fn assess(rgb: &[u8], w: u32, h: u32) -> Quality {
    let y = luma(rgb, w, h);
    let (wu, hu) = (w as usize, h as usize);
    let brightness = if y.is_empty() {
        0.0
    } else {
        y.iter().sum::<f32>() / y.len() as f32
    };
    let mut lap = Vec::with_capacity(y.len());
    for r in 1..hu.saturating_sub(1) {
        for c in 1..wu.saturating_sub(1) {
            let i = r * wu + c;
            lap.push(y[i - wu] + y[i + wu] + y[i - 1] + y[i + 1] - 4.0 * y[i]);
        }
    }
    let sharpness = if lap.is_empty() {
        0.0
    } else {
        let mean = lap.iter().sum::<f32>() / lap.len() as f32;
        lap.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / lap.len() as f32
    };
    Quality {
        brightness,
        sharpness,
        hash: dhash(&y, wu, hu),
    }
}

/// Difference hash: the luma shrunk to 9×8 by area averages, one bit per horizontal step.
fn dhash(y: &[f32], w: usize, h: usize) -> u64 {
    if w == 0 || h == 0 {
        return 0;
    }
    let cell = |cx: usize, cy: usize| -> f32 {
        let (x0, x1) = (cx * w / 9, ((cx + 1) * w / 9).max(cx * w / 9 + 1).min(w));
        let (y0, y1) = (cy * h / 8, ((cy + 1) * h / 8).max(cy * h / 8 + 1).min(h));
        let mut sum = 0.0;
        for row in y0..y1 {
            sum += y[row * w + x0..row * w + x1].iter().sum::<f32>();
        }
        sum / ((x1 - x0) * (y1 - y0)) as f32
    };
    let mut bits = 0u64;
    for cy in 0..8 {
        for cx in 0..8 {
            bits = (bits << 1) | u64::from(cell(cx, cy) < cell(cx + 1, cy));
        }
    }
    bits
}

/// How many of the 64 bits differ.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32, shift: u8) -> Vec<u8> {
        let mut v = Vec::new();
        for r in 0..h {
            for c in 0..w {
                let g = (c * 200 / w) as u8 + shift + ((r / 7) as u8 & 0x10);
                v.extend([g, g, g]);
            }
        }
        v
    }

    #[test]
    fn dark_flat_and_busy_pictures_are_told_apart() {
        let dark = vec![10u8; 100 * 100 * 3];
        let q = assess(&dark, 100, 100);
        assert!(q.brightness < DARK_BELOW);
        assert!(q.sharpness < BLURRY_BELOW, "a flat picture has no edges");
        let busy: Vec<u8> = (0..100 * 100)
            .flat_map(|i| {
                let v = if (i / 100 + i % 100) % 2 == 0 { 250 } else { 5 };
                [v, v, v]
            })
            .collect();
        assert!(assess(&busy, 100, 100).sharpness > BLURRY_BELOW);
    }

    #[test]
    fn the_same_picture_brightened_keeps_its_hash_and_another_does_not() {
        let a = assess(&gradient(160, 120, 0), 160, 120).hash;
        let b = assess(&gradient(160, 120, 8), 160, 120).hash;
        let mirrored: Vec<u8> = gradient(160, 120, 0)
            .chunks(160 * 3)
            .flat_map(|row| row.chunks(3).rev().flatten().copied().collect::<Vec<_>>())
            .collect();
        let c = assess(&mirrored, 160, 120).hash;
        assert!(distance(a, b) <= SAME_PICTURE_WITHIN, "{}", distance(a, b));
        assert!(distance(a, c) > SAME_PICTURE_WITHIN, "{}", distance(a, c));
    }
}
