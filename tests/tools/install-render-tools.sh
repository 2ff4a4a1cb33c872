#!/usr/bin/env bash
# The report tests open the HTML in a real browser (Debian's chromium) and convert the workbook with a real
# LibreOffice (libreoffice-calc). Installs them from Debian's packages when they are missing, and axe-core from npm.
set -euo pipefail
# axe-core (the accessibility engine the HTML report is checked with in Chromium), pinned by package-lock.json.
tools="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$tools/node_modules/axe-core/axe.min.js" ]; then
    command -v npm >/dev/null 2>&1 || { echo "error: npm is needed to install axe-core (apt-get install npm)" >&2; exit 2; }
    npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error
fi
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-calc)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || packages+=(fonts-noto-cjk)
[ ${#packages[@]} -eq 0 ] && exit 0
echo "installing ${packages[*]} for the report render tests"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "error: run as root or install: apt-get install ${packages[*]}" >&2; exit 2
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
