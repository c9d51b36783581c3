//! The `.etalase` file: a ZIP with exactly two entries, `manifest.json` and `data.sqlite`,
//! optionally sealed with a passphrase. Reading treats the file as hostile: only those two
//! names, no directories or links, sizes capped while streaming (never trusting the declared
//! sizes), a compression ratio cap, and every byte checked against the manifest's SHA-256.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::text::Text;

/// The bundle format this build writes and reads; a newer one is refused with a request to
/// update.
pub const BUNDLE_FORMAT: u32 = 1;

pub const MANIFEST: &str = "manifest.json";
pub const DATA: &str = "data.sqlite";
const MAX_MANIFEST: u64 = 1 << 20;
/// A whole registry with photos: generous, and still far below what would fill a laptop.
pub const MAX_DATA: u64 = 8 << 30;
/// Deflated SQLite pages shrink a few times; a hundredfold is a bomb.
const MAX_RATIO: u64 = 100;

const SEALED_MAGIC: &[u8; 12] = b"ETALASE-ENC1";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 19;
const CHUNK: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

/// What a bundle says of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The Etalase version and registry schema that wrote it.
    pub app: String,
    pub schema: i64,
    /// The laptop that wrote it, and its clock then (milliseconds).
    pub device: String,
    pub created_at: i64,
    /// The writer's change counter: rows changed after `from_seq` up to `to_seq` are inside
    /// (`from_seq` 0: the whole registry).
    pub from_seq: i64,
    pub to_seq: i64,
    /// For each laptop whose bundles the writer imported, how far it got (their counter):
    /// how the receiver learns what of its own has arrived.
    pub acks: BTreeMap<String, i64>,
    /// Rows per table.
    pub counts: BTreeMap<String, u64>,
    pub parts: Vec<Part>,
}

pub fn damaged(detail: impl std::fmt::Display) -> Error {
    Error::Conflict(Text::new(
        format!(
            "Berkas pertukaran rusak atau tidak lengkap ({detail}). Minta berkas baru dari laptop asalnya."
        ),
        format!(
            "The exchange file is damaged or incomplete ({detail}). Ask for a new file from the laptop it came from."
        ),
    ))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a file, streamed.
pub fn sha256_file(path: &Path) -> Result<(u64, String)> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut n = 0u64;
    loop {
        let k = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    Ok((n, hex(&h.finalize())))
}

fn key_from(passphrase: &str, salt: &[u8]) -> Result<chacha20poly1305::Key> {
    // Argon2id with OWASP's second recommended setting (19 MiB, 2 passes) would do; a
    // bundle is made a few times a week, so a slower 64 MiB, 3 passes costs nothing.
    let params = argon2::Params::new(64 * 1024, 3, 1, Some(32))
        .map_err(|e| Error::Internal(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = [0u8; 32];
    argon
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(key.into())
}

fn random(n: usize) -> Result<Vec<u8>> {
    let mut v = vec![0u8; n];
    getrandom::fill(&mut v).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(v)
}

/// Writes the bundle to `out` through a temporary file renamed at the end, so a failure or a
/// full disk never leaves a half file under the final name.
pub fn write(out: &Path, manifest: &Manifest, data: &Path, passphrase: Option<&str>) -> Result<()> {
    let dir = out.parent().unwrap_or(Path::new("."));
    let stem = out.file_name().and_then(|n| n.to_str()).unwrap_or("bundle");
    let zip_temp = dir.join(format!(".{stem}.zip.part"));
    let sealed_temp = dir.join(format!(".{stem}.sealed.part"));
    let result = (|| -> Result<()> {
        let file = std::fs::File::create(&zip_temp).map_err(|e| Error::io(&zip_temp, e))?;
        let mut sink = std::io::BufWriter::new(file);
        write_zip(&mut sink, manifest, data)?;
        sink.flush().map_err(|e| Error::io(&zip_temp, e))?;
        drop(sink);
        let done = match passphrase {
            Some(p) => {
                seal(&zip_temp, p, &sealed_temp)?;
                &sealed_temp
            }
            None => &zip_temp,
        };
        std::fs::File::open(done)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(done, e))?;
        std::fs::rename(done, out).map_err(|e| Error::io(out, e))
    })();
    let _ = std::fs::remove_file(&zip_temp);
    let _ = std::fs::remove_file(&sealed_temp);
    result
}

fn write_zip(
    sink: &mut (impl Write + std::io::Seek),
    manifest: &Manifest,
    data: &Path,
) -> Result<()> {
    let err = |e: zip::result::ZipError| Error::Internal(e.to_string());
    let mut zip = zip::ZipWriter::new(sink);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .large_file(true);
    zip.start_file(MANIFEST, options).map_err(err)?;
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| Error::Internal(e.to_string()))?;
    zip.write_all(&json)
        .map_err(|e| Error::Internal(e.to_string()))?;
    zip.start_file(DATA, options).map_err(err)?;
    let mut f = std::fs::File::open(data).map_err(|e| Error::io(data, e))?;
    std::io::copy(&mut f, &mut zip).map_err(|e| Error::io(data, e))?;
    zip.finish().map_err(err)?;
    Ok(())
}

/// Encrypts `from` into `to`: a header (magic, salt, nonce), then chunks of 1 MiB sealed with
/// XChaCha20-Poly1305 in the STREAM construction, so a cut, a swap or a flipped byte is found.
fn seal(from: &Path, passphrase: &str, to: &Path) -> Result<()> {
    use chacha20poly1305::KeyInit;
    let salt = random(SALT_LEN)?;
    let nonce = random(NONCE_LEN)?;
    let cipher = chacha20poly1305::XChaCha20Poly1305::new(&key_from(passphrase, &salt)?);
    let mut enc =
        chacha20poly1305::aead::stream::EncryptorBE32::from_aead(cipher, nonce.as_slice().into());
    let mut input =
        std::io::BufReader::new(std::fs::File::open(from).map_err(|e| Error::io(from, e))?);
    let mut out = std::io::BufWriter::new(std::fs::File::create(to).map_err(|e| Error::io(to, e))?);
    let io = |e: std::io::Error| Error::io(to, e);
    out.write_all(SEALED_MAGIC).map_err(io)?;
    out.write_all(&salt).map_err(io)?;
    out.write_all(&nonce).map_err(io)?;
    let mut buf = vec![0u8; CHUNK];
    let mut next = vec![0u8; CHUNK];
    let mut n = read_full(&mut input, &mut buf).map_err(|e| Error::io(from, e))?;
    loop {
        // Read ahead: the last chunk is sealed differently, so it must be known as last.
        let m = if n == CHUNK {
            read_full(&mut input, &mut next).map_err(|e| Error::io(from, e))?
        } else {
            0
        };
        let failed = |_| Error::Internal("encryption failed".into());
        if m == 0 {
            let last = enc.encrypt_last(&buf[..n]).map_err(failed)?;
            out.write_all(&last).map_err(io)?;
            break;
        }
        let sealed = enc.encrypt_next(&buf[..n]).map_err(failed)?;
        out.write_all(&sealed).map_err(io)?;
        std::mem::swap(&mut buf, &mut next);
        n = m;
    }
    out.flush().map_err(io)
}

/// Whether a file is sealed with a passphrase.
pub fn is_sealed(path: &Path) -> Result<bool> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = [0u8; 12];
    let n = f.read(&mut head).map_err(|e| Error::io(path, e))?;
    Ok(n == 12 && &head == SEALED_MAGIC)
}

