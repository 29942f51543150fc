#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through playwright-core; no browser is downloaded by npm.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium ontbreekt: installeren met apt-get (eenmalig)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "De browsertests hebben Debian's Chromium nodig (/usr/bin/chromium)." >&2
echo "Installeer het als root met: apt-get install -y chromium" >&2
exit 1
