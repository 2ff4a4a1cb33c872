#!/usr/bin/env bash
# The report tests open the HTML in a real browser (Debian's chromium), convert the workbook with a real
# LibreOffice (libreoffice-calc) and its pages to PNG (poppler-utils), draw the message's charts with SkiaSharp
# (which finds fonts through fontconfig), send the message to a real SMTP server and check its body against the
# caniemail data, and run axe-core on the HTML in Chromium (the npm packages in tests/tools/package.json,
# installed with npm ci). Installs what is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v npm >/dev/null 2>&1; then
    echo "error: the mail tests need Node.js and npm (apt-get install nodejs npm)" >&2; exit 2
fi
if [ ! -f "$here/node_modules/.package-lock.json" ] || ! cmp -s "$here/package-lock.json" "$here/node_modules/.package-lock.json.installed"; then
    echo "installing the test tools' npm packages (tests/tools/package.json)"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$here/package-lock.json" "$here/node_modules/.package-lock.json.installed"
fi
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 || packages+=(poppler-utils)
[ -e /usr/lib/x86_64-linux-gnu/libfontconfig.so.1 ] || ldconfig -p 2>/dev/null | grep libfontconfig.so.1 >/dev/null || packages+=(libfontconfig1)
fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null || packages+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i "dejavu sans" >/dev/null || packages+=(fonts-dejavu-core)
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
