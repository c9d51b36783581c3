//! `etalase vendor …`

use clap::{Args, Subcommand};

use etalase::consent::Purpose;
use etalase::legality::LegalityKind;
use etalase::spreadsheet::SheetFormat;
use etalase::stage::Stage;
use etalase::vendor::{
    Duplicates, ImportConfirmation, ImportOptions, VendorDraft, VendorPatch, VendorQuery,
    VendorSort,
};
use etalase::{Lang, Registry, Result};

use crate::output;

#[derive(Subcommand)]
pub enum VendorCommand {
    /// Register a vendor.
    Add {
        #[command(flatten)]
        fields: Fields,
        #[command(flatten)]
        details: Details,
        /// Save even if the vendor looks like one already registered.
        #[arg(long)]
        allow_duplicate: bool,
        #[arg(long)]
        json: bool,
    },
    /// Find vendors by words in the business name, brand, owner, kelurahan or kecamatan, or by
    /// part of a phone number (the same as `list --search`).
    Search {
        words: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Register and update vendors from a spreadsheet (.xlsx, or .csv with `,` or `;`). Rows
    /// that surely are registered vendors (same ID or NIB, or same phone or NIK under a similar
    /// name) update them; importing the same file twice changes nothing. Columns are matched
    /// by their headings; see them with --dry-run, change them with --map.
    Import {
        file: std::path::PathBuf,
        /// Show what would happen, row by row, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Map a column to a field: "HEADING=FIELD" (FIELD "-" ignores the column). Repeatable.
        #[arg(long = "map", value_name = "HEADING=FIELD")]
        map: Vec<String>,
        /// Import the good rows even when some rows have errors (they are listed and skipped).
        #[arg(long)]
        skip_invalid: bool,
        /// Register rows that look like a registered vendor anyway.
        #[arg(long)]
        allow_duplicates: bool,
        #[arg(long)]
        json: bool,
    },
    /// Merge two records of one business: KEEP stays and takes OTHER's values where it has
    /// none (and for the fields named by --take); OTHER's history, consents, documents and
    /// stages move to KEEP, and OTHER disappears. Shows the differences; writes only with --yes.
    Merge {
        keep: String,
        other: String,
        /// Fields to take from OTHER, comma-separated (e.g. phone,kecamatan).
        #[arg(long, value_delimiter = ',')]
        take: Vec<String>,
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// List likely duplicate pairs across the registry, with their reasons.
    Dupes {
        #[arg(long)]
        json: bool,
    },
    /// List vendors, sorted by business name.
    List {
        #[command(flatten)]
        filters: Filters,
        /// At most this many (default: all).
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Write the vendors a filter matches to a spreadsheet (.xlsx or .csv). Private fields
    /// (NIK, birth date, home address, e-mail, notes) are never exported.
    Export {
        /// The file to write; its extension picks the format.
        file: std::path::PathBuf,
        #[command(flatten)]
        filters: Filters,
    },
    /// Show one vendor.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change some of a vendor's fields.
    Edit {
        id: String,
        #[command(flatten)]
        fields: OptionalFields,
        #[command(flatten)]
        details: Details,
        #[arg(long)]
        json: bool,
    },
    /// Show every change to a vendor, newest first.
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Print everything the registry holds about one vendor, the NIK included (JSON): the
    /// answer to a person's request for a copy of their data.
    PersonalData { id: String },
    /// Erase a vendor completely (record, history, documents, stages, consents), leaving an
    /// audit entry without personal data. Cannot be undone: needs --yes.
    Erase {
        id: String,
        #[arg(long)]
        yes: bool,
    },
    /// Archive a vendor: hidden from lists and catalogues, kept in the registry.
    Archive { id: String },
    /// Bring an archived vendor back.
    Restore { id: String },
}

#[derive(Args)]
pub struct Fields {
    /// The business's name.
    #[arg(long)]
    name: String,
    /// The owner's name.
    #[arg(long)]
    owner: String,
    /// Mobile number, e.g. 0812-3456-7890.
    #[arg(long)]
    phone: String,
    /// A kecamatan's name or official code (see `etalase regions`).
    #[arg(long)]
    kecamatan: String,
    /// A category's slug or name (see `etalase categories`).
    #[arg(long)]
    category: String,
}

/// Which vendors a list or an export covers.
#[derive(Args)]
pub struct Filters {
    /// Words to find in the business name, owner name or phone.
    #[arg(long)]
    search: Option<String>,
    /// A kecamatan's name or official code.
    #[arg(long)]
    kecamatan: Option<String>,
    /// A category's slug or name.
    #[arg(long)]
    category: Option<String>,
    /// Only vendors whose consent for this purpose is in force (registration, publish,
    /// contact, people-photos).
    #[arg(long)]
    consent: Option<String>,
    /// Only vendors who completed this stage (a name or P1–P7).
    #[arg(long)]
    stage_done: Option<String>,
    /// Only vendors holding a document of this kind (pirt, bpom, halal, hki, sni, other).
    #[arg(long)]
    legality: Option<String>,
    /// Only vendors with a product photo (or, with --no-photos, without).
    #[arg(long, conflicts_with = "no_photos")]
    has_photos: bool,
    #[arg(long)]
    no_photos: bool,
    /// name (default), newest, updated or kecamatan.
    #[arg(long, default_value = "name")]
    sort: String,
    /// Include archived vendors.
    #[arg(long)]
    archived: bool,
}

impl Filters {
    fn query(self, order: etalase::stage::StageOrder) -> Result<VendorQuery> {
        let sort = match self.sort.as_str() {
            "name" => VendorSort::Name,
            "newest" => VendorSort::Newest,
            "updated" => VendorSort::Updated,
            "kecamatan" => VendorSort::Kecamatan,
            _ => {
                return Err(etalase::Error::Invalid(vec![etalase::FieldError::new(
                    "sort",
                    "unknown_sort",
                    etalase::Text::new(
                        "Urutan: name, newest, updated atau kecamatan.",
                        "Sort: name, newest, updated or kecamatan.",
                    ),
                )]));
            }
        };
        Ok(VendorQuery {
            search: self.search,
            kecamatan: self.kecamatan,
            category: self.category,
            consent: self.consent.as_deref().map(Purpose::parse).transpose()?,
            stage_done: self
                .stage_done
                .as_deref()
                .map(|s| Stage::parse_in(s, order))
                .transpose()?,
            legality: self
                .legality
                .as_deref()
                .map(LegalityKind::parse)
                .transpose()?,
            has_photos: match (self.has_photos, self.no_photos) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            sort,
            include_archived: self.archived,
            ..Default::default()
        })
    }
}

/// The rest of the registration record; all optional. `--whatsapp` takes true or false.
#[derive(Args)]
pub struct Details {
    /// The brand products are sold under.
    #[arg(long)]
    brand: Option<String>,
    /// perseorangan, cv, ud, pt, koperasi, firma or lainnya.
    #[arg(long)]
    legal_form: Option<String>,
    /// Nomor Induk Berusaha: 13 digits.
    #[arg(long)]
    nib: Option<String>,
    /// 15 or 16 digits.
    #[arg(long)]
    npwp: Option<String>,
    /// KBLI codes, comma-separated (5 digits each).
    #[arg(long)]
    kbli: Option<String>,
    /// 2020 or 2025.
    #[arg(long)]
    kbli_edition: Option<String>,
    /// Business capital in rupiah (e.g. "Rp 15.000.000").
    #[arg(long)]
    capital: Option<String>,
    /// Annual sales in rupiah.
    #[arg(long)]
    annual_sales: Option<String>,
    #[arg(long)]
    employees: Option<String>,
    /// The business's street address.
    #[arg(long)]
    street: Option<String>,
    #[arg(long)]
    rt: Option<String>,
    #[arg(long)]
    rw: Option<String>,
    /// A kelurahan's name or code, in the vendor's kecamatan.
    #[arg(long)]
    kelurahan: Option<String>,
    /// The owner's gender: female or male.
    #[arg(long)]
    gender: Option<String>,
    /// The owner's birth date: YYYY-MM-DD or DD-MM-YYYY.
    #[arg(long)]
    birth_date: Option<String>,
    /// The owner's NIK (16 digits); shown masked everywhere but the edit form.
    #[arg(long)]
    nik: Option<String>,
    /// The owner's e-mail address.
    #[arg(long)]
    email: Option<String>,
    /// Whether the owner's mobile number is on WhatsApp: true or false.
    #[arg(long)]
    whatsapp: Option<bool>,
    /// The owner's home address (private).
    #[arg(long)]
    home_address: Option<String>,
    /// The contact the owner chose to publish in catalogues.
    #[arg(long)]
    public_contact: Option<String>,
    /// The online shop's address, printed as a QR code in catalogues.
    #[arg(long)]
    shop_link: Option<String>,
    /// The coaching agency (dinas pembina).
    #[arg(long)]
    agency: Option<String>,
    /// The mentor (pendamping).
    #[arg(long)]
    mentor: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

impl Details {
    fn into_patch(self, core: VendorPatch) -> VendorPatch {
        VendorPatch {
            brand: self.brand,
            legal_form: self.legal_form,
            nib: self.nib,
            npwp: self.npwp,
            kbli: self.kbli,
            kbli_edition: self.kbli_edition,
            capital: self.capital,
            annual_sales: self.annual_sales,
            employees: self.employees,
            street: self.street,
            rt: self.rt,
            rw: self.rw,
            kelurahan: self.kelurahan,
            gender: self.gender,
            birth_date: self.birth_date,
            nik: self.nik,
            email: self.email,
            whatsapp: self.whatsapp,
            home_address: self.home_address,
            public_contact: self.public_contact,
            shop_link: self.shop_link,
            agency: self.agency,
            mentor: self.mentor,
            notes: self.notes,
            ..core
        }
    }
}

#[derive(Args)]
pub struct OptionalFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    kecamatan: Option<String>,
    #[arg(long)]
    category: Option<String>,
}

pub fn run(registry: &Registry, cmd: VendorCommand, lang: Lang) -> Result<()> {
    match cmd {
        VendorCommand::Add {
            fields,
            details,
            allow_duplicate,
            json,
        } => {
            let policy = if allow_duplicate {
                Duplicates::Allow
            } else {
                Duplicates::Refuse
            };
            let core = VendorPatch {
                name: Some(fields.name),
                owner: Some(fields.owner),
                phone: Some(fields.phone),
                kecamatan: Some(fields.kecamatan),
                category: Some(fields.category),
                ..Default::default()
            };
            let draft = details.into_patch(core).apply(VendorDraft::default());
            let vendor = registry.create_vendor(&draft, policy)?;
            if json {
                output::json(&vendor);
            } else {
                output::vendor_detail(&vendor, lang);
            }
        }
        VendorCommand::List {
            filters,
            limit,
            offset,
            json,
        } => {
            let mut query = VendorQuery {
                offset,
                limit: limit
                    .unwrap_or(etalase::vendor::MAX_PAGE)
                    .min(etalase::vendor::MAX_PAGE),
                ..filters.query(registry.stage_order()?)?
            };
            let mut page = registry.list_vendors(&query)?;
            // Without --limit, page through everything.
            while limit.is_none() && (page.items.len() as u32) + offset < page.total {
                query.offset = offset + page.items.len() as u32;
                let next = registry.list_vendors(&query)?;
                if next.items.is_empty() {
                    break;
                }
                page.items.extend(next.items);
            }
            if json {
                output::json(&page.items);
            } else {
                output::vendor_table(&page.items, page.total, lang);
            }
        }
        VendorCommand::Export { file, filters } => {
            let format = SheetFormat::from_path(&file).ok_or_else(|| {
                etalase::Error::Invalid(vec![etalase::FieldError::new(
                    "file",
                    "unknown_format",
                    etalase::Text::new(
                        "Nama berkas harus berakhiran .xlsx atau .csv.",
                        "The file name must end in .xlsx or .csv.",
                    ),
                )])
            })?;
            let n = registry.export_vendors(
                &filters.query(registry.stage_order()?)?,
                &file,
                format,
                lang,
            )?;
            match lang {
                Lang::Id => println!("{n} pelaku usaha ditulis ke {}.", file.display()),
                Lang::En => println!("Wrote {n} vendors to {}.", file.display()),
            }
        }
        VendorCommand::Search { words, limit, json } => {
            let query = VendorQuery {
                search: Some(words),
                limit: limit.min(etalase::vendor::MAX_PAGE),
                ..Default::default()
            };
            let page = registry.list_vendors(&query)?;
            if json {
                output::json(&page.items);
            } else {
                output::vendor_table(&page.items, page.total, lang);
            }
        }
        VendorCommand::Import {
            file,
            dry_run,
            map,
            skip_invalid,
            allow_duplicates,
            json,
        } => import(
            registry,
            &file,
            &map,
            ImportFlags {
                dry_run,
                skip_invalid,
                allow_duplicates,
                json,
            },
            lang,
        )?,
        VendorCommand::Merge {
            keep,
            other,
            take,
            yes,
            json,
        } => {
            let choice = etalase::vendor::MergeChoice { from_other: take };
            if !yes {
                let preview = registry.merge_preview(&keep, &other)?;
                output::merge_preview(&preview, &choice, lang);
                return Err(invalid(
                    "yes",
                    "confirm",
                    format!(
                        "Belum digabung. {} akan hilang setelah digabung ke {}; ulangi dengan --yes bila yakin.",
                        preview.other.name, preview.keep.name
                    ),
                    format!(
                        "Not merged yet. {} disappears into {}; repeat with --yes if you are sure.",
                        preview.other.name, preview.keep.name
                    ),
                ));
            }
            let merged = registry.merge_vendors(&keep, &other, &choice)?;
            if json {
                output::json(&merged);
            } else {
                output::vendor_detail(&merged, lang);
            }
        }
        VendorCommand::Dupes { json } => {
            let pairs = registry.duplicate_report()?;
            if json {
                output::json(&pairs);
            } else {
                output::duplicate_pairs(&pairs, lang);
            }
        }
        VendorCommand::Show { id, json } => {
            let vendor = registry.get_vendor(&id)?;
            if json {
                output::json(&vendor)
            } else {
                output::vendor_detail(&vendor, lang)
            }
        }
        VendorCommand::Edit {
            id,
            fields,
            details,
            json,
        } => {
            let core = VendorPatch {
                name: fields.name,
                owner: fields.owner,
                phone: fields.phone,
                kecamatan: fields.kecamatan,
                category: fields.category,
                ..Default::default()
            };
            let vendor = registry.update_vendor(&id, &details.into_patch(core))?;
            if json {
                output::json(&vendor)
            } else {
                output::vendor_detail(&vendor, lang)
            }
        }
        VendorCommand::PersonalData { id } => output::json(&registry.export_person(&id)?),
        VendorCommand::Erase { id, yes } => {
            let vendor = registry.get_vendor(&id)?;
            if !yes {
                return Err(etalase::Error::Invalid(vec![etalase::FieldError::new(
                    "yes",
                    "confirm",
                    etalase::Text::new(
                        format!(
                            "Penghapusan {} tidak dapat dibatalkan. Ulangi dengan --yes bila yakin.",
                            vendor.name
                        ),
                        format!(
                            "Erasing {} cannot be undone. Repeat with --yes if you are sure.",
                            vendor.name
                        ),
                    ),
                )]));
            }
            registry.erase_vendor(&id)?;
            match lang {
                Lang::Id => println!("{} dihapus seluruhnya.", vendor.name),
                Lang::En => println!("{} erased completely.", vendor.name),
            }
        }
        VendorCommand::History { id, json } => {
            let history = registry.vendor_history(&id)?;
            if json {
                output::json(&history);
            } else {
                output::history(&history, lang);
            }
        }
        VendorCommand::Archive { id } => {
            let v = registry.archive_vendor(&id)?;
            match lang {
                Lang::Id => println!(
                    "{} diarsipkan. Batalkan dengan: etalase vendor restore {}",
                    v.name, v.id
                ),
                Lang::En => println!(
                    "{} archived. Undo with: etalase vendor restore {}",
                    v.name, v.id
                ),
            }
        }
        VendorCommand::Restore { id } => {
            let v = registry.restore_vendor(&id)?;
            match lang {
                Lang::Id => println!("{} aktif kembali.", v.name),
                Lang::En => println!("{} is active again.", v.name),
            }
        }
    }
    Ok(())
}

struct ImportFlags {
    dry_run: bool,
    skip_invalid: bool,
    allow_duplicates: bool,
    json: bool,
}

fn invalid(field: &str, code: &str, id: String, en: String) -> etalase::Error {
    etalase::Error::Invalid(vec![etalase::FieldError::new(
        field,
        code,
        etalase::Text::new(id, en),
    )])
}

fn import(
    registry: &Registry,
    file: &std::path::Path,
    map: &[String],
    flags: ImportFlags,
    lang: Lang,
) -> Result<()> {
    let mut options = ImportOptions {
        mapping: Vec::new(),
        allow_duplicates: flags.allow_duplicates,
    };
    let mut plan = registry.preview_import(file, &options)?;
    if !map.is_empty() {
        let mut mapping: Vec<Option<String>> =
            plan.columns.iter().map(|c| c.field.clone()).collect();
        for m in map {
            let (heading, field) = m.split_once('=').ok_or_else(|| {
                invalid(
                    "map",
                    "invalid_mapping",
                    format!("--map \"{m}\": tulis JUDUL=KOLOM, misalnya \"No. HP=phone\"."),
                    format!("--map \"{m}\": write HEADING=FIELD, e.g. \"No. HP=phone\"."),
                )
            })?;
            let i = plan
                .columns
                .iter()
                .position(|c| c.heading.trim().eq_ignore_ascii_case(heading.trim()))
                .ok_or_else(|| {
                    invalid(
                        "map",
                        "unknown_heading",
                        format!("Tidak ada kolom berjudul \"{heading}\" di berkas."),
                        format!("The file has no column headed \"{heading}\"."),
                    )
                })?;
            let field = field.trim();
            if field != "-" && !field.is_empty() {
                // Taking a field from the column that had it.
                for m in mapping.iter_mut() {
                    if m.as_deref() == Some(field) {
                        *m = None;
                    }
                }
            }
            mapping[i] = (field != "-" && !field.is_empty()).then(|| field.to_owned());
        }
        options.mapping = mapping;
        plan = registry.preview_import(file, &options)?;
    }
    if !flags.dry_run {
        if plan.counts.invalid > 0 && !flags.skip_invalid {
            output::import_plan(&plan, lang);
            let n = plan.counts.invalid;
            return Err(invalid(
                "file",
                "invalid_rows",
                format!(
                    "{n} baris berisi kesalahan; tidak ada yang ditulis. Perbaiki berkasnya, atau impor baris yang benar saja dengan --skip-invalid."
                ),
                format!(
                    "{n} rows have errors; nothing was written. Fix the file, or import only the good rows with --skip-invalid."
                ),
            ));
        }
        let confirmed = ImportConfirmation {
            fingerprint: plan.fingerprint.clone(),
            counts: plan.counts,
        };
        plan = registry.import_vendors(file, &options, Some(&confirmed))?;
    }
    if flags.json {
        output::json(&plan);
    } else {
        output::import_plan(&plan, lang);
    }
    Ok(())
}
