//! Whether a product's photos are ready for each channel (domain.md §5): how many each takes,
//! the smallest picture it accepts, and whether a photo showing a person may be published.

use serde::Serialize;
use ts_rs::TS;

use super::Photo;
use crate::consent::Purpose;
use crate::error::Result;
use crate::registry::Registry;
use crate::text::Text;

/// One channel's photo rules.
struct Rules {
    key: &'static str,
    name: &'static str,
    /// The most photos it takes; more are left out.
    max_photos: usize,
    /// The shortest side it accepts.
    min_side: u32,
}

const CHANNELS: [Rules; 5] = [
    Rules {
        key: "tokopedia",
        name: "Tokopedia",
        max_photos: 5,
        min_side: 300,
    },
    Rules {
        key: "tiktok_shop",
        name: "TikTok Shop",
        max_photos: 9,
        min_side: 600,
    },
    Rules {
        key: "shopee",
        name: "Shopee",
        max_photos: 9,
        min_side: 500,
    },
    Rules {
        key: "whatsapp",
        name: "WhatsApp Business",
        max_photos: 10,
        min_side: 500,
    },
    Rules {
        key: "instagram",
        name: "Instagram",
        max_photos: 10,
        min_side: 1080,
    },
];

/// A channel's verdict on a product's photos.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChannelPhotos {
    pub channel: String,
    pub name: String,
    pub ready: bool,
    /// How many photos go to the channel.
    pub sent: u32,
    /// What stops it, in plain words.
    pub problems: Vec<Text>,
    /// What is worth knowing but does not stop it.
    pub notes: Vec<Text>,
}

fn check(rules: &Rules, photos: &[Photo], person_consent: bool) -> ChannelPhotos {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let name = rules.name;
    let min = rules.min_side;
    match photos.first() {
        None => problems.push(Text::new(
            format!("Belum ada foto: {name} memerlukan paling sedikit satu."),
            format!("No photo yet: {name} needs at least one."),
        )),
        Some(cover) => {
            let side = cover.original_width.min(cover.original_height);
            if side < min {
                problems.push(Text::new(
                    format!(
                        "Foto sampul {}×{}: {name} meminta paling sedikit {min}×{min} piksel.",
                        cover.original_width, cover.original_height
                    ),
                    format!(
                        "The cover is {}×{}: {name} asks for at least {min}×{min} pixels.",
                        cover.original_width, cover.original_height
                    ),
                ));
            }
        }
    }
    let sent: Vec<&Photo> = photos.iter().take(rules.max_photos).collect();
    if photos.len() > rules.max_photos {
        notes.push(Text::new(
            format!(
                "{name} menerima {} foto; {} foto terakhir tidak dikirim.",
                rules.max_photos,
                photos.len() - rules.max_photos
            ),
            format!(
                "{name} takes {} photos; the last {} are left out.",
                rules.max_photos,
                photos.len() - rules.max_photos
            ),
        ));
    }
    let small = sent
        .iter()
        .skip(1)
        .filter(|p| p.original_width.min(p.original_height) < min)
        .count();
    if small > 0 {
        notes.push(Text::new(
            format!("{small} foto lain di bawah {min}×{min} piksel akan ditolak {name}."),
            format!("{small} other photos under {min}×{min} pixels will be refused by {name}."),
        ));
    }
    let weak = sent
        .iter()
        .filter(|p| {
            p.flags
                .iter()
                .any(|f| f.code == "dark" || f.code == "blurry")
        })
        .count();
    if weak > 0 {
        notes.push(Text::new(
            format!("{weak} foto gelap atau buram: sebaiknya diganti."),
            format!("{weak} photos are dark or blurred: better replaced."),
        ));
    }
    if !person_consent && sent.iter().any(|p| p.shows_person) {
        problems.push(Text::new(
            "Ada foto yang menampilkan orang, tetapi belum ada persetujuan untuk foto orang.",
            "A photo shows a person, but there is no consent for photos of people.",
        ));
    }
    ChannelPhotos {
        channel: rules.key.to_owned(),
        name: name.to_owned(),
        ready: problems.is_empty(),
        sent: sent.len() as u32,
        problems,
        notes,
    }
}

impl Registry {
    /// Each channel's verdict on a product's photos.
    pub fn photo_readiness(&self, product_id: &str) -> Result<Vec<ChannelPhotos>> {
        let product = self.get_product(product_id)?;
        let photos = self.photos(product_id)?;
        let consent = self.has_consent(&product.vendor_id, Purpose::PeoplePhotos)?;
        Ok(CHANNELS
            .iter()
            .map(|c| check(c, &photos, consent))
            .collect())
    }
}
