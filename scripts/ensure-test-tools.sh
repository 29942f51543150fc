#!/usr/bin/env bash
# The tests drive Debian's Chromium through playwright-core (no browser is downloaded by npm) and
# open exported .docx files with LibreOffice (poppler-utils reads the PDF back). Installs what is missing with apt when run as root.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-dejavu-core)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v soffice >/dev/null || need+=(libreoffice-writer fonts-dejavu-core fonts-liberation)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Ontbreekt voor de tests: ${need[*]} — installeren met apt-get (eenmalig)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi
echo "De tests hebben Debian's Chromium (/usr/bin/chromium) en LibreOffice (soffice) nodig." >&2
echo "Installeer ze als root met: apt-get install -y chromium libreoffice-writer poppler-utils" >&2
exit 1
