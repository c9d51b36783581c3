//! The photo pipeline: orientation, metadata stripped, hostile files refused, content stored
//! once, look-alikes flagged, the protocol mapping only ids to bytes (T14–T17).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use etalase::Registry;
use etalase::photo::import::{PhotoImportReport, PhotoStatus};
use etalase::photo::protocol;
use etalase::photo::{Frame, Variant};
use etalase::product::ProductDraft;
use etalase::vendor::VendorDraft;
use image::{DynamicImage, GenericImageView, Rgb, RgbImage};

use crate::support::{AddVendor, draft, dump, registry};

pub fn product(r: &Registry, vendor_id: &str, name: &str) -> String {
    r.create_product(
        vendor_id,
        &ProductDraft {
            name: name.into(),
            category: "makanan-minuman".into(),
            price: "25.000".into(),
            ..Default::default()
        },
    )
    .expect("product")
    .id
}

fn vendor_with_product(r: &Registry) -> (String, String) {
    let v = r.add_vendor(&draft()).expect("vendor");
    let p = product(r, &v.id, "Kue Lapis");
    (v.id, p)
}

/// An EXIF block (APP1 payload) with an orientation, a camera make and GPS coordinates.
fn exif(orientation: u16) -> Vec<u8> {
    let make = b"CANARY-CAM-4711\0";
    let mut t = Vec::new();
    t.extend(b"Exif\0\0MM\0\x2a\0\0\0\x08");
    // IFD0: Orientation, Make, GPS IFD pointer.
    t.extend(3u16.to_be_bytes());
    t.extend(0x0112u16.to_be_bytes());
    t.extend(3u16.to_be_bytes());
    t.extend(1u32.to_be_bytes());
    t.extend(orientation.to_be_bytes());
    t.extend([0, 0]);
    let data_at = 8 + 2 + 3 * 12 + 4;
    t.extend(0x010Fu16.to_be_bytes());
    t.extend(2u16.to_be_bytes());
    t.extend((make.len() as u32).to_be_bytes());
    t.extend((data_at as u32).to_be_bytes());
    let gps_at = data_at + make.len();
    t.extend(0x8825u16.to_be_bytes());
    t.extend(4u16.to_be_bytes());
    t.extend(1u32.to_be_bytes());
    t.extend((gps_at as u32).to_be_bytes());
    t.extend(0u32.to_be_bytes());
    t.extend(make);
    // GPS IFD: latitude ref "S".
    t.extend(1u16.to_be_bytes());
    t.extend(0x0001u16.to_be_bytes());
    t.extend(2u16.to_be_bytes());
    t.extend(2u32.to_be_bytes());
    t.extend(b"S\0\0\0");
    t.extend(0u32.to_be_bytes());
    t
}

fn jpeg(img: &RgbImage, orientation: Option<u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 92);
    if let Some(o) = orientation {
        enc.add_app_segment(1, exif(o)).expect("app1");
    }
    enc.encode(
        img.as_raw(),
        img.width() as u16,
        img.height() as u16,
        jpeg_encoder::ColorType::Rgb,
    )
    .expect("encode");
    out
}

/// A picture whose four quarters have four colours, so any turn or flip shows.
fn quarters(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| match (x < w / 2, y < h / 2) {
        (true, true) => Rgb([220, 30, 30]),
        (false, true) => Rgb([30, 200, 30]),
        (true, false) => Rgb([30, 30, 220]),
        (false, false) => Rgb([240, 240, 240]),
    })
}

/// A photo-like picture: a shaded disc on a textured ground, different for each seed.
pub fn product_shot(w: u32, h: u32, seed: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
        let d =
            ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt() / (w.min(h) as f32 / 3.0);
        let noise =
            ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed.wrapping_mul(31)) % 17) as u8;
        if d < 1.0 {
            let shade = (200.0 * (1.0 - d * 0.6)) as u8;
            Rgb([
                shade,
                (shade / 2).wrapping_add((seed * 40) as u8),
                40 + noise,
            ])
        } else {
            let stripe = if (x / 16 + y / 16) % 2 == 0 { 190 } else { 170 };
            Rgb([stripe + noise, stripe + noise, stripe - 10 + noise])
        }
    })
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn import(r: &Registry, product: &str, files: &[PathBuf]) -> PhotoImportReport {
    r.import_photos(product, files, 2, &AtomicBool::new(false), &mut |_| {})
        .expect("import")
}