fn wrong_passphrase() -> Error {
    Error::Conflict(Text::new(
        "Kata sandi salah, atau berkasnya rusak.",
        "Wrong passphrase, or the file is damaged.",
    ))
}

/// Decrypts a sealed bundle into `to`.
fn unseal(path: &Path, passphrase: &str, to: &Path) -> Result<()> {
    use chacha20poly1305::KeyInit;
    let mut f = std::io::BufReader::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?);
    let mut head = [0u8; 12 + SALT_LEN + NONCE_LEN];
    f.read_exact(&mut head).map_err(|_| damaged("header"))?;
    let cipher =
        chacha20poly1305::XChaCha20Poly1305::new(&key_from(passphrase, &head[12..12 + SALT_LEN])?);
    let mut dec = chacha20poly1305::aead::stream::DecryptorBE32::from_aead(
        cipher,
        head[12 + SALT_LEN..].into(),
    );
    let mut out = std::io::BufWriter::new(std::fs::File::create(to).map_err(|e| Error::io(to, e))?);
    let sealed_chunk = CHUNK + 16;
    let mut buf = vec![0u8; sealed_chunk];
    let mut pending: Option<Vec<u8>> = None;
    let mut total = 0u64;
    loop {
        let n = read_full(&mut f, &mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        if let Some(prev) = pending.take() {
            let plain = dec
                .decrypt_next(prev.as_slice())
                .map_err(|_| wrong_passphrase())?;
            out.write_all(&plain).map_err(|e| Error::io(to, e))?;
            total += plain.len() as u64;
            if total > MAX_DATA {
                return Err(too_large());
            }
        }
        pending = Some(buf[..n].to_vec());
        if n < sealed_chunk {
            break;
        }
    }
    let last = pending.ok_or_else(|| damaged("empty"))?;
    let plain = dec
        .decrypt_last(last.as_slice())
        .map_err(|_| wrong_passphrase())?;
    out.write_all(&plain).map_err(|e| Error::io(to, e))?;
    out.flush().map_err(|e| Error::io(to, e))?;
    Ok(())
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn too_large() -> Error {
    Error::Conflict(Text::new(
        "Berkas pertukaran terlalu besar untuk dibuka dengan aman.",
        "The exchange file is too large to open safely (bundle too large).",
    ))
}

fn bad_entry(name: &str, why: &str) -> Error {
    Error::Conflict(Text::new(
        format!("Berkas pertukaran ditolak: isi \"{name}\" tidak diharapkan ({why})."),
        format!("The exchange file was refused: entry \"{name}\" is not expected ({why})."),
    ))
}

/// What was read from a bundle: its manifest and the data file, copied into `work`.
pub struct Opened {
    pub manifest: Manifest,
    pub data: PathBuf,
}

/// Reads a bundle into the private folder `work`, checking everything before any of it is
/// used. Needs the passphrase when the bundle is sealed.
pub fn open(path: &Path, passphrase: Option<&str>, work: &Path) -> Result<Opened> {
    let plain = if is_sealed(path)? {
        let p = passphrase.ok_or_else(|| {
            Error::Conflict(Text::new(
                "Berkas ini dilindungi kata sandi: masukkan kata sandinya.",
                "This file is protected by a passphrase: enter it.",
            ))
        })?;
        let to = work.join("bundle.zip");
        unseal(path, p, &to)?;
        to
    } else {
        path.to_owned()
    };
    let file = std::fs::File::open(&plain).map_err(|e| Error::io(&plain, e))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(damaged)?;
    if zip.len() != 2 {
        return Err(damaged(format!("{} entries instead of 2", zip.len())));
    }
    let mut manifest_bytes: Option<Vec<u8>> = None;
    let mut data_sum: Option<(u64, String)> = None;
    let data = work.join(DATA);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(damaged)?;
        let name = entry.name().map_err(damaged)?.into_owned();
        if entry.is_dir() || entry.is_symlink() {
            return Err(bad_entry(&name, "a folder or a link"));
        }
        let (limit, slot) = match name.as_str() {
            MANIFEST if manifest_bytes.is_none() => (MAX_MANIFEST, true),
            DATA if data_sum.is_none() => (MAX_DATA, false),
            _ => {
                return Err(bad_entry(
                    &name,
                    "only manifest.json and data.sqlite belong",
                ));
            }
        };
        if entry.size() > limit {
            return Err(too_large());
        }
        let compressed = entry.compressed_size().max(1);
        let cap = limit.min(compressed.saturating_mul(MAX_RATIO).max(1 << 16));
        let mut limited = (&mut entry).take(cap + 1);
        if slot {
            let mut v = Vec::new();
            limited.read_to_end(&mut v).map_err(damaged)?;
            if v.len() as u64 > cap {
                return Err(too_large());
            }
            manifest_bytes = Some(v);
        } else {
            let mut out = std::io::BufWriter::new(
                std::fs::File::create(&data).map_err(|e| Error::io(&data, e))?,
            );
            let mut h = Sha256::new();
            let mut buf = vec![0u8; 1 << 16];
            let mut n = 0u64;
            loop {
                let k = limited.read(&mut buf).map_err(damaged)?;
                if k == 0 {
                    break;
                }
                n += k as u64;
                if n > cap {
                    return Err(too_large());
                }
                h.update(&buf[..k]);
                out.write_all(&buf[..k]).map_err(|e| Error::io(&data, e))?;
            }
            out.flush().map_err(|e| Error::io(&data, e))?;
            data_sum = Some((n, hex(&h.finalize())));
        }
    }
    let manifest_bytes = manifest_bytes.ok_or_else(|| damaged("no manifest"))?;
    // The format first: a newer bundle may not parse as this version's manifest.
    let format = serde_json::from_slice::<serde_json::Value>(&manifest_bytes)
        .map_err(|_| damaged("manifest"))?
        .get("format")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| damaged("manifest without a format"))?;
    if format > u64::from(BUNDLE_FORMAT) {
        return Err(Error::Conflict(Text::new(
            "Berkas ini dibuat oleh Etalase yang lebih baru. Perbarui Etalase di laptop ini dulu, lalu impor lagi.",
            "This file was made by a newer Etalase. Update Etalase on this laptop first, then import again.",
        )));
    }
    let manifest: Manifest =
        serde_json::from_slice(&manifest_bytes).map_err(|_| damaged("manifest"))?;
    let (n, sum) = data_sum.ok_or_else(|| damaged("no data"))?;
    let part = manifest
        .parts
        .iter()
        .find(|p| p.name == DATA)
        .ok_or_else(|| damaged("manifest lists no data"))?;
    if part.bytes != n || part.sha256 != sum {
        return Err(damaged("checksum"));
    }
    Ok(Opened { manifest, data })
}
