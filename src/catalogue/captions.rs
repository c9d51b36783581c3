//! Captions: per product and per edition, Indonesian (with the English text where the product
//! has one), one text file per channel. Built from the catalogue data, so from public fields.

use super::data::{Card, CatalogueData};

/// The channels captions are written for, and how each differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptionChannel {
    /// Hashtags at the end; links are not clickable there, so the WhatsApp number is written.
    Instagram,
    /// Links are clickable; no hashtags.
    Whatsapp,
}

impl CaptionChannel {
    pub fn key(self) -> &'static str {
        match self {
            CaptionChannel::Instagram => "instagram",
            CaptionChannel::Whatsapp => "whatsapp",
        }
    }

    pub fn file(self) -> &'static str {
        match self {
            CaptionChannel::Instagram => "instagram.txt",
            CaptionChannel::Whatsapp => "whatsapp.txt",
        }
    }
}

/// One product's caption.
pub fn product_caption(c: &Card, data: &CatalogueData, channel: CaptionChannel) -> String {
    let mut out = format!(
        "{} — {}\n{} · Kec. {}, {}\n",
        c.name, c.price, c.vendor, c.kecamatan, c.city
    );
    if !c.blurb.is_empty() {
        out.push_str(&format!("{}\n", c.blurb));
    }
    if !c.blurb_en.is_empty() {
        out.push_str(&format!("EN: {}\n", c.blurb_en));
    }
    for p in &c.permits {
        out.push_str(&format!("{} {}\n", p.label, p.number));
    }
    match (channel, &c.whatsapp, &c.contact) {
        (CaptionChannel::Whatsapp, Some(link), _) => out.push_str(&format!("Pesan: {link}\n")),
        (CaptionChannel::Instagram, Some(_), Some(contact)) => {
            out.push_str(&format!("Pesan lewat WhatsApp: {contact}\n"))
        }
        (_, None, Some(contact)) => out.push_str(&format!("Kontak: {contact}\n")),
        _ => {}
    }
    if let Some(shop) = &c.shop {
        out.push_str(&format!("Toko: {shop}\n"));
    }
    if channel == CaptionChannel::Instagram {
        out.push_str(&format!("\n{}\n", data.hashtags.join(" ")));
    }
    out
}

/// The edition's caption, then every product's, for one channel.
pub fn channel_file(data: &CatalogueData, channel: CaptionChannel) -> String {
    let mut out = format!(
        "Jumat Beli Lokal, {}\nTema minggu ini: {} ({})\n{} produk pilihan UMKM binaan Jakpreneur, {}.\n",
        data.date.id, data.theme.id, data.theme.en, data.count, data.scope
    );
    out.push_str(&format!(
        "Buy Local Friday, {}: {} local products.\n",
        data.date.en, data.count
    ));
    if channel == CaptionChannel::Instagram {
        out.push_str(&format!("\n{}\n", data.hashtags.join(" ")));
    }
    for g in &data.groups {
        for c in &g.cards {
            out.push_str(&format!("\n---- {:02} ----\n", c.n));
            out.push_str(&product_caption(c, data, channel));
        }
    }
    out
}
