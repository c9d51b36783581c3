#!/usr/bin/env bash
# Installs everything Etalase needs to build, run and test on Debian/Ubuntu. Idempotent: it
# only installs what is missing, so it is cheap to run before every start and test.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# The desktop shell's libraries, the end-to-end test tools, and what the scripts and tests use
# (LibreOffice Calc opens the marketplace sheets in a catalogue test).
APT_PACKAGES=(
  build-essential pkg-config make curl file
  libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev
  webkit2gtk-driver xvfb xauth dbus-x11 imagemagick poppler-utils qpdf
  libreoffice-calc-nogui
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: install rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "Installing Node.js and npm"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi

# The UI's packages, exactly as locked; reinstalled only when the lock file changed.
if [ ! -f ui/node_modules/.package-lock.json ] || ! cmp -s ui/package-lock.json ui/node_modules/.lock-installed; then
  say "Installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json ui/node_modules/.lock-installed
fi

if ! command -v tauri-driver >/dev/null 2>&1; then
  say "Installing tauri-driver (for the end-to-end tests)"
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi
