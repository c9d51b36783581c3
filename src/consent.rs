//! Consent (UU 27/2022 on personal data protection): which purposes a vendor's owner agreed
//! to, in what form, when, under which version of the notice, and withdrawals. Every
//! publishing rule reads from here; nothing personal is published without an active grant.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::registry::Registry;
use crate::text::Text;

/// The version of the notice read to the owner; recorded with every grant.
pub const NOTICE_VERSION: &str = "2026-11";

/// What a consent is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Keeping the registration record (the programme's own use).
    Registration,
    /// Showing the business and its products in public catalogues.
    Publish,
    /// Showing the owner's contact in public outputs.
    Contact,
    /// Publishing photos in which people can be recognised.
    PeoplePhotos,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Registration,
        Purpose::Publish,
        Purpose::Contact,
        Purpose::PeoplePhotos,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Registration => "registration",
            Purpose::Publish => "publish",
            Purpose::Contact => "contact",
            Purpose::PeoplePhotos => "people_photos",
        }
    }

    /// Reads `registration`, `publish`, `contact`, `people-photos` (or `people_photos`).
    pub fn parse(s: &str) -> Result<Purpose> {
        let s = s.trim().to_lowercase().replace('-', "_");
        Purpose::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                Error::Invalid(vec![FieldError::new(
                    "purpose",
                    "unknown_purpose",
                    Text::new(
                        "Tujuan persetujuan: registration, publish, contact atau people-photos.",
                        "Consent purpose: registration, publish, contact or people-photos.",
                    ),
                )])
            })
    }

    /// What the owner is told before agreeing, in both languages.
    pub fn notice(self) -> Text {
        match self {
            Purpose::Registration => Text::new(
                "Data usaha dan data pribadi Anda (nama, NIK, tanggal lahir, alamat, nomor HP) disimpan oleh program Jakpreneur untuk pendaftaran dan pembinaan. Data tidak dibagikan ke pihak lain. Anda dapat meminta salinan, perbaikan, atau penghapusan kapan saja.",
                "Your business and personal data (name, NIK, birth date, address, mobile number) are kept by the Jakpreneur programme for registration and coaching. They are not shared with others. You may ask for a copy, a correction or deletion at any time.",
            ),
            Purpose::Publish => Text::new(
                "Nama usaha, merek, produk, harga, foto produk, dan kecamatan Anda ditampilkan di katalog Jumat Beli Lokal (PDF, media sosial, halaman web, marketplace).",
                "Your business name, brand, products, prices, product photos and kecamatan are shown in Buy Local Friday catalogues (PDF, social media, web page, marketplaces).",
            ),
            Purpose::Contact => Text::new(
                "Kontak publik yang Anda pilih (misalnya nomor WhatsApp usaha) dicantumkan di katalog agar pembeli dapat menghubungi Anda.",
                "The public contact you chose (e.g. the business's WhatsApp number) is shown in catalogues so buyers can reach you.",
            ),
            Purpose::PeoplePhotos => Text::new(
                "Foto yang memperlihatkan wajah orang (termasuk Anda atau pekerja Anda) boleh diterbitkan. Wajah anak hanya dengan izin orang tua atau wali.",
                "Photos that show people's faces (you or your workers included) may be published. Children's faces only with a parent's or guardian's permission.",
            ),
        }
    }
}

/// How the consent was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentForm {
    /// Signed on paper (tertulis).
    Written,
    /// Recorded (terekam).
    Recorded,
    /// Given electronically.
    Electronic,
}

impl ConsentForm {
    fn as_str(self) -> &'static str {
        match self {
            ConsentForm::Written => "written",
            ConsentForm::Recorded => "recorded",
            ConsentForm::Electronic => "electronic",
        }
    }

    fn parse_stored(s: &str) -> ConsentForm {
        match s {
            "recorded" => ConsentForm::Recorded,
            "electronic" => ConsentForm::Electronic,
            _ => ConsentForm::Written,
        }
    }
}

/// One grant, and its withdrawal if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentRecord {
    pub id: String,
    pub purpose: Purpose,
    pub form: ConsentForm,
    pub notice_version: String,
    #[ts(type = "number")]
    pub granted_at: i64,
    #[ts(type = "number | null")]
    pub withdrawn_at: Option<i64>,
    pub device_id: String,
}

/// Where one purpose stands for a vendor now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentStatus {
    pub purpose: Purpose,
    /// The grant in force, if any.
    pub active: Option<ConsentRecord>,
    /// The latest withdrawal when nothing is in force.
    pub last_withdrawn: Option<ConsentRecord>,
    /// What the owner is told before agreeing.
    pub notice: Text,
}

