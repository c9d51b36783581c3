//! Framed photos for the catalogue, made once: each master is decoded once per build for all
//! the sizes it is needed in, the work is shared by two threads, and the results are kept in
//! `cache/frames/` under the data directory (a file per content hash, crop, size and quality),
//! so building an edition again does not decode anything. The cache only ever holds public
//! pixels already in the registry and can be deleted at any time.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::OptionalExtension;

use crate::error::{Error, Result};
use crate::photo::{Crop, Frame};
use crate::planner::snapshot::PublicPhoto;
use crate::registry::Registry;

/// One framed rendition to make.
#[derive(Debug, Clone)]
pub struct FrameJob {
    pub photo: PublicPhoto,
    pub frame: Frame,
    pub long_edge: u32,
    pub quality: u8,
}

impl FrameJob {
    fn crop(&self) -> Crop {
        match self.frame {
            Frame::Square => self.photo.square,
            Frame::Portrait => self.photo.portrait,
            Frame::Story => self.photo.story,
        }
    }

    fn size(&self) -> (u32, u32) {
        let (rw, rh) = self.frame.ratio();
        if rh >= rw {
            (self.long_edge * rw / rh, self.long_edge)
        } else {
            (self.long_edge, self.long_edge * rh / rw)
        }
    }

    fn file_name(&self) -> String {
        let c = self.crop();
        let (w, h) = self.size();
        // The hash is hex and the rest are numbers: nothing here can leave the folder.
        format!(
            "{}-{}-{}-{}-{}-{w}x{h}-q{}-rows.jpg",
            self.photo.hash, c.x, c.y, c.w, c.h, self.quality
        )
    }
}

impl Registry {
    fn frame_cache(&self) -> PathBuf {
        self.data_dir().join("cache").join("frames")
    }

    fn master(&self, hash: &str) -> Result<Vec<u8>> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT master FROM photo_blob WHERE hash = ?1",
                [hash],
                |r| r.get(0),
            )
            .optional()?)
        })?
        .ok_or_else(|| Error::NotFound {
            what: "photo",
            id: hash.to_owned(),
        })
    }

    /// A framed rendition, from the cache or made now (and cached).
    pub(crate) fn framed(&self, job: &FrameJob) -> Result<Vec<u8>> {
        if let Ok(bytes) = std::fs::read(self.frame_cache().join(job.file_name())) {
            return Ok(bytes);
        }
        let master = self.master(&job.photo.hash)?;
        let img = etalase_pipeline::pipeline::decode_master(&master)
            .map_err(|r| Error::Internal(r.reason.en))?;
        self.render_and_cache(&img, job)
    }

    fn render_and_cache(
        &self,
        img: &etalase_pipeline::pipeline::RgbImage,
        job: &FrameJob,
    ) -> Result<Vec<u8>> {
        let c = job.crop();
        let jpeg = etalase_pipeline::pipeline::render_frame_from(
            img,
            (c.x, c.y, c.w, c.h),
            job.size(),
            job.quality,
        )
        .map_err(|r| Error::Internal(r.reason.en))?;
        let dir = self.frame_cache();
        // A cache that cannot be written only costs time next build.
        if std::fs::create_dir_all(&dir).is_ok() {
            let name = job.file_name();
            let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            if std::fs::write(&temp, &jpeg).is_ok() {
                let _ = std::fs::rename(&temp, dir.join(name));
            }
        }
        Ok(jpeg)
    }

    /// Makes every rendition not yet cached, each master decoded once, on two threads.
    /// Returns false when cancelled.
    pub(crate) fn prepare_frames(
        &self,
        jobs: &[FrameJob],
        cancel: &AtomicBool,
        done: &(dyn Fn(usize) + Sync),
    ) -> Result<bool> {
        let cache = self.frame_cache();
        let mut by_master: BTreeMap<&str, Vec<&FrameJob>> = BTreeMap::new();
        let mut seen = std::collections::HashSet::new();
        for j in jobs {
            let name = j.file_name();
            if !cache.join(&name).is_file() && seen.insert(name) {
                by_master.entry(j.photo.hash.as_str()).or_default().push(j);
            }
        }
        let groups: Vec<Vec<&FrameJob>> = by_master.into_values().collect();
        let work = |part: &[Vec<&FrameJob>]| -> Result<bool> {
            for group in part {
                if cancel.load(Ordering::Relaxed) {
                    return Ok(false);
                }
                let master = self.master(&group[0].photo.hash)?;
                let img = etalase_pipeline::pipeline::decode_master(&master)
                    .map_err(|r| Error::Internal(r.reason.en))?;
                for job in group {
                    self.render_and_cache(&img, job)?;
                }
                done(group.len());
            }
            Ok(true)
        };
        let half = groups.len().div_ceil(2);
        let (a, b) = groups.split_at(half);
        let (ra, rb) = std::thread::scope(|s| {
            let other = s.spawn(|| work(b));
            let mine = work(a);
            (mine, other.join())
        });
        let rb = rb.map_err(|_| Error::Internal("a framing thread failed".into()))?;
        Ok(ra? && rb?)
    }
}
