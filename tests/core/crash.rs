//! Killing the program with SIGKILL while it saves never damages the registry or loses what
//! it reported as saved (reliability plan T01, application-crash durability).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use etalase::Registry;
use etalase::vendor::VendorQuery;

fn kill_group(pid: u32) {
    // The child leads its own process group; kill the shell loop and whatever it runs.
    let status = Command::new("kill")
        .args(["-s", "KILL", "--", &format!("-{pid}")])
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "kill the process group {pid}"
    );
}

fn assert_healthy(dir: &std::path::Path) -> Registry {
    let r = Registry::open(dir).expect("the registry opens after a kill");
    assert_eq!(
        r.check().expect("check"),
        Vec::<String>::new(),
        "integrity_check and foreign_key_check are clean"
    );
    r
}

#[test]
fn sigkill_during_single_saves_keeps_every_acknowledged_vendor() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("dir");
    let bin = env!("CARGO_BIN_EXE_etalase");
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..8u64 {
        let script = format!(
            "while true; do \"{bin}\" --data-dir \"{}\" vendor add --name 'Toko Round {round}' --owner 'Siti' \
             --phone 081234567890 --kecamatan Gambir --category kesehatan --allow-duplicate --json || exit 1; done",
            dir.path().display()
        );
        let mut child = Command::new("sh")
            .args(["-c", &script])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("spawn");
        // Read while it runs, so a full pipe never stalls the writer.
        let mut stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            let mut out = String::new();
            let _ = stdout.read_to_string(&mut out);
            out
        });
        std::thread::sleep(Duration::from_millis(150 + round * 37));
        kill_group(child.id());
        let _ = child.wait();
        let out = reader.join().expect("reader");
        // A vendor is acknowledged once its JSON (printed after COMMIT) shows its whole id.
        for line in out.lines() {
            let id = line
                .trim()
                .strip_prefix("\"id\": \"")
                .and_then(|r| r.strip_suffix("\","));
            if let Some(id) = id.filter(|id| id.len() == 36) {
                acknowledged.push(id.to_owned());
            }
        }
        let r = assert_healthy(dir.path());
        for id in &acknowledged {
            r.get_vendor(id).unwrap_or_else(|e| {
                panic!("acknowledged vendor {id} lost after round {round}: {e}")
            });
        }
    }
    assert!(
        acknowledged.len() >= 8,
        "the loop saved something between kills ({} saved)",
        acknowledged.len()
    );
}

#[test]
fn sigkill_during_a_batch_save_leaves_all_or_nothing() {
    use std::os::unix::process::CommandExt;
    let bin = env!("CARGO_BIN_EXE_etalase");
    for round in 0..10u64 {
        let dir = tempfile::tempdir().expect("dir");
        let mut child = Command::new(bin)
            .arg("--data-dir")
            .arg(dir.path())
            .arg("demo")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(round * 6));
        kill_group(child.id());
        let _ = child.wait();
        if !dir.path().join("registry.sqlite").exists() {
            continue; // killed before the file was made
        }
        let r = assert_healthy(dir.path());
        let n = r.list_vendors(&VendorQuery::default()).expect("list").total;
        assert!(
            n == 0 || n == 60,
            "round {round}: the demo batch is all or nothing, found {n}"
        );
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}

/// Issue 7: SIGKILL at a random moment of `etalase bundle import`, 50 times: every time the
/// registry is either exactly as before or fully merged, never half, and intact.
#[test]
fn sigkill_during_an_import_leaves_the_registry_unchanged_or_fully_merged() {
    use crate::exchange::{content, laptop};
    use crate::support::{AddVendor, draft};
    use std::os::unix::process::CommandExt;
    let bin = env!("CARGO_BIN_EXE_etalase");
    // The bundle: the demo registry with its photos and Friday editions.
    let source = laptop();
    source.r.fill_demo().expect("demo");
    source
        .r
        .fill_demo_photos(etalase::demo::DEMO_PHOTOS)
        .expect("photos");
    let bundle = source.export("demo.etalase");
    // The receiving laptop, closed, as a template copied before every round.
    let template = tempfile::tempdir().expect("template");
    {
        let r = Registry::open(template.path()).expect("open");
        r.add_vendor(&draft()).expect("local vendor");
        r.checkpoint().expect("checkpoint");
    }
    let before = content(&Registry::open(template.path()).expect("open"));
    let merged_dir = tempfile::tempdir().expect("merged");
    copy_dir(template.path(), merged_dir.path());
    let started = std::time::Instant::now();
    let out = Command::new(bin)
        .arg("--data-dir")
        .arg(merged_dir.path())
        .args(["bundle", "import"])
        .arg(&bundle)
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = started.elapsed().as_millis() as u64;
    let after = content(&Registry::open(merged_dir.path()).expect("open"));
    assert_ne!(before, after);

    let (mut unchanged, mut merged) = (0, 0);
    let mut seed = 0x2545_F491_u64;
    for round in 0..50 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let delay = (seed >> 33) % (full + full / 4 + 1);
        let dir = tempfile::tempdir().expect("dir");
        copy_dir(template.path(), dir.path());
        let mut child = Command::new(bin)
            .arg("--data-dir")
            .arg(dir.path())
            .args(["bundle", "import"])
            .arg(&bundle)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let r = assert_healthy(dir.path());
        let now = content(&r);
        if now == before {
            unchanged += 1;
        } else if now == after {
            merged += 1;
        } else {
            panic!(
                "round {round} (killed after {delay} ms of {full}): the registry is half merged"
            );
        }
    }
    assert!(
        unchanged > 0 && merged > 0,
        "kills landed both before and after the commit ({unchanged} unchanged, {merged} merged)"
    );
}
