#!/usr/bin/env bash
# The catalogue benchmark (issue 6): Etalase's 100-product build against headless Chromium
# printing the same cards. Needs Debian's chromium and poppler-utils; installs them if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
for p in chromium poppler-utils time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$p" >/dev/null
done
exec cargo bench --bench catalogue
