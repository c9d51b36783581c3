//! Shared test fixtures.

use etalase::Registry;
use etalase::vendor::{Duplicates, Vendor, VendorDraft};
use tempfile::TempDir;

/// A registry in a fresh temporary data directory (deleted when the TempDir drops).
pub fn registry() -> (TempDir, Registry) {
    let dir = tempfile::tempdir().expect("temp dir");
    let registry = Registry::open(dir.path()).expect("open a new registry");
    (dir, registry)
}

pub fn draft() -> VendorDraft {
    VendorDraft {
        name: "Kue Basah Bu Siti".into(),
        owner: "Siti Rahayu".into(),
        phone: "0812-3456-7890".into(),
        kecamatan: "Tebet".into(),
        category: "makanan-minuman".into(),
        ..Default::default()
    }
}

/// Every row of every table, in a stable order: equal dumps mean nothing changed.
pub fn dump(registry: &Registry) -> String {
    registry
        .read(|c| {
            let tables: Vec<String> = c
                .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut out = String::new();
            for t in tables {
                let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))?;
                let n = stmt.column_count();
                let rows = stmt.query_map([], |r| {
                    (0..n)
                        .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                        .collect::<Result<Vec<_>, _>>()
                })?;
                for row in rows {
                    out.push_str(&format!("{t}: {}\n", row?.join(" | ")));
                }
            }
            Ok(out)
        })
        .expect("dump the registry")
}

/// Saves a vendor even if it resembles another: most tests reuse one phone number on purpose.
pub trait AddVendor {
    fn add_vendor(&self, draft: &VendorDraft) -> etalase::Result<Vendor>;
}

impl AddVendor for Registry {
    fn add_vendor(&self, draft: &VendorDraft) -> etalase::Result<Vendor> {
        self.create_vendor(draft, Duplicates::Allow)
    }
}