#[test]
fn every_exif_orientation_comes_out_upright() {
    let (dir, r) = registry();
    let (_, p) = vendor_with_product(&r);
    let upright = quarters(96, 48);
    use image::metadata::Orientation as O;
    // How each orientation's raw pixels are stored, so that applying it gives `upright`.
    let stored_as = [
        (1, O::NoTransforms),
        (2, O::FlipHorizontal),
        (3, O::Rotate180),
        (4, O::FlipVertical),
        (5, O::Rotate90FlipH),
        (6, O::Rotate270),
        (7, O::Rotate270FlipH),
        (8, O::Rotate90),
    ];
    for (tag, inverse) in stored_as {
        let mut raw = DynamicImage::ImageRgb8(upright.clone());
        raw.apply_orientation(inverse);
        let file = write(
            dir.path(),
            &format!("o{tag}.jpg"),
            &jpeg(&raw.into_rgb8(), Some(tag)),
        );
        let report = import(&r, &p, &[file]);
        let id = report.outcomes[0]
            .photo_id
            .clone()
            .unwrap_or_else(|| panic!("{tag}: {:?}", report.outcomes[0]));
        let master = image::load_from_memory(&r.photo_bytes(&id, Variant::Master).expect("bytes"))
            .expect("decode");
        assert_eq!(master.dimensions(), (96, 48), "orientation {tag}");
        for (x, y) in [(20, 10), (76, 10), (20, 38), (76, 38)] {
            let got = master.get_pixel(x, y);
            let want = upright.get_pixel(x, y);
            let close = (0..3).all(|c| (i32::from(got[c]) - i32::from(want[c])).abs() < 40);
            assert!(close, "orientation {tag} at ({x},{y}): {got:?} vs {want:?}");
        }
    }
}

#[test]
fn no_metadata_survives_and_both_sizes_are_made() {
    let (dir, r) = registry();
    let (_, p) = vendor_with_product(&r);
    let file = write(
        dir.path(),
        "gps.jpg",
        &jpeg(&product_shot(3000, 2000, 1), Some(6)),
    );
    let report = import(&r, &p, &[file]);
    let id = report.outcomes[0].photo_id.clone().expect("stored");
    for variant in [Variant::Master, Variant::Thumb] {
        let bytes = r.photo_bytes(&id, variant).expect("bytes");
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{variant:?} has EXIF"
        );
        assert!(
            !bytes.windows(6).any(|w| w == b"CANARY"),
            "{variant:?} has the camera make"
        );
        assert!(
            !bytes.windows(4).any(|w| w == b"http"),
            "{variant:?} has XMP"
        );
    }
    let photo = &r.photos(&p).expect("photos")[0];
    // Orientation 6 turns 3000×2000 upright to 2000×3000; the master's long edge is 2560.
    assert_eq!((photo.original_width, photo.original_height), (2000, 3000));
    assert_eq!((photo.width, photo.height), (1707, 2560));
    let thumb = image::load_from_memory(&r.photo_bytes(&id, Variant::Thumb).expect("thumb"))
        .expect("decode");
    assert_eq!(thumb.dimensions(), (267, 400));
}

