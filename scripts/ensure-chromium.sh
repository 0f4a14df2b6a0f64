#!/usr/bin/env bash
# The end-to-end tests drive the system Chromium (nothing downloads a browser). Install it
# from Debian's packages when it is missing and we may; otherwise say how.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium from Debian's packages for the end-to-end tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
else
  echo "The end-to-end tests need Chromium at $chromium_path: sudo apt-get install -y chromium" >&2
  exit 1
fi
