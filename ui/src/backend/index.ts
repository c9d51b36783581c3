// The UI's single gateway to the backend. Nothing outside ui/src/backend/ imports @tauri-apps/*:
// components call `backend()`, which is the Tauri implementation in the app and a mock in tests
// or a plain browser.
import type { Backend } from "./types";
import { MockBackend } from "./mock";

export * from "./types";
export type * from "./bindings";

let current: Backend | undefined;

function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

export async function initBackend(): Promise<Backend> {
  if (!current) {
    current = inTauri() ? new (await import("./tauri")).TauriBackend() : new MockBackend();
  }
  return current;
}

export function backend(): Backend {
  if (!current) throw new Error("backend used before initBackend()");
  return current;
}

/** For tests: use this backend from now on. */
export function setBackend(b: Backend): void {
  current = b;
}
