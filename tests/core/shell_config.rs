//! The desktop shell's security settings (reliability plan T28), read from the real files so a
//! careless edit fails here rather than shipping.

use serde_json::Value;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path)
}

fn json(path: &str) -> Value {
    serde_json::from_str(&read(path)).expect(path)
}

#[test]
fn the_csp_is_strict_and_the_api_is_not_global() {
    let conf = json("src-tauri/tauri.conf.json");
    let app = &conf["app"];
    assert_eq!(
        app["withGlobalTauri"], false,
        "the Tauri API must not sit on window"
    );
    assert_eq!(app["security"]["freezePrototype"], true);
    assert!(
        app["security"]
            .get("dangerousDisableAssetCspModification")
            .is_none()
    );
    assert_eq!(
        app["security"]["assetProtocol"]["enable"], false,
        "photos go through our own protocol"
    );
    let csp = app["security"]["csp"].as_object().expect("a CSP object");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'", "no inline or remote scripts");
    for (directive, value) in csp {
        let v = value.as_str().expect("string");
        assert!(
            !v.contains("unsafe-eval") && !v.contains("unsafe-inline"),
            "{directive}: {v}"
        );
        assert!(
            !v.contains("https:") && !v.contains("http://*"),
            "{directive} allows remote hosts: {v}"
        );
    }
}

#[test]
fn the_main_window_may_call_only_our_commands() {
    let cap = json("src-tauri/capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap.get("remote").is_none(), "no remote origin gets IPC");
    let build = read("src-tauri/build.rs");
    let handler = read("src-tauri/src/lib.rs");
    for p in cap["permissions"].as_array().expect("permissions") {
        let p = p.as_str().expect("string");
        assert!(
            !p.contains(':'),
            "{p}: no plugin permissions (fs, shell, http, ...) are granted"
        );
        let command = p
            .strip_prefix("allow-")
            .expect("app command permission")
            .replace('-', "_");
        assert!(
            build.contains(&format!("\"{command}\"")),
            "{command} is in build.rs's manifest"
        );
        assert!(
            handler.contains(&format!("commands::{command},")),
            "{command} is registered"
        );
    }
}

#[test]
fn tauri_is_pinned_past_known_advisories_and_no_risky_plugin_ships() {
    let lock = read("Cargo.lock");
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"tauri\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_owned())
        .expect("tauri in Cargo.lock");
    let parts: Vec<u32> = version.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    assert!(
        parts[0] == 2 && (parts[1], parts[2]) >= (11, 1),
        "tauri {version} < 2.11.1 (GHSA-7gmj-67g7-phm9)"
    );
    for banned in [
        "tauri-plugin-shell",
        "tauri-plugin-fs",
        "tauri-plugin-http",
        "tauri-plugin-sql",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{banned}\"")),
            "{banned} must not ship"
        );
    }
    assert_eq!(
        lock.matches("name = \"libsqlite3-sys\"").count(),
        1,
        "one SQLite, the bundled one"
    );
}