#[test]
fn hostile_files_are_refused_by_name_and_nothing_is_written() {
    let (dir, r) = registry();
    let (_, p) = vendor_with_product(&r);
    let d = dir.path();
    // A valid 1×1 PNG whose header is changed to claim 60000×60000.
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(RgbImage::new(1, 1))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    let whole = jpeg(&product_shot(800, 600, 2), None);
    let files = [
        write(d, "bom.png", &png),
        write(d, "terpotong.jpg", &whole[..whole.len() * 6 / 10]),
        write(d, "catatan.jpg", b"bukan foto, hanya teks"),
        write(d, "kosong.jpg", b""),
        write(d, "iphone.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
    ];
    let before = dump(&r);
    let report = import(&r, &p, &files);
    assert_eq!(report.refused, 5, "{:?}", report.outcomes);
    let codes: Vec<(&str, &str)> = report
        .outcomes
        .iter()
        .map(|o| (o.file.as_str(), o.code.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        codes,
        [
            ("bom.png", "too_large_image"),
            ("terpotong.jpg", "truncated"),
            ("catatan.jpg", "not_an_image"),
            ("kosong.jpg", "empty"),
            ("iphone.heic", "heic"),
        ]
    );
    for o in &report.outcomes {
        let reason = o.reason.as_ref().expect("reason");
        assert!(!reason.id.is_empty() && !reason.en.is_empty());
    }
    assert!(
        report.outcomes[0]
            .reason
            .as_ref()
            .expect("reason")
            .en
            .contains("60000×60000")
    );
    assert_eq!(dump(&r), before, "refused files write nothing");
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let (dir, r) = registry();
    let (_, p) = vendor_with_product(&r);
    let d = dir.path();
    let files = [
        write(d, "a.jpg", &jpeg(&product_shot(900, 900, 3), None)),
        write(d, "rusak.jpg", b"\xFF\xD8\xFF garbage"),
        write(d, "b.jpg", &jpeg(&product_shot(900, 700, 4), None)),
    ];
    let mut seen = Vec::new();
    let report = r
        .import_photos(&p, &files, 2, &AtomicBool::new(false), &mut |pr| {
            seen.push((pr.done, pr.total))
        })
        .expect("import");
    assert_eq!((report.added, report.refused), (2, 1));
    assert_eq!(seen.len(), 3);
    assert_eq!(seen.last(), Some(&(3, 3)));
    let photos = r.photos(&p).expect("photos");
    assert_eq!(photos.len(), 2);
    assert!(photos[0].cover && !photos[1].cover);
}

#[test]
fn the_same_picture_is_stored_once_and_a_copy_elsewhere_is_flagged() {
    let (dir, r) = registry();
    let (_, p1) = vendor_with_product(&r);
    let shot = product_shot(1200, 900, 5);
    let file = write(dir.path(), "sama.jpg", &jpeg(&shot, None));
    assert_eq!(import(&r, &p1, std::slice::from_ref(&file)).added, 1);
    let again = import(&r, &p1, std::slice::from_ref(&file));
    assert_eq!(again.outcomes[0].status, PhotoStatus::AlreadyThere);
    let other_vendor = r
        .add_vendor(&VendorDraft {
            name: "Toko Lain Sekali".into(),
            phone: "0813-2222-3333".into(),
            ..draft()
        })
        .expect("other vendor");
    let p2 = product(&r, &other_vendor.id, "Kue Serupa");
    // The same file for another product: linked, not stored again.
    assert_eq!(import(&r, &p2, std::slice::from_ref(&file)).added, 1);
    let blobs: i64 = r
        .read(|c| Ok(c.query_row("SELECT count(*) FROM photo_blob", [], |x| x.get(0))?))
        .expect("count");
    assert_eq!(blobs, 1, "one copy of the pixels");
    // The same picture re-saved brighter (other bytes): flagged as another vendor's picture.
    let mut brighter = shot.clone();
    for px in brighter.pixels_mut() {
        px.0 = px.0.map(|c| c.saturating_add(12));
    }
    let copy = write(dir.path(), "salinan.jpg", &jpeg(&brighter, None));
    let (_, p3) = {
        let v = r
            .add_vendor(&VendorDraft {
                name: "Usaha Ketiga".into(),
                phone: "0813-4444-5555".into(),
                ..draft()
            })
            .expect("third");
        let p = product(&r, &v.id, "Kue Tiruan");
        (v.id, p)
    };
    import(&r, &p3, &[copy]);
    let flags = &r.photos(&p3).expect("photos")[0].flags;
    assert!(
        flags.iter().any(|f| f.code == "same_as_other_vendor"),
        "{flags:?}"
    );
    let own = &r.photos(&p1).expect("photos")[0].flags;
    assert!(
        own.iter().any(|f| f.code == "same_as_other_vendor"),
        "the first vendor is told too"
    );
}

#[test]
fn small_dark_and_blurred_photos_are_flagged() {
    let (dir, r) = registry();
    let (_, p) = vendor_with_product(&r);
    let tiny = write(
        dir.path(),
        "kecil.jpg",
        &jpeg(&product_shot(250, 200, 6), None),
    );
    let dark = write(
        dir.path(),
        "gelap.jpg",
        &jpeg(&RgbImage::from_pixel(800, 800, Rgb([12, 10, 14])), None),
    );
    import(&r, &p, &[tiny, dark]);
    let photos = r.photos(&p).expect("photos");
    let codes = |i: usize| {
        photos[i]
            .flags
            .iter()
            .map(|f| f.code.clone())
            .collect::<Vec<_>>()
    };
    assert!(
        codes(0).contains(&"too_small_for_cover".to_owned()),
        "{:?}",
        codes(0)
    );
    assert!(codes(1).contains(&"dark".to_owned()), "{:?}", codes(1));
    assert!(
        codes(1).contains(&"blurry".to_owned()),
        "a flat picture has no sharp edges"
    );
}

#[test]
fn covers_removals_and_framings() {
    let (dir, r) = registry();
    let (_, p) = vendor_with_product(&r);
    let files: Vec<PathBuf> = (0..3)
        .map(|i| {
            write(
                dir.path(),
                &format!("{i}.jpg"),
                &jpeg(&product_shot(1600, 1200, 10 + i), None),
            )
        })
        .collect();
    import(&r, &p, &files);
    let photos = r.photos(&p).expect("photos");
    let third = photos[2].id.clone();
    let after = r.set_cover(&third).expect("cover");
    assert_eq!(after[0].id, third);
    assert!(after[0].cover);
    assert_eq!(after.len(), 3);
    // The centred 1:1 of 1600×1200 is 1200×1200 at x=200.
    let square = after[0]
        .crops
        .iter()
        .find(|c| c.frame == Frame::Square)
        .expect("1:1");
    assert_eq!(
        (square.crop.x, square.crop.w, square.chosen),
        (200, 1200, false)
    );
    let moved = etalase::photo::Crop {
        x: 0,
        y: 0,
        w: 1200,
        h: 1200,
    };
    let after = r
        .set_crop(&third, Frame::Square, Some(moved))
        .expect("crop");
    let square = after[0]
        .crops
        .iter()
        .find(|c| c.frame == Frame::Square)
        .expect("1:1");
    assert_eq!((square.crop, square.chosen), (moved, true));
    let wrong = etalase::photo::Crop {
        x: 0,
        y: 0,
        w: 1200,
        h: 900,
    };
    assert_eq!(
        r.set_crop(&third, Frame::Square, Some(wrong))
            .expect_err("ratio")
            .code(),
        "invalid"
    );
    let outside = etalase::photo::Crop {
        x: 1000,
        y: 0,
        w: 1200,
        h: 1200,
    };
    assert!(r.set_crop(&third, Frame::Square, Some(outside)).is_err());
    let story = r.framed_photo(&third, Frame::Story, 1920).expect("9:16");
    let img = image::load_from_memory(&story).expect("decode");
    assert_eq!(img.dimensions(), (1080, 1920));
    let remaining = r.remove_photo(&third).expect("remove");
    assert_eq!(remaining.len(), 2);
    assert!(remaining[0].cover);
    let blobs: i64 = r
        .read(|c| Ok(c.query_row("SELECT count(*) FROM photo_blob", [], |x| x.get(0))?))
        .expect("count");
    assert_eq!(blobs, 2, "pixels no photo uses are removed");
}

#[test]
fn the_protocol_serves_known_ids_and_nothing_else() {
    let (dir, r) = registry();
    let (_, p) = vendor_with_product(&r);
    let canary = dir.path().join("canary.txt");
    std::fs::write(&canary, "secret").expect("canary");
    let file = write(
        dir.path(),
        "foto.jpg",
        &jpeg(&product_shot(900, 900, 20), None),
    );
    let id = import(&r, &p, &[file]).outcomes[0]
        .photo_id
        .clone()
        .expect("id");
    let ok = protocol::respond(&r, &format!("/{id}/thumb"));
    assert_eq!((ok.status, ok.content_type), (200, "image/jpeg"));
    assert!(
        ok.headers()
            .contains(&("X-Content-Type-Options", "nosniff"))
    );
    assert_eq!(
        protocol::respond(&r, &format!("/{id}/master?v=2")).status,
        200
    );
    assert_eq!(protocol::respond(&r, &format!("/{id}/1x1")).status, 200);
    let long = format!("/{}/thumb", "a".repeat(10_000));
    for (path, want) in [
        ("/../../canary.txt", 400),
        ("/%2e%2e%2fcanary.txt/thumb", 400),
        ("/..%2F..%2Fcanary.txt/thumb", 400),
        (canary.to_str().expect("path"), 400),
        ("/0190aaaa-0000-7000-8000-000000000000/thumb", 404),
        ("/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz/thumb", 400),
        (&format!("/{id}/original"), 400),
        (&format!("/{id}/thumb/extra"), 400),
        (&long, 400),
        ("", 400),
    ] {
        let answer = protocol::respond(&r, path);
        assert_eq!(answer.status, want, "{path}");
        assert!(answer.body.is_empty());
        assert!(
            answer
                .headers()
                .contains(&("X-Content-Type-Options", "nosniff"))
        );
    }
}

#[test]
fn erasing_a_vendor_erases_its_products_and_pictures() {
    let (dir, r) = registry();
    let (v, p) = vendor_with_product(&r);
    let file = write(
        dir.path(),
        "foto.jpg",
        &jpeg(&product_shot(900, 900, 30), None),
    );
    import(&r, &p, &[file]);
    r.erase_vendor(&v).expect("erase");
    let counts: (i64, i64, i64) = r
        .read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM product_photo),
                        (SELECT count(*) FROM photo_blob)",
                [],
                |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?)),
            )?)
        })
        .expect("counts");
    assert_eq!(counts, (0, 0, 0));
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn each_channel_says_whether_the_photos_are_ready() {
    let (dir, r) = registry();
    let (v, p) = vendor_with_product(&r);
    let readiness = r.photo_readiness(&p).expect("readiness");
    assert_eq!(readiness.len(), 5);
    assert!(
        readiness.iter().all(|c| !c.ready),
        "no photo: nothing is ready"
    );
    // A 550 px cover: enough for Tokopedia (300), not for TikTok Shop (600) or Instagram.
    let small = write(
        dir.path(),
        "kecil.jpg",
        &jpeg(&product_shot(550, 550, 40), None),
    );
    import(&r, &p, &[small]);
    let by = |key: &str| {
        r.photo_readiness(&p)
            .expect("readiness")
            .into_iter()
            .find(|c| c.channel == key)
            .expect("channel")
    };
    assert!(by("tokopedia").ready);
    let tiktok = by("tiktok_shop");
    assert!(!tiktok.ready);
    assert!(
        tiktok.problems[0].en.contains("at least 600×600"),
        "{:?}",
        tiktok.problems
    );
    // A photo showing a person needs the owner's consent before any channel.
    let photo = r.photos(&p).expect("photos")[0].id.clone();
    r.set_shows_person(&photo, true).expect("mark");
    assert!(!by("tokopedia").ready);
    r.grant_consent(
        &v,
        etalase::consent::Purpose::PeoplePhotos,
        etalase::consent::ConsentForm::Written,
    )
    .expect("consent");
    assert!(by("tokopedia").ready);
}
