#!/usr/bin/env bash
# Runs every test Etalase has, after installing what is missing: formatting and lints, the
# core's tests, the UI's type check and tests, and the end-to-end tests of the real window.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
make ci
