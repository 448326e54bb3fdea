#!/usr/bin/env bash
# Installs the tools the browser and PDF tests need when they are missing:
# Chromium (headless browser tests, card PDFs), poppler-utils (PDF checks)
# and zbar-tools (reading the cards' QR codes back).
# On machines without apt-get it says exactly what to install.
set -euo pipefail

# The HTML and accessibility checks use the Nu Html Checker (vnu.jar) and
# axe-core, both from the npm registry, kept outside the repository.
TOOLS="${HANDBOEK_TOOLS:-$HOME/.cache/handboek-tools}"
install_tools() {
  if [ -f "$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar" ] && [ -f "$TOOLS/node_modules/axe-core/axe.min.js" ]; then
    return 0
  fi
  echo "ensure-deps: installing vnu-jar and axe-core into $TOOLS"
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --silent --no-audit --no-fund --prefix "$TOOLS" vnu-jar@26 axe-core@4 >/dev/null)
}

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
fc-list 2>/dev/null | grep -qi 'NotoSans-Regular' || missing+=(fonts-noto-core)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  install_tools
  exit 0
fi
echo "ensure-deps: installing ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-deps: apt-get not found; install these packages yourself: ${missing[*]}" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-deps: not root and no sudo; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "ensure-deps: installed ${missing[*]}"
install_tools
