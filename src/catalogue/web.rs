//! The edition as a static web page: one folder (HTML, CSS, photos), no script, readable from
//! a USB stick or any static host. Every text is escaped; headings, alt texts and `lang` for
//! screen readers; colours with enough contrast.

use super::data::{Card, CatalogueData};

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub const STYLE: &str = r#"*{box-sizing:border-box}
body{margin:0;font-family:"Plus Jakarta Sans",system-ui,sans-serif;color:#1d2321;background:#f7f5f0;line-height:1.45}
.cover{background:#0f5f5c;color:#fff;text-align:center;padding:3rem 1rem}
.cover .kicker{letter-spacing:.2em;font-weight:600;margin:0}
.cover .logo{max-height:4rem;max-width:12rem;background:#fff;padding:.4rem;border-radius:.5rem;margin-bottom:1rem}
.cover h1{font-size:2.6rem;margin:.3rem 0}
.cover .theme{display:inline-block;background:#b83a17;padding:.3rem 1rem;border-radius:1rem;font-weight:700}
main{max-width:72rem;margin:0 auto;padding:1rem}
h2{color:#0a4744;border-bottom:2px solid #b83a17;padding-bottom:.2rem}
.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
.card{background:#fff;border:1px solid #dedad2;border-radius:.6rem;overflow:hidden}
.card img{width:100%;height:auto;display:block;aspect-ratio:1}
.card .body{padding:.6rem .8rem 1rem}
.card h3{margin:0;font-size:1.05rem}
.vendor,.permits{color:#4a5250;font-size:.85rem;margin:.2rem 0}
.price{color:#0a4744;font-weight:800;font-size:1.2rem;margin:.4rem 0}
a{color:#0a4744}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dedad2}
footer{text-align:center;padding:2rem 1rem;color:#4a5250}
"#;

fn card(c: &Card) -> String {
    let mut out = String::from("<li class=\"card\">");
    if c.photo_square.is_some() {
        out.push_str(&format!(
            "<img src=\"foto/{:02}.jpg\" alt=\"{}\" width=\"600\" height=\"600\" loading=\"lazy\">",
            c.n,
            escape(&format!("{} — {}", c.name, c.vendor))
        ));
    }
    out.push_str("<div class=\"body\">");
    out.push_str(&format!("<h3>{}</h3>", escape(&c.name)));
    out.push_str(&format!(
        "<p class=\"vendor\">{} · Kec. {}</p>",
        escape(&c.vendor),
        escape(&c.kecamatan)
    ));
    out.push_str(&format!("<p class=\"price\">{}</p>", escape(&c.price)));
    if !c.blurb.is_empty() {
        out.push_str(&format!("<p>{}</p>", escape(&c.blurb)));
    }
    if !c.blurb_en.is_empty() {
        out.push_str(&format!("<p lang=\"en\">{}</p>", escape(&c.blurb_en)));
    }
    if !c.permits.is_empty() {
        let list: Vec<String> = c
            .permits
            .iter()
            .map(|p| escape(&format!("{} {}", p.label, p.number)))
            .collect();
        out.push_str(&format!("<p class=\"permits\">{}</p>", list.join(" · ")));
    }
    match (&c.whatsapp, &c.contact) {
        (Some(link), Some(contact)) => out.push_str(&format!(
            "<p><a href=\"{}\">WhatsApp {}</a></p>",
            escape(link),
            escape(contact)
        )),
        (None, Some(contact)) => {
            out.push_str(&format!("<p>Kontak: {}</p>", escape(contact)));
        }
        _ => {}
    }
    if let (Some(link), Some(shop)) = (&c.qr_link, &c.shop) {
        out.push_str(&format!(
            "<p><a href=\"{}\">Toko: {}</a></p>",
            escape(link),
            escape(shop)
        ));
    }
    out.push_str("</div></li>");
    out
}

/// The page's HTML.
pub fn page(data: &CatalogueData) -> String {
    let mut out =
        String::from("<!doctype html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&data.title)));
    out.push_str("<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n");
    // The colour was checked as #rrggbb when saved; anything else keeps the stylesheet's.
    let background = super::look::parse_colour(&data.colour)
        .map(|[r, g, b]| format!(" style=\"background:#{r:02x}{g:02x}{b:02x}\""))
        .unwrap_or_default();
    let logo = if data.logo.is_some() {
        "<img class=\"logo\" src=\"logo.jpg\" alt=\"Logo program\">"
    } else {
        ""
    };
    out.push_str(&format!(
        "<header class=\"cover\"{background}>{logo}<p class=\"kicker\">JAKPRENEUR</p><h1>Jumat Beli Lokal</h1><p>{}</p><p class=\"theme\">{}</p><p>{} · {} produk</p></header>\n<main>\n",
        escape(&data.date.id),
        escape(&data.theme.id),
        escape(&data.scope),
        data.count
    ));
    for g in &data.groups {
        out.push_str(&format!(
            "<section>\n<h2>{}</h2>\n<ul class=\"cards\">\n",
            escape(&g.title)
        ));
        for c in &g.cards {
            out.push_str(&card(c));
            out.push('\n');
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("<section>\n<h2>Indeks pelaku usaha</h2>\n<table>\n<thead><tr><th scope=\"col\">Pelaku usaha</th><th scope=\"col\">Kecamatan</th><th scope=\"col\">Produk no.</th></tr></thead>\n<tbody>\n");
    for v in &data.vendors {
        let nums: Vec<String> = v.products.iter().map(u32::to_string).collect();
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&v.vendor),
            escape(&v.kecamatan),
            nums.join(", ")
        ));
    }
    out.push_str("</tbody>\n</table>\n</section>\n</main>\n");
    out.push_str(&format!(
        "<footer><p>{}</p></footer>\n</body>\n</html>\n",
        escape(&data.hashtags.join(" "))
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_shown_not_run() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