impl Registry {
    /// Records that the owner agreed to `purpose`. Granting what is already in force changes
    /// nothing.
    pub fn grant_consent(
        &self,
        vendor_id: &str,
        purpose: Purpose,
        form: ConsentForm,
    ) -> Result<ConsentStatus> {
        self.require_vendor(vendor_id)?;
        let id = self.new_id();
        self.write(|tx, stamp| {
            let active: Option<String> = tx
                .query_row(
                    "SELECT id FROM consent WHERE vendor_id = ?1 AND purpose = ?2
                       AND withdrawn_at IS NULL AND deleted_at IS NULL",
                    params![vendor_id, purpose.as_str()],
                    |r| r.get(0),
                )
                .optional()?;
            if active.is_none() {
                tx.execute(
                    "INSERT INTO consent (id, vendor_id, purpose, form, notice_version, granted_at,
                                          created_at, updated_at, device_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6, ?7)",
                    params![
                        id,
                        vendor_id,
                        purpose.as_str(),
                        form.as_str(),
                        NOTICE_VERSION,
                        stamp.time,
                        stamp.device
                    ],
                )?;
            }
            Ok(())
        })?;
        self.consent_status_of(vendor_id, purpose)
    }

    /// Records that the owner withdrew `purpose`. Publishing rules stop using it at once.
    pub fn withdraw_consent(&self, vendor_id: &str, purpose: Purpose) -> Result<ConsentStatus> {
        self.require_vendor(vendor_id)?;
        self.write(|tx, stamp| {
            tx.execute(
                "UPDATE consent SET withdrawn_at = ?3, updated_at = ?3, device_id = ?4
                 WHERE vendor_id = ?1 AND purpose = ?2 AND withdrawn_at IS NULL AND deleted_at IS NULL",
                params![vendor_id, purpose.as_str(), stamp.time, stamp.device],
            )?;
            if purpose == Purpose::Publish {
                // Without consent to publish, the vendor leaves every edition not yet published
                // (domain.md §7.3); published ones show the withdrawal on their page.
                tx.execute(
                    "UPDATE edition_item SET deleted_at = ?2, updated_at = ?2, device_id = ?3
                     WHERE deleted_at IS NULL
                       AND product_id IN (SELECT id FROM product WHERE vendor_id = ?1)
                       AND edition_id IN (SELECT id FROM edition WHERE state != 'published')",
                    params![vendor_id, stamp.time, stamp.device],
                )?;
            }
            Ok(())
        })?;
        self.consent_status_of(vendor_id, purpose)
    }

    /// Every grant and withdrawal for a vendor, newest first.
    pub fn consent_history(&self, vendor_id: &str) -> Result<Vec<ConsentRecord>> {
        self.require_vendor(vendor_id)?;
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, purpose, form, notice_version, granted_at, withdrawn_at, device_id
                 FROM consent WHERE vendor_id = ?1 AND deleted_at IS NULL
                 ORDER BY granted_at DESC, id DESC",
            )?;
            let rows = stmt.query_map([vendor_id], |r| {
                Ok(ConsentRecord {
                    id: r.get(0)?,
                    purpose: Purpose::parse(&r.get::<_, String>(1)?)
                        .unwrap_or(Purpose::Registration),
                    form: ConsentForm::parse_stored(&r.get::<_, String>(2)?),
                    notice_version: r.get(3)?,
                    granted_at: r.get(4)?,
                    withdrawn_at: r.get(5)?,
                    device_id: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// Where every purpose stands for a vendor.
    pub fn consent_status(&self, vendor_id: &str) -> Result<Vec<ConsentStatus>> {
        let history = self.consent_history(vendor_id)?;
        Ok(Purpose::ALL
            .into_iter()
            .map(|p| status_from(&history, p))
            .collect())
    }

    fn consent_status_of(&self, vendor_id: &str, purpose: Purpose) -> Result<ConsentStatus> {
        Ok(status_from(&self.consent_history(vendor_id)?, purpose))
    }

    /// Whether `purpose` is in force for a vendor: what every publishing rule asks.
    pub fn has_consent(&self, vendor_id: &str, purpose: Purpose) -> Result<bool> {
        Ok(self.consent_status_of(vendor_id, purpose)?.active.is_some())
    }
}

fn status_from(history: &[ConsentRecord], purpose: Purpose) -> ConsentStatus {
    let of_purpose = history.iter().filter(|c| c.purpose == purpose);
    let active = of_purpose
        .clone()
        .find(|c| c.withdrawn_at.is_none())
        .cloned();
    let last_withdrawn = if active.is_none() {
        of_purpose.clone().next().cloned()
    } else {
        None
    };
    ConsentStatus {
        purpose,
        active,
        last_withdrawn,
        notice: purpose.notice(),
    }
}
