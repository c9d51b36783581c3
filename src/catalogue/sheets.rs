//! Marketplace upload sheets (domain.md §5): Tokopedia/TikTok Shop and Shopee mass-upload
//! XLSX, a WhatsApp Business catalogue CSV and a Meta catalogue feed CSV, each with its
//! channel's limits checked. A product a channel would refuse is left out of that sheet and
//! the report says why. Every cell is written as text, never as a formula.

use crate::planner::snapshot::PublicItem;
use crate::spreadsheet::Table;
use crate::text::Text;

const TOKOPEDIA_NAME: usize = 70;
const SHOPEE_NAME: usize = 100;
const TOKOPEDIA_DESCRIPTION: usize = 2000;
const TOKOPEDIA_PHOTOS: usize = 5;
const SHOPEE_PHOTOS: usize = 9;
const MIN_PRICE: i64 = 100;

/// A product a sheet leaves out, and why.
pub fn left_out(channel: &str, item: &PublicItem, id: String, en: String) -> Text {
    Text::new(
        format!("{channel}: {} — {id}", item.name),
        format!("{channel}: {} — {en}", item.name),
    )
}

/// What keeps an item off a marketplace, if anything.
fn refusal(channel: &str, item: &PublicItem, max_name: usize) -> Option<Text> {
    let n = item.name.chars().count();
    if n > max_name {
        return Some(left_out(
            channel,
            item,
            format!("nama {n} karakter, paling banyak {max_name}"),
            format!("name of {n} characters, at most {max_name}"),
        ));
    }
    if item.price_rp < MIN_PRICE {
        return Some(left_out(
            channel,
            item,
            "harga di bawah Rp100".into(),
            "price under Rp100".into(),
        ));
    }
    if item.weight_g.is_none() {
        return Some(left_out(
            channel,
            item,
            "berat belum diisi".into(),
            "no weight".into(),
        ));
    }
    if item.stock.is_none_or(|s| s < 1) {
        return Some(left_out(
            channel,
            item,
            "stok kosong".into(),
            "no stock".into(),
        ));
    }
    if item.photos.is_empty() {
        return Some(left_out(
            channel,
            item,
            "tanpa foto".into(),
            "no photo".into(),
        ));
    }
    None
}

/// The photo file names a product's photos get in a channel's ZIP.
pub fn photo_names(stem: &str, item: &PublicItem, max: usize) -> Vec<String> {
    (1..=item.photos.len().min(max))
        .map(|k| format!("{stem}-{k}.jpg"))
        .collect()
}

fn text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Tokopedia's legacy "Template Impor Produk" columns (also read by TikTok Shop's import).
pub fn tokopedia(items: &[(String, &PublicItem)], report: &mut Vec<Text>) -> Table {
    let mut t = Table {
        headers: [
            "Nama Produk*",
            "Deskripsi Produk",
            "Kategori Kode*",
            "Berat* (Gram)",
            "Minimum Pemesanan*",
            "Nomor Etalase",
            "Waktu Proses Preorder",
            "Kondisi*",
            "Gambar 1*",
            "Gambar 2",
            "Gambar 3",
            "Gambar 4",
            "Gambar 5",
            "URL Video Produk 1",
            "SKU Name",
            "Status*",
            "Jumlah Stok*",
            "Harga (Rp)*",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for (stem, item) in items {
        if let Some(why) = refusal("Tokopedia", item, TOKOPEDIA_NAME) {
            report.push(why);
            continue;
        }
        let mut description = text(&item.description);
        if description.chars().count() > TOKOPEDIA_DESCRIPTION {
            description = description.chars().take(TOKOPEDIA_DESCRIPTION).collect();
        }
        let mut photos = photo_names(stem, item, TOKOPEDIA_PHOTOS);
        photos.resize(TOKOPEDIA_PHOTOS, String::new());
        let mut row = vec![
            item.name.clone(),
            description,
            String::new(),
            item.weight_g.unwrap_or_default().to_string(),
            item.min_order.unwrap_or(1).clamp(1, 9999).to_string(),
            String::new(),
            item.preorder_days
                .filter(|d| (3..=30).contains(d))
                .map(|d| d.to_string())
                .unwrap_or_default(),
            if item.condition == "bekas" {
                "Bekas"
            } else {
                "Baru"
            }
            .into(),
        ];
        row.extend(photos);
        row.extend([
            String::new(),
            text(&item.sku),
            "Aktif".into(),
            item.stock.unwrap_or_default().to_string(),
            item.price_rp.to_string(),
        ]);
        t.rows.push(row);
    }
    t
}

/// Shopee's basic mass-upload columns.
pub fn shopee(items: &[(String, &PublicItem)], report: &mut Vec<Text>) -> Table {
    let mut headers: Vec<String> = [
        "Kategori",
        "Nama Produk",
        "Deskripsi Produk",
        "SKU Induk",
        "Harga",
        "Stok",
        "Berat (gram)",
        "Foto Sampul",
    ]
    .map(String::from)
    .to_vec();
    headers.extend((1..SHOPEE_PHOTOS).map(|k| format!("Foto Produk {k}")));
    let mut t = Table {
        headers,
        rows: Vec::new(),
    };
    for (stem, item) in items {
        if let Some(why) = refusal("Shopee", item, SHOPEE_NAME) {
            report.push(why);
            continue;
        }
        let mut photos = photo_names(stem, item, SHOPEE_PHOTOS);
        photos.resize(SHOPEE_PHOTOS, String::new());
        let mut row = vec![
            String::new(),
            item.name.clone(),
            text(&item.description),
            text(&item.sku),
            item.price_rp.to_string(),
            item.stock.unwrap_or_default().to_string(),
            item.weight_g.unwrap_or_default().to_string(),
        ];
        row.extend(photos);
        t.rows.push(row);
    }
    t
}

/// WhatsApp Business catalogue items: name, price, description, link, item code.
pub fn whatsapp(items: &[(String, &PublicItem)]) -> Table {
    Table {
        headers: ["name", "price", "description", "link", "retailer_id"]
            .map(String::from)
            .to_vec(),
        rows: items
            .iter()
            .map(|(stem, item)| {
                vec![
                    item.name.clone(),
                    item.price_rp.to_string(),
                    text(&item.description),
                    String::new(),
                    item.sku.clone().unwrap_or_else(|| stem.clone()),
                ]
            })
            .collect(),
    }
}

/// A Meta (Facebook/Instagram) catalogue feed.
pub fn meta(items: &[(String, &PublicItem)]) -> Table {
    Table {
        headers: [
            "id",
            "title",
            "description",
            "availability",
            "condition",
            "price",
            "link",
            "image_link",
            "brand",
        ]
        .map(String::from)
        .to_vec(),
        rows: items
            .iter()
            .map(|(stem, item)| {
                vec![
                    stem.clone(),
                    item.name.clone(),
                    text(&item.description),
                    if item.stock.is_some_and(|s| s > 0) {
                        "in stock"
                    } else {
                        "out of stock"
                    }
                    .into(),
                    if item.condition == "bekas" {
                        "used"
                    } else {
                        "new"
                    }
                    .into(),
                    format!("{} IDR", item.price_rp),
                    String::new(),
                    format!("{stem}-1.jpg"),
                    item.brand
                        .clone()
                        .unwrap_or_else(|| item.vendor_name.clone()),
                ]
            })
            .collect(),
    }
}
