//! The Friday planner: rotation, curation and its revision queue, readiness, the suggestion
//! and its fairness, publishing and its frozen snapshots.

use chrono::{Duration, NaiveDate};
use etalase::Registry;
use etalase::consent::{ConsentForm, Purpose};
use etalase::error::Error;
use etalase::legality::{LegalityDraft, LegalityKind};
use etalase::planner::calendar::Rotation;
use etalase::planner::curation::{Criteria, Mark, ReviewDraft, Verdict};
use etalase::planner::edition::{EditionPlan, EditionState};
use etalase::planner::readiness::Channel;
use etalase::product::ProductDraft;
use etalase::vendor::VendorDraft;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::photos::product_shot;
use crate::support::{AddVendor, registry};

const KECAMATAN: [&str; 5] = ["Tebet", "Gambir", "Menteng", "Cakung", "Cilandak"];

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

/// One JPEG of `side` pixels in `dir` (the same file for every product: stored once).
fn photo_file(dir: &Path, side: u32) -> PathBuf {
    let path = dir.join(format!("shot-{side}.jpg"));
    if !path.exists() {
        product_shot(side, side, 3).save(&path).expect("save jpeg");
    }
    path
}

fn vendor(r: &Registry, n: usize, kecamatan: &str, category: &str) -> String {
    r.add_vendor(&VendorDraft {
        name: format!("Usaha Nomor {n} {kecamatan}"),
        owner: format!("Pemilik {n}"),
        phone: format!("0812{:08}", 10_000_000 + n),
        kecamatan: kecamatan.into(),
        category: category.into(),
        ..Default::default()
    })
    .expect("vendor")
    .id
}

/// A review passing every criterion (shared with the catalogue tests).
pub fn ok_review() -> ReviewDraft {
    ReviewDraft {
        criteria: Criteria {
            legality: Mark::Ok,
            quality: Mark::Ok,
            packaging: Mark::Ok,
            taste: Mark::Ok,
            hygiene: Mark::Ok,
            photo: Mark::Ok,
        },
        reviewer: "Bu Ratna".into(),
        ..Default::default()
    }
}

fn product_draft(name: &str, category: &str) -> ProductDraft {
    ProductDraft {
        name: name.into(),
        description: "Dibuat setiap hari dari bahan pilihan.".into(),
        category: category.into(),
        price: "25.000".into(),
        stock: "20".into(),
        weight_g: "250".into(),
        // Keeps under a week: no P-IRT needed (domain.md §7.3).
        permit_exempt: if category == "makanan-minuman" {
            "fresh".into()
        } else {
            String::new()
        },
        ..Default::default()
    }
}

