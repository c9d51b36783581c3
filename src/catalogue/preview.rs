//! Serves a finished build's images to the window (`catalogue://localhost/PATH`): only files
//! the build itself listed, only JPEGs, by exact relative path. Anything else is 400 or 404.

use std::path::Path;

use super::BuildReport;
use crate::photo::protocol::Response;

const MAX_PATH: usize = 200;

pub fn respond(report: Option<&BuildReport>, path: &str) -> Response {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let wanted = path.trim_start_matches('/');
    if wanted.len() > MAX_PATH
        || !wanted.ends_with(".jpg")
        || wanted.contains("..")
        || wanted.contains('\\')
        || wanted.contains('%')
    {
        return Response::status(400);
    }
    let Some(report) = report else {
        return Response::status(404);
    };
    // Exact match with the build's own list: no path from the request touches the disk.
    let Some(file) = report.files.iter().find(|f| f.path == wanted) else {
        return Response::status(404);
    };
    match std::fs::read(Path::new(&report.folder).join(&file.path)) {
        Ok(body) => Response {
            status: 200,
            content_type: "image/jpeg",
            body,
        },
        Err(_) => Response::status(404),
    }
}

/// The look preview's images, kept in memory: `look/N.jpg`, N from 1.
pub fn respond_look(pages: &[Vec<u8>], path: &str) -> Response {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let n = path
        .trim_start_matches('/')
        .strip_prefix("look/")
        .and_then(|rest| rest.strip_suffix(".jpg"))
        .filter(|d| !d.is_empty() && d.len() < 3 && d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse::<usize>().ok());
    match n.and_then(|n| pages.get(n.wrapping_sub(1))) {
        Some(body) => Response {
            status: 200,
            content_type: "image/jpeg",
            body: body.clone(),
        },
        None if n.is_none() => Response::status(400),
        None => Response::status(404),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::BuiltFile;

    #[test]
    fn look_pages_are_served_by_number_only() {
        let pages = vec![b"one".to_vec(), b"two".to_vec()];
        assert_eq!(respond_look(&pages, "/look/1.jpg").body, b"one");
        assert_eq!(respond_look(&pages, "/look/2.jpg?v=3").body, b"two");
        assert_eq!(respond_look(&pages, "/look/3.jpg").status, 404);
        assert_eq!(respond_look(&pages, "/look/0.jpg").status, 404);
        for bad in [
            "/look/../1.jpg",
            "/look/1.png",
            "/look/-1.jpg",
            "/look/.jpg",
            "/x/1.jpg",
        ] {
            assert_eq!(respond_look(&pages, bad).status, 400, "{bad}");
        }
    }

    #[test]
    fn only_the_builds_own_images_are_served() {
        let dir = tempfile_dir();
        std::fs::create_dir_all(dir.join("sosial")).expect("dir");
        std::fs::write(dir.join("sosial/01-a-1x1.jpg"), b"jpeg").expect("write");
        std::fs::write(dir.join("secret.jpg"), b"not listed").expect("write");
        let report = BuildReport {
            folder: dir.display().to_string(),
            files: vec![BuiltFile {
                path: "sosial/01-a-1x1.jpg".into(),
                bytes: 4,
            }],
            template_problems: Vec::new(),
            left_out: Vec::new(),
            cancelled: false,
        };
        assert_eq!(respond(Some(&report), "/sosial/01-a-1x1.jpg").status, 200);
        assert_eq!(
            respond(Some(&report), "/sosial/01-a-1x1.jpg?v=2").body,
            b"jpeg"
        );
        assert_eq!(respond(Some(&report), "/secret.jpg").status, 404);
        for bad in [
            "/../secret.jpg",
            "/sosial/..%2fsecret.jpg",
            "/data.json",
            "/etc/passwd",
            "/a\\\\b.jpg",
        ] {
            assert_eq!(respond(Some(&report), bad).status, 400, "{bad}");
        }
        assert_eq!(respond(None, "/sosial/01-a-1x1.jpg").status, 404);
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("etalase-preview-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp");
        d
    }
}
