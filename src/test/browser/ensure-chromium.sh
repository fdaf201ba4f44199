#!/usr/bin/env bash
# Makes sure the headless browser the page tests drive is installed: Debian's chromium and its
# chromedriver (the same version, from the same source; Selenium then downloads nothing).
# Run by `mvn verify` before the integration tests and by .ci/run. Does nothing when both are present.
set -euo pipefail
browser="${CHAT_IT_CHROMIUM:-/usr/bin/chromium}"
driver="${CHAT_IT_CHROMEDRIVER:-/usr/bin/chromedriver}"
if [[ -x "$browser" && -x "$driver" ]]; then
  exit 0
fi
echo "Installing Debian's chromium and chromium-driver for the browser tests"
if ! command -v apt-get >/dev/null; then
  echo "No apt-get here: install Chromium and its chromedriver, then set CHAT_IT_CHROMIUM and CHAT_IT_CHROMEDRIVER" >&2
  exit 1
fi
run_as_root=()
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null || { echo "Installing packages needs root or sudo" >&2; exit 1; }
  run_as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -q
"${run_as_root[@]}" apt-get install -y -q chromium chromium-driver