/// A product with everything an edition needs: consent, a photo, curated "ok".
fn ready_product(
    r: &Registry,
    vendor_id: &str,
    name: &str,
    category: &str,
    photo: &Path,
) -> String {
    let p = r
        .create_product(vendor_id, &product_draft(name, category))
        .expect("product");
    r.import_photos(
        &p.id,
        &[photo.to_owned()],
        1,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("photo");
    if !r.has_consent(vendor_id, Purpose::Publish).expect("consent") {
        r.grant_consent(vendor_id, Purpose::Publish, ConsentForm::Written)
            .expect("grant");
    }
    r.review_product(&p.id, &ok_review()).expect("review");
    p.id
}

fn catalogue_only(friday: &str) -> EditionPlan {
    EditionPlan {
        friday: friday.into(),
        channels: vec!["catalogue".into()],
        quota: Some(2),
        ..Default::default()
    }
}

#[test]
fn the_rotation_runs_a_year_and_skipped_weeks_do_not_break_it() {
    let (_dir, r) = registry();
    // The first editions: culinary on 10 September 2021, fashion and craft a week later.
    assert_eq!(
        r.theme_of(day("2021-09-10")).expect("theme").as_deref(),
        Some("makanan-minuman")
    );
    assert_eq!(
        r.theme_of(day("2021-09-17")).expect("theme").as_deref(),
        Some("fesyen-kerajinan")
    );
    let order = r.rotation().expect("rotation").order;
    assert_eq!(order.len(), 4);
    r.skip_friday("2026-04-03", "Wafat Yesus Kristus")
        .expect("skip Good Friday");
    r.skip_friday("2026-12-25", "Natal")
        .expect("skip Christmas");
    let weeks = r.calendar(day("2026-01-01"), 52).expect("calendar");
    assert_eq!(weeks.len(), 52);
    assert_eq!(weeks[0].friday, "2026-01-02");
    assert_eq!(weeks[0].label.id, "Jumat, 2 Januari 2026");
    let skipped: Vec<&str> = weeks
        .iter()
        .filter(|w| w.skipped)
        .map(|w| w.friday.as_str())
        .collect();
    assert_eq!(skipped, ["2026-04-03", "2026-12-25"]);
    assert!(
        weeks
            .iter()
            .filter(|w| w.skipped)
            .all(|w| w.theme.is_none())
    );
    assert_eq!(
        weeks
            .iter()
            .find(|w| w.skipped)
            .and_then(|w| w.skip_reason.as_deref()),
        Some("Wafat Yesus Kristus")
    );
    // The Fridays that have an edition follow the order without a gap or a repeat.
    let themes: Vec<&str> = weeks.iter().filter_map(|w| w.theme.as_deref()).collect();
    assert_eq!(themes.len(), 50);
    let first = order
        .iter()
        .position(|s| s == themes[0])
        .expect("known theme");
    for (i, theme) in themes.iter().enumerate() {
        assert_eq!(*theme, order[(first + i) % 4], "week {i}");
    }
    // The week after a skipped Friday takes the turn the skipped one would have had.
    let before = r.theme_of(day("2026-03-27")).expect("theme").expect("some");
    let after = r.theme_of(day("2026-04-10")).expect("theme").expect("some");
    let k = order.iter().position(|s| *s == before).expect("pos");
    assert_eq!(after, order[(k + 1) % 4]);
    // Un-skipping gives the week its turn back, and the later weeks shift back.
    r.unskip_friday("2026-04-03").expect("unskip");
    assert_eq!(
        r.theme_of(day("2026-04-03")).expect("theme").as_deref(),
        Some(after.as_str())
    );
    // A different order, from another start.
    let custom = r
        .set_rotation(&Rotation {
            start: "2026-01-02".into(),
            order: vec!["kesehatan".into(), "Fashion".into()],
        })
        .expect("set rotation");
    assert_eq!(custom.order, ["kesehatan", "fesyen-kerajinan"]);
    assert_eq!(
        r.theme_of(day("2026-01-09")).expect("theme").as_deref(),
        Some("fesyen-kerajinan")
    );
    let repeated = r.set_rotation(&Rotation {
        start: "2026-01-02".into(),
        order: vec!["kesehatan".into(), "kesehatan".into()],
    });
    assert!(matches!(repeated, Err(Error::Invalid(_))));
    let not_friday = r.set_rotation(&Rotation {
        start: "2026-01-01".into(),
        order: vec!["kesehatan".into()],
    });
    assert!(matches!(not_friday, Err(Error::Invalid(_))));
}

#[test]
fn a_date_that_is_not_a_friday_is_refused_and_a_skipped_friday_has_no_edition() {
    let (_dir, r) = registry();
    let e = r
        .plan_edition(&EditionPlan {
            friday: "2026-12-03".into(),
            ..Default::default()
        })
        .expect_err("a Thursday");
    let Error::Invalid(fields) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(fields[0].code, "not_a_friday");
    assert!(
        fields[0].message.id.contains("Kamis"),
        "{}",
        fields[0].message.id
    );
    assert!(r.editions().expect("list").is_empty());
    r.skip_friday("2026-12-25", "Natal").expect("skip");
    assert!(matches!(
        r.plan_edition(&EditionPlan {
            friday: "2026-12-25".into(),
            ..Default::default()
        }),
        Err(Error::Conflict(_))
    ));
    let e = r
        .plan_edition(&EditionPlan {
            friday: "2026-12-04".into(),
            theme: "kesehatan".into(),
            hashtags: vec![
                "#JumatBeliLokal".into(),
                "Sehat".into(),
                "#jumatbelilokal".into(),
            ],
            ..Default::default()
        })
        .expect("plan");
    assert_eq!(e.theme, "kesehatan");
    assert_eq!(e.hashtags, ["#JumatBeliLokal", "#Sehat"]);
    assert_eq!(e.state, EditionState::Draft);
    assert_eq!(e.channels.len(), 5);
    // A Friday with an edition cannot be skipped.
    assert!(matches!(
        r.skip_friday("2026-12-04", ""),
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        r.plan_edition(&EditionPlan {
            friday: "2026-12-11".into(),
            hashtags: vec!["#<script>".into()],
            ..Default::default()
        }),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn readiness_names_what_is_missing_for_each_channel() {
    let (dir, r) = registry();
    let v = vendor(&r, 1, "Tebet", "makanan-minuman");
    let long = "Keripik Singkong Balado Pedas Manis Renyah Khas Betawi Asli Tebet Jakarta Selatan";
    let p = r
        .create_product(
            &v,
            &ProductDraft {
                name: long.into(),
                category: "makanan-minuman".into(),
                price: "15000".into(),
                halal_claim: true,
                ..Default::default()
            },
        )
        .expect("product");
    let codes = |r: &Registry| -> Vec<String> {
        r.readiness(&p.id)
            .expect("readiness")
            .gaps
            .into_iter()
            .map(|g| g.code)
            .collect()
    };
    let first = r.readiness(&p.id).expect("readiness");
    for code in [
        "no_publish_consent",
        "no_cover",
        "no_food_permit",
        "halal_without_certificate",
        "name_too_long",
        "no_description",
        "no_weight",
        "no_stock",
    ] {
        assert!(
            codes(&r).iter().any(|c| c == code),
            "{code} missing in {:?}",
            codes(&r)
        );
    }
    assert!(first.ready.is_empty());
    let long_gap = first
        .gaps
        .iter()
        .find(|g| g.code == "name_too_long")
        .expect("gap");
    assert_eq!(
        long_gap.channels,
        [Channel::Tokopedia],
        "Shopee takes 100 characters"
    );
    // Fix it step by step; the score rises and the gaps go.
    r.grant_consent(&v, Purpose::Publish, ConsentForm::Written)
        .expect("consent");
    let pirt = r
        .add_legality(
            &v,
            &LegalityDraft {
                kind: LegalityKind::Pirt,
                number: "P-IRT 2063174010123-29".into(),
                issued_on: String::new(),
                valid_until: String::new(),
                note: String::new(),
            },
        )
        .expect("P-IRT");
    let small = dir.path().join("small.jpg");
    product_shot(520, 520, 1).save(&small).expect("save");
    r.import_photos(&p.id, &[small], 1, &AtomicBool::new(false), &mut |_| {})
        .expect("photo");
    let mut fix = r.product_draft(&p.id).expect("draft");
    fix.legality_ids = vec![pirt.id];
    r.update_product(&p.id, &fix).expect("update");
    let now = r.readiness(&p.id).expect("readiness");
    assert!(now.score > first.score, "{} > {}", now.score, first.score);
    let gaps: Vec<&str> = now.gaps.iter().map(|g| g.code.as_str()).collect();
    assert!(
        !gaps.contains(&"no_food_permit") && !gaps.contains(&"no_publish_consent"),
        "{gaps:?}"
    );
    assert!(
        gaps.contains(&"halal_without_certificate"),
        "no halal certificate yet"
    );
    let cover = now
        .gaps
        .iter()
        .find(|g| g.code == "small_cover")
        .expect("520 px");
    assert!(cover.text.id.contains("600 px"), "{}", cover.text.id);
    assert!(
        !cover.channels.contains(&Channel::Whatsapp) && !cover.channels.contains(&Channel::Shopee)
    );
    assert!(
        cover.channels.contains(&Channel::Catalogue)
            && cover.channels.contains(&Channel::Instagram)
    );
}

#[test]
fn the_suggestion_respects_theme_quota_readiness_and_curation() {
    let (dir, r) = registry();
    let photo = photo_file(dir.path(), 700);
    let mut ready_food = Vec::new();
    // Three kecamatan with four ready food vendors each, one of them with two products.
    for (k, place) in KECAMATAN.iter().take(3).enumerate() {
        for n in 0..4 {
            let v = vendor(&r, k * 10 + n, place, "makanan-minuman");
            ready_food.push(ready_product(
                &r,
                &v,
                &format!("Kue {k}-{n}"),
                "makanan-minuman",
                &photo,
            ));
            if n == 0 {
                ready_food.push(ready_product(
                    &r,
                    &v,
                    &format!("Kue {k}-{n} B"),
                    "makanan-minuman",
                    &photo,
                ));
            }
        }
    }
    // Ones that must never be proposed.
    let v = vendor(&r, 90, "Tebet", "fesyen-kerajinan");
    let fashion = ready_product(&r, &v, "Batik Tulis", "fesyen-kerajinan", &photo);
    let v = vendor(&r, 91, "Tebet", "makanan-minuman");
    let uncurated = r
        .create_product(&v, &product_draft("Belum Dikurasi", "makanan-minuman"))
        .expect("p")
        .id;
    let v = vendor(&r, 92, "Tebet", "makanan-minuman");
    let revise = ready_product(&r, &v, "Perlu Perbaikan", "makanan-minuman", &photo);
    r.review_product(
        &revise,
        &ReviewDraft {
            criteria: Criteria {
                packaging: Mark::Revise,
                ..ok_review().criteria
            },
            notes: "Kemasan bocor".into(),
            reviewer: "Bu Ratna".into(),
            ..Default::default()
        },
    )
    .expect("revise");
    let v = vendor(&r, 93, "Tebet", "makanan-minuman");
    let unready = r
        .create_product(&v, &product_draft("Tanpa Foto", "makanan-minuman"))
        .expect("p")
        .id;
    r.review_product(&unready, &ok_review()).expect("review");

    let e = r.plan_edition(&catalogue_only("2021-09-10")).expect("plan");
    assert_eq!(e.theme, "makanan-minuman");
    let proposed = r.suggest_edition(&e.id).expect("suggest");
    let ids: Vec<&str> = proposed.iter().map(|s| s.product.id.as_str()).collect();
    assert_eq!(ids.len(), 6, "two per kecamatan over three kecamatan");
    for bad in [&fashion, &uncurated, &revise, &unready] {
        assert!(!ids.contains(&bad.as_str()), "{bad} proposed");
    }
    assert!(ids.iter().all(|i| ready_food.iter().any(|f| f == i)));
    let vendors: HashSet<&str> = proposed
        .iter()
        .map(|s| s.product.vendor_id.as_str())
        .collect();
    assert_eq!(vendors.len(), 6, "one product per vendor");
    assert!(
        proposed[0].reason.id.contains("belum pernah tampil"),
        "{}",
        proposed[0].reason.id
    );
    assert!(
        proposed[0].reason.en.contains("Slot 1 of 2"),
        "{}",
        proposed[0].reason.en
    );
    // Nothing was written by the proposal; accepting writes the same.
    assert!(r.edition(&e.id).expect("edition").items.is_empty());
    let e = r.accept_suggestion(&e.id).expect("accept");
    let accepted: Vec<&str> = e.items.iter().map(|i| i.product.id.as_str()).collect();
    assert_eq!(accepted, ids);
    assert!(
        e.counts.iter().all(|c| c.count == 2 && c.quota == 2),
        "{:?}",
        e.counts
    );
    assert!(
        e.items
            .iter()
            .all(|i| i.problems.is_empty() && i.reason.is_some())
    );
    // Hand-picking refuses what may not enter, with the reasons.
    let Err(Error::Conflict(why)) = r.add_to_edition(&e.id, &uncurated) else {
        panic!("uncurated added")
    };
    assert!(why.id.contains("Belum dikurasi"), "{}", why.id);
    let Err(Error::Conflict(why)) = r.add_to_edition(&e.id, &fashion) else {
        panic!("off theme added")
    };
    assert!(why.en.contains("not the edition's theme"), "{}", why.en);
    // Another suggestion adds nothing while every quota is met.
    assert!(r.suggest_edition(&e.id).expect("again").is_empty());
    // Reordering keeps the products; a stale order is refused.
    let mut order: Vec<String> = accepted.iter().map(|s| (*s).to_owned()).collect();
    order.reverse();
    let e = r.reorder_edition(&e.id, &order).expect("reorder");
    assert_eq!(e.items[0].product.id, order[0]);
    assert!(matches!(
        r.reorder_edition(&e.id, &order[1..]),
        Err(Error::Conflict(_))
    ));
    // Withdrawing consent to publish takes the vendor out of the unpublished edition.
    let gone = e.items[0].product.clone();
    r.withdraw_consent(&gone.vendor_id, Purpose::Publish)
        .expect("withdraw");
    let e = r.edition(&e.id).expect("edition");
    assert!(
        e.items
            .iter()
            .all(|i| i.product.vendor_id != gone.vendor_id)
    );
}

#[test]
fn fairness_over_twelve_weeks_of_a_200_product_registry() {
    let (dir, r) = registry();
    let photo = photo_file(dir.path(), 700);
    let categories = [
        "makanan-minuman",
        "fesyen-kerajinan",
        "rumah-tangga",
        "kesehatan",
    ];
    // 200 products: 50 per category over five kecamatan; some vendors have several.
    let mut vendor_of = HashMap::new();
    for (ci, cat) in categories.iter().enumerate() {
        let mut made = 0;
        for k in 0..40 {
            let place = KECAMATAN[k % 5];
            let v = vendor(&r, ci * 100 + k, place, cat);
            let products = if k % 4 == 0 { 2 } else { 1 } + usize::from(k % 8 == 0);
            for j in 0..products.min(50 - made) {
                let id = ready_product(&r, &v, &format!("Produk {ci}-{k}-{j}"), cat, &photo);
                vendor_of.insert(id, v.clone());
                made += 1;
            }
        }
        assert_eq!(made, 50);
    }
    assert_eq!(vendor_of.len(), 200);
    // Vendors of each theme and kecamatan that are ready.
    let mut field: HashMap<(String, String), HashSet<String>> = HashMap::new();
    let places: HashMap<String, String> = r
        .read(|c| {
            let mut s = c.prepare("SELECT id, kecamatan_code FROM vendor")?;
            let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .expect("places");
    let themes: HashMap<String, String> = r
        .read(|c| {
            let mut s = c.prepare("SELECT id, category_slug FROM product")?;
            let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .expect("themes");
    for (p, v) in &vendor_of {
        field
            .entry((themes[p].clone(), places[v].clone()))
            .or_default()
            .insert(v.clone());
    }
    // Twelve Fridays: each theme comes three times. Eight vendors per theme and kecamatan
    // and three slots each week: the third week must bring one vendor back.
    let mut featured: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
    let mut friday = day("2026-01-02");
    let mut repeats = 0;
    for week in 0..12 {
        let e = r
            .plan_edition(&EditionPlan {
                friday: friday.format("%Y-%m-%d").to_string(),
                channels: vec!["catalogue".into()],
                quota: Some(3),
                ..Default::default()
            })
            .expect("plan");
        let e = r.accept_suggestion(&e.id).expect("accept");
        assert_eq!(e.items.len(), 15, "week {week}: three per kecamatan");
        let e = r.publish_edition(&e.id).expect("publish");
        let vendors: HashSet<&str> = e.snapshot.iter().map(|i| i.vendor_id.as_str()).collect();
        assert_eq!(vendors.len(), 15, "week {week}: one product per vendor");
        for item in &e.snapshot {
            let key = (e.theme.clone(), places[&item.vendor_id].clone());
            let n = featured
                .entry(key)
                .or_default()
                .entry(item.vendor_id.clone())
                .or_default();
            *n += 1;
            if *n > 1 {
                repeats += 1;
            }
        }
        // The rule: in a theme and kecamatan, nobody is featured a second time while a ready
        // vendor there has not been featured once (counts never differ by more than one).
        for (key, counts) in &featured {
            let of = |v: &String| counts.get(v).copied().unwrap_or(0);
            let most = field[key].iter().map(of).max().unwrap_or(0);
            let least = field[key].iter().map(of).min().unwrap_or(0);
            assert!(
                most <= least + 1,
                "week {week}, {key:?}: {most} against {least}"
            );
        }
        friday += Duration::days(7);
    }
    assert!(repeats > 0, "the rule was exercised");
}

#[test]
fn a_published_snapshot_does_not_change_when_the_product_does() {
    let (dir, r) = registry();
    let photo = photo_file(dir.path(), 700);
    let v = vendor(&r, 1, "Tebet", "makanan-minuman");
    let p = ready_product(&r, &v, "Kue Lapis Legit", "makanan-minuman", &photo);
    let e = r.plan_edition(&catalogue_only("2021-09-10")).expect("plan");
    r.add_to_edition(&e.id, &p).expect("add");
    let e = r.mark_curated(&e.id).expect("curated");
    assert_eq!(e.state, EditionState::Curated);
    let e = r.publish_edition(&e.id).expect("publish");
    assert_eq!(e.state, EditionState::Published);
    assert_eq!(e.log.len(), 1);
    assert_eq!(e.log[0].channel, "catalogue");
    let frozen = e.snapshot.clone();
    assert_eq!(frozen[0].name, "Kue Lapis Legit");
    assert_eq!(frozen[0].price_rp, 25_000);
    assert_eq!(frozen[0].kecamatan, "Tebet");
    assert_eq!(frozen[0].photos.len(), 1);
    // Edit the product: name, price, its photo gone.
    let mut d = r.product_draft(&p).expect("draft");
    d.name = "Kue Lapis Surabaya".into();
    d.price = "40000".into();
    r.update_product(&p, &d).expect("edit");
    for photo in r.photos(&p).expect("photos") {
        r.remove_photo(&photo.id).expect("remove");
    }
    let after = r.edition(&e.id).expect("edition");
    assert_eq!(after.snapshot, frozen);
    // The frozen photo's pixels are kept while the snapshot refers to them.
    let kept: bool = r
        .read(|c| {
            Ok(c.query_row(
                "SELECT EXISTS (SELECT 1 FROM photo_blob WHERE hash = ?1)",
                [&frozen[0].photos[0].hash],
                |r| r.get(0),
            )?)
        })
        .expect("blob");
    assert!(kept);
    assert_eq!(
        r.product_last_featured(&p).expect("last").as_deref(),
        Some("2021-09-10")
    );
    assert_eq!(
        r.vendor_last_featured(&v).expect("last").as_deref(),
        Some("2021-09-10")
    );
    // A published edition keeps its selection.
    assert!(matches!(
        r.remove_from_edition(&e.id, &p),
        Err(Error::Conflict(_))
    ));
    assert!(matches!(r.delete_edition(&e.id), Err(Error::Conflict(_))));
    let e = r
        .record_sent(&e.id, "instagram", "Diunggah ke akun @jakpreneur")
        .expect("sent");
    assert_eq!(e.log.last().map(|l| l.action.as_str()), Some("sent"));
    // Withdrawing consent after publication is shown on the edition.
    r.withdraw_consent(&v, Purpose::Publish).expect("withdraw");
    assert_eq!(r.edition(&e.id).expect("edition").notices.len(), 1);
}

#[test]
fn publishing_rechecks_every_product_and_writes_nothing_when_one_fails() {
    let (dir, r) = registry();
    let photo = photo_file(dir.path(), 700);
    let v1 = vendor(&r, 1, "Tebet", "makanan-minuman");
    let v2 = vendor(&r, 2, "Gambir", "makanan-minuman");
    let a = ready_product(&r, &v1, "Dodol Betawi", "makanan-minuman", &photo);
    let b = ready_product(&r, &v2, "Bir Pletok", "makanan-minuman", &photo);
    let e = r.plan_edition(&catalogue_only("2021-09-10")).expect("plan");
    r.add_to_edition(&e.id, &a).expect("add a");
    r.add_to_edition(&e.id, &b).expect("add b");
    // After it was added, the curator asks for a revision of b.
    r.review_product(
        &b,
        &ReviewDraft {
            criteria: Criteria {
                taste: Mark::Revise,
                ..ok_review().criteria
            },
            notes: "Terlalu manis".into(),
            reviewer: "Pak Joko".into(),
            ..Default::default()
        },
    )
    .expect("revise");
    let before = crate::support::dump(&r);
    let Err(Error::Conflict(why)) = r.publish_edition(&e.id) else {
        panic!("published")
    };
    assert!(
        why.id.contains("Bir Pletok") && why.id.contains("perbaikan"),
        "{}",
        why.id
    );
    assert_eq!(crate::support::dump(&r), before);
    let e = r.edition(&e.id).expect("edition");
    assert!(
        !e.items
            .iter()
            .find(|i| i.product.id == b)
            .expect("b")
            .problems
            .is_empty()
    );
}

#[test]
fn the_revision_queue_round_trip() {
    let (dir, r) = registry();
    let photo = photo_file(dir.path(), 700);
    let v = vendor(&r, 1, "Tebet", "makanan-minuman");
    let p = ready_product(&r, &v, "Kerupuk Kulit", "makanan-minuman", &photo);
    assert_eq!(
        r.curation(&p).expect("curation").latest.map(|l| l.verdict),
        Some(Verdict::Ok)
    );
    // A revision without a note is refused: the vendor must learn what to fix.
    let mut ask = ReviewDraft {
        criteria: Criteria {
            packaging: Mark::Revise,
            ..ok_review().criteria
        },
        reviewer: "Bu Ratna".into(),
        ..Default::default()
    };
    assert!(matches!(r.review_product(&p, &ask), Err(Error::Invalid(_))));
    // Food is judged on taste and hygiene.
    let partial = ReviewDraft {
        criteria: Criteria {
            quality: Mark::Ok,
            ..Criteria::default()
        },
        reviewer: "Bu Ratna".into(),
        ..Default::default()
    };
    assert!(matches!(
        r.review_product(&p, &partial),
        Err(Error::Invalid(_))
    ));
    // A curator's name with a hidden character is refused too.
    let hidden = ReviewDraft {
        reviewer: "Bu\u{0}Ratna".into(),
        ..ok_review()
    };
    assert!(matches!(
        r.review_product(&p, &hidden),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        r.calendar_from("31-02-2026", 4),
        Err(Error::Invalid(_))
    ));
    assert_eq!(
        r.calendar_from("2026-01-01", 500).expect("clamped").len(),
        104
    );
    ask.notes = "Kemasan plastik tipis, ganti standing pouch.".into();
    let review = r.review_product(&p, &ask).expect("revise");
    assert_eq!(review.verdict, Verdict::Revise);
    let queue = r.revision_queue(true).expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].product_id, p);
    assert!(queue[0].registered_here && !queue[0].edited_since);
    assert!(
        queue[0]
            .review
            .notes
            .as_deref()
            .is_some_and(|n| n.contains("standing pouch"))
    );
    // The vendor fixes it; the queue says so.
    let mut d = r.product_draft(&p).expect("draft");
    d.description = "Kemasan baru: standing pouch dengan zipper.".into();
    r.update_product(&p, &d).expect("edit");
    assert!(r.revision_queue(true).expect("queue")[0].edited_since);
    // A product registered on another laptop (merged in) is in that laptop's queue, not ours.
    let v2 = vendor(&r, 2, "Gambir", "makanan-minuman");
    let other = ready_product(&r, &v2, "Roti Gambang", "makanan-minuman", &photo);
    r.write(|tx, _| {
        tx.execute(
            "UPDATE product SET created_device = 'laptop-kecamatan' WHERE id = ?1",
            [&other],
        )?;
        Ok(())
    })
    .expect("pretend it came from another laptop");
    r.review_product(
        &other,
        &ReviewDraft {
            notes: "Foto gelap".into(),
            criteria: Criteria {
                photo: Mark::Revise,
                ..ok_review().criteria
            },
            ..ok_review()
        },
    )
    .expect("revise other");
    assert_eq!(r.revision_queue(true).expect("here").len(), 1);
    let all = r.revision_queue(false).expect("all");
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .any(|q| q.product_id == other && !q.registered_here)
    );
    // Re-review closes the loop.
    r.review_product(&p, &ok_review()).expect("ok again");
    assert!(r.revision_queue(true).expect("queue").is_empty());
    assert_eq!(r.reviews(&p).expect("reviews").len(), 3);
}

#[test]
fn the_cli_plans_suggests_publishes_and_refuses_a_thursday() {
    let dir = tempfile::tempdir().expect("dir");
    let photo = photo_file(dir.path(), 700);
    let product = {
        let r = Registry::open(dir.path()).expect("open");
        let v = vendor(&r, 1, "Tebet", "makanan-minuman");
        ready_product(&r, &v, "Asinan Betawi", "makanan-minuman", &photo)
    };
    let run = |args: &[&str]| crate::cli::etalase(dir.path(), args);
    let thursday = run(&["edition", "plan", "--friday", "2021-09-09"]);
    assert_eq!(thursday.status.code(), Some(2));
    let err = String::from_utf8_lossy(&thursday.stderr);
    assert!(err.contains("Thursday, not a Friday"), "{err}");
    let plan = run(&[
        "edition",
        "plan",
        "--friday",
        "2021-09-10",
        "--channels",
        "catalogue,wa",
        "--quota",
        "3",
    ]);
    assert!(
        plan.status.success(),
        "{}",
        String::from_utf8_lossy(&plan.stderr)
    );
    let suggest = run(&["edition", "suggest", "--friday", "2021-09-10", "--json"]);
    let picks: serde_json::Value = serde_json::from_slice(&suggest.stdout).expect("json");
    assert_eq!(picks[0]["product"]["id"], product.as_str());
    assert!(
        run(&["edition", "suggest", "--friday", "2021-09-10", "--accept"])
            .status
            .success()
    );
    let published = run(&["edition", "publish", "--friday", "2021-09-10", "--json"]);
    assert!(
        published.status.success(),
        "{}",
        String::from_utf8_lossy(&published.stderr)
    );
    let list = run(&["edition", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(list[0]["state"], "published");
    assert_eq!(list[0]["items"], 1);
    let show = run(&["edition", "show", "--friday", "2021-09-10", "--json"]);
    let show: serde_json::Value = serde_json::from_slice(&show.stdout).expect("json");
    assert_eq!(show["snapshot"][0]["name"], "Asinan Betawi");
    assert_eq!(
        show["channels"],
        serde_json::json!(["catalogue", "whatsapp"])
    );
    let again = run(&["edition", "remove", "--friday", "2021-09-10", &product]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "a published edition keeps its selection"
    );
    let queue = run(&["curation", "queue", "--json"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&queue.stdout).expect("json"),
        serde_json::json!([])
    );
}

#[test]
fn planning_a_friday_again_changes_its_plan_and_keeps_its_selection() {
    let (dir, r) = registry();
    let photo = photo_file(dir.path(), 700);
    let v = vendor(&r, 1, "Tebet", "makanan-minuman");
    let p = ready_product(&r, &v, "Kue Cubit", "makanan-minuman", &photo);
    let e = r.plan_edition(&catalogue_only("2021-09-10")).expect("plan");
    r.add_to_edition(&e.id, &p).expect("add");
    r.mark_curated(&e.id).expect("curated");
    let again = r
        .plan_edition(&EditionPlan {
            quota: Some(5),
            hashtags: vec!["#KulinerBetawi".into()],
            ..catalogue_only("2021-09-10")
        })
        .expect("plan again");
    assert_eq!(again.id, e.id, "one edition per Friday");
    assert_eq!(again.quota, 5);
    assert_eq!(again.hashtags, ["#KulinerBetawi"]);
    assert_eq!(
        again.state,
        EditionState::Draft,
        "a changed plan is reviewed again"
    );
    assert_eq!(again.items.len(), 1);
    assert_eq!(r.editions().expect("list").len(), 1);
    r.publish_edition(&e.id).expect("publish");
    assert!(matches!(
        r.plan_edition(&catalogue_only("2021-09-10")),
        Err(Error::Conflict(_))
    ));
    // A removed draft frees its Friday for a new plan.
    let next = r.plan_edition(&catalogue_only("2021-09-17")).expect("plan");
    r.delete_edition(&next.id).expect("delete");
    let fresh = r
        .plan_edition(&catalogue_only("2021-09-17"))
        .expect("plan again");
    assert_ne!(fresh.id, next.id);
}
