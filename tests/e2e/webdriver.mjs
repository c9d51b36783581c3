import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { join } from "node:path";

// A minimal W3C WebDriver client: just what the end-to-end tests need, no dependencies.
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, capabilities) {
    const res = await request(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, res.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(css, { timeout = 10000 } = {}) {
    const until = Date.now() + timeout;
    for (;;) {
      try {
        const el = await this.cmd("POST", "/element", { using: "css selector", value: css });
        return new Element(this, el[ELEMENT]);
      } catch (e) {
        if (Date.now() > until) throw new Error(`no element matches ${css}: ${e.message}`);
        await sleep(150);
      }
    }
  }

  async waitFor(what, check, { timeout = 10000 } = {}) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await check();
        if (last) return last;
      } catch (e) {
        last = e.message;
      }
      if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last: ${last})`);
      await sleep(150);
    }
  }

  /** Finds and clicks, again if the page redrew the element between the two. */
  async click(css, { timeout = 10000 } = {}) {
    const until = Date.now() + timeout;
    for (;;) {
      try {
        return await (await this.find(css, { timeout })).click();
      } catch (e) {
        if (!String(e).includes("stale element") || Date.now() > until) throw e;
        await sleep(150);
      }
    }
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  end() {
    return this.cmd("DELETE", "");
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  click() {
    return this.session.cmd("POST", `/element/${this.id}/click`, {});
  }
  type(text) {
    return this.session.cmd("POST", `/element/${this.id}/value`, { text });
  }
  clear() {
    return this.session.cmd("POST", `/element/${this.id}/clear`, {});
  }
  text() {
    return this.session.cmd("GET", `/element/${this.id}/text`);
  }
  attribute(name) {
    return this.session.cmd("GET", `/element/${this.id}/attribute/${name}`);
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts tauri-driver in a process group of its own, its output in `.run/driver-PORT.log`.
 * The app it launches belongs to that group, so `stopDriver` ends all of it: a surviving app
 * would hold the test runner's output open and keep it from ever exiting.
 */
export function startDriver(port) {
  const dir = join(import.meta.dirname, ".run");
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, `driver-${port}.log`), "w");
  return spawn("tauri-driver", ["--port", String(port), "--native-driver", "/usr/bin/WebKitWebDriver"], {
    stdio: ["ignore", log, log],
    detached: true,
  });
}

export function stopDriver(driver) {
  if (!driver?.pid) return;
  try {
    process.kill(-driver.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * Starts tauri-driver on a free-ish port, waits until it answers, and opens the app on
 * `dataDir`. Returns the driver (for `stopDriver`) and the session.
 */
export async function openApp(app, dataDir, port = 4444 + Math.floor(Math.random() * 2000)) {
  const driver = startDriver(port);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch {
      if (i > 100) throw new Error("tauri-driver did not start");
      await sleep(100);
    }
  }
  const session = await Session.start(base, {
    "tauri:options": { application: app, args: ["--data-dir", dataDir] },
  });
  return { driver, session };
}
