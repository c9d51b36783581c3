#!/usr/bin/env bash
# Starts Etalase after installing what is missing and building the UI and the app.
# On the first start (no registry yet) it fills a demo registry of 60 vendors.
# Pass --data-dir DIR to use another registry folder (or set ETALASE_DATA_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
make build

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'
There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).
Run Etalase on a desktop session, or inside a virtual display:
    xvfb-run -a ./scripts/start.sh
MSG
  exit 1
fi

data_args=()
if [ "${1:-}" = "--data-dir" ] && [ -n "${2:-}" ]; then
  data_args=(--data-dir "$2")
fi
./target/debug/etalase "${data_args[@]}" demo --if-new
exec ./target/debug/etalase-desktop "${data_args[@]}"
