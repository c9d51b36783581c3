//! The catalogue's data: what templates are fed, built only from a published edition's
//! public snapshot (`PublicItem`), never from vendor records. Versioned, so an edited template
//! can tell which shape it reads.

use chrono::NaiveDate;
use serde::Serialize;

use crate::category::Category;
use crate::date::long_day;
use crate::money::format_rupiah;
use crate::planner::edition::Edition;
use crate::planner::snapshot::PublicItem;
use crate::text::Text;

/// Bumped whenever a field changes meaning or goes away; templates may check it.
pub const DATA_VERSION: u32 = 1;

/// Where templates find the logo.
pub const LOGO_PATH: &str = "/logo.jpg";

/// How prices are written: `Rp25.000` (the default) or `Rp 25.000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PriceStyle {
    #[default]
    Tight,
    Spaced,
}

impl PriceStyle {
    pub fn format(self, rp: i64) -> String {
        match self {
            PriceStyle::Tight => format!("Rp{}", format_rupiah(rp)),
            PriceStyle::Spaced => format!("Rp {}", format_rupiah(rp)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Permit {
    /// `P-IRT`, `BPOM`, `Halal`, ...
    pub label: String,
    pub number: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// 1-based, the edition's order.
    pub n: u32,
    pub name: String,
    pub vendor: String,
    pub kecamatan: String,
    pub city: String,
    pub price: String,
    /// Short enough for a card (about three lines).
    pub blurb: String,
    pub blurb_en: String,
    pub permits: Vec<Permit>,
    /// The public contact as written, only when the owner consented to show it.
    pub contact: Option<String>,
    /// `https://wa.me/62…` when the contact is a mobile number.
    pub whatsapp: Option<String>,
    /// In-template paths of the framed photos; empty when the product has none.
    pub photo_square: Option<String>,
    pub photo_portrait: Option<String>,
    pub photo_story: Option<String>,
    /// The shop link as printed: without `https://` and `www.`.
    pub shop: Option<String>,
    /// What the QR code opens: the shop link, else the WhatsApp chat.
    pub qr_link: Option<String>,
    /// An SVG QR code of `qr_link`.
    pub qr: Option<String>,
    /// The file stem social images and photos of this product get (`01-kue-lapis`).
    pub stem: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub title: String,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VendorEntry {
    pub vendor: String,
    pub kecamatan: String,
    pub products: Vec<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CatalogueData {
    pub version: u32,
    pub friday: String,
    pub date: Text,
    pub theme: Text,
    pub scope: String,
    pub hashtags: Vec<String>,
    pub title: String,
    pub colour: String,
    pub accent: String,
    /// `a4`, `f4`, `a5` or `letter`: the printed PDF's paper.
    pub paper: String,
    /// `/logo.jpg` when the registry has a logo.
    pub logo: Option<String>,
    pub groups: Vec<Group>,
    pub vendors: Vec<VendorEntry>,
    pub count: usize,
}

/// The edition's folder and file stems are ASCII words joined by hyphens.
pub fn slug(text: &str) -> String {
    let folded: String = unicode_normalization::UnicodeNormalization::nfkd(text)
        .filter(char::is_ascii)
        .collect::<String>()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let joined = folded
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let cut: String = joined.chars().take(48).collect();
    let cut = cut.trim_end_matches('-').to_owned();
    if cut.is_empty() { "produk".into() } else { cut }
}

fn blurb(text: Option<&str>) -> String {
    let text = text
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() <= 160 {
        return text;
    }
    let cut: String = text.chars().take(157).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

fn permit_label(kind: &str) -> String {
    match kind {
        "pirt" => "P-IRT",
        "bpom" => "BPOM",
        "halal" => "Halal",
        "hki" => "HKI",
        "sni" => "SNI",
        _ => "No.",
    }
    .to_owned()
}

/// The printed catalogue's paper (the phone PDF has its own size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    /// Folio, 215×330 mm: common in Indonesian offices.
    F4,
    A5,
    Letter,
}

impl Paper {
    pub fn parse(text: &str) -> Option<Paper> {
        Some(match text {
            "a4" => Paper::A4,
            "f4" => Paper::F4,
            "a5" => Paper::A5,
            "letter" => Paper::Letter,
            _ => return None,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::F4 => "f4",
            Paper::A5 => "a5",
            Paper::Letter => "letter",
        }
    }
}

/// How cards are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// The six cities: an edition's few products per kecamatan would each fill a row alone.
    #[default]
    City,
    Kecamatan,
    Category,
}

pub struct Settings {
    pub price: PriceStyle,
    pub grouping: Grouping,
    pub colour: String,
    pub accent: String,
    pub paper: Paper,
    /// Whether the registry has a logo; the build hands it to templates as `/logo.jpg`.
    pub logo: bool,
    /// An instructor's folder of edited templates, when set and present.
    pub templates: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            price: PriceStyle::Tight,
            grouping: Grouping::City,
            colour: "#0f5f5c".into(),
            accent: "#e4572e".into(),
            paper: Paper::A4,
            logo: false,
            templates: None,
        }
    }
}

/// Builds the data of a published edition from its snapshot. Photos and QR codes are named
/// here (`/photos/01-square.jpg`, `/qr/01.svg`); the build makes the files.
pub fn catalogue_data(
    edition: &Edition,
    categories: &[Category],
    settings: &Settings,
) -> CatalogueData {
    let friday = NaiveDate::parse_from_str(&edition.friday, "%Y-%m-%d").unwrap_or_default();
    let cards: Vec<(String, Card)> = edition
        .snapshot
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (
                group_key(item, categories, settings.grouping),
                card(i, item, settings),
            )
        })
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    for (key, card) in cards {
        match groups.iter_mut().find(|g| g.title == key) {
            Some(g) => g.cards.push(card),
            None => groups.push(Group {
                title: key,
                cards: vec![card],
            }),
        }
    }
    let mut vendors: Vec<VendorEntry> = Vec::new();
    for g in &groups {
        for c in &g.cards {
            match vendors.iter_mut().find(|v| v.vendor == c.vendor) {
                Some(v) => v.products.push(c.n),
                None => vendors.push(VendorEntry {
                    vendor: c.vendor.clone(),
                    kecamatan: c.kecamatan.clone(),
                    products: vec![c.n],
                }),
            }
        }
    }
    vendors.sort_by_key(|v| v.vendor.to_lowercase());
    CatalogueData {
        version: DATA_VERSION,
        friday: edition.friday.clone(),
        date: long_day(friday),
        theme: edition.theme_name.clone(),
        scope: edition.scope.name.clone(),
        hashtags: edition.hashtags.clone(),
        title: format!("Jumat Beli Lokal — {}", long_day(friday).id),
        colour: settings.colour.clone(),
        accent: settings.accent.clone(),
        paper: settings.paper.key().to_owned(),
        logo: settings.logo.then(|| LOGO_PATH.to_owned()),
        count: edition.snapshot.len(),
        groups,
        vendors,
    }
}

fn group_key(item: &PublicItem, categories: &[Category], grouping: Grouping) -> String {
    match grouping {
        Grouping::City => item
            .city
            .trim_start_matches("Kota Administrasi ")
            .trim_start_matches("Kabupaten Administrasi ")
            .to_owned(),
        Grouping::Kecamatan => format!("Kec. {}", item.kecamatan),
        Grouping::Category => categories
            .iter()
            .find(|c| c.slug == item.category)
            .map(|c| c.name.id.clone())
            .unwrap_or_else(|| item.category.clone()),
    }
}

/// `https://www.tokopedia.com/kue-ibu` → `tokopedia.com/kue-ibu`.
fn shop_label(link: &str) -> String {
    let rest = link
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    rest.strip_prefix("www.")
        .unwrap_or(rest)
        .trim_end_matches('/')
        .to_owned()
}

fn card(i: usize, item: &PublicItem, settings: &Settings) -> Card {
    let n = i as u32 + 1;
    let whatsapp = item
        .contact
        .as_deref()
        .and_then(crate::phone::normalise)
        .map(|e164| format!("https://wa.me/{}", crate::phone::whatsapp_digits(&e164)));
    // The QR code leads to the shop when there is one, else to a WhatsApp chat.
    // A snapshot may come from another laptop: the link is checked again before printing.
    let shop_link = item
        .shop_link
        .as_deref()
        .and_then(|l| crate::vendor::validate::check_shop_link(l).ok());
    let qr_link = shop_link.clone().or_else(|| whatsapp.clone());
    let has_photo = !item.photos.is_empty();
    let photo = |frame: &str| has_photo.then(|| format!("/photos/{n:02}-{frame}.jpg"));
    Card {
        n,
        name: item.name.clone(),
        vendor: item.vendor_name.clone(),
        kecamatan: item.kecamatan.clone(),
        city: item.city.clone(),
        price: settings.price.format(item.price_rp),
        blurb: blurb(item.description.as_deref()),
        blurb_en: blurb(item.description_en.as_deref()),
        permits: item
            .permits
            .iter()
            .map(|p| Permit {
                label: permit_label(&p.kind),
                number: p.number.clone(),
            })
            .collect(),
        contact: item.contact.clone(),
        shop: shop_link.as_deref().map(shop_label),
        qr: qr_link.as_ref().map(|_| format!("/qr/{n:02}.svg")),
        qr_link,
        whatsapp,
        photo_square: photo("square"),
        photo_portrait: photo("portrait"),
        photo_story: photo("story"),
        stem: format!("{n:02}-{}", slug(&item.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(
            slug("Kue Lapis Légit (Pandan) 250 g"),
            "kue-lapis-legit-pandan-250-g"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("—"), "produk");
    }

    #[test]
    fn prices_follow_the_setting_and_blurbs_stay_short() {
        assert_eq!(PriceStyle::Tight.format(25_000), "Rp25.000");
        assert_eq!(PriceStyle::Spaced.format(1_250_000), "Rp 1.250.000");
        let long = "kata ".repeat(60);
        let b = blurb(Some(&long));
        assert!(b.chars().count() <= 158 && b.ends_with('…'), "{b}");
    }
}
