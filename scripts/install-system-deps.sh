#!/usr/bin/env bash
# Installs what the tests and the demo need beyond Python: LibreOffice (to open
# every generated workbook/document the way an office suite does and to make
# PDFs), CJK fonts (so Chinese renders), poppler (pdftotext/pdftoppm), chromium (the browser
# tests drive it with Playwright; no browser is downloaded) and the PostgreSQL server (the
# storage tests and the load bench start their own in a temporary folder).
# Idempotent: does nothing when everything is already there.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list :lang=zh 2>/dev/null | grep -qi "noto" || need+=(fonts-noto-cjk)
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "安装系统依赖：${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "需要管理员权限安装：${need[*]}（请用 root 运行，或手工 apt-get install）" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
