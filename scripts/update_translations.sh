#!/usr/bin/env bash
# Collect every tr()/translate()/QT_TRANSLATE_NOOP string into the English .ts (keeping the
# translations already made), then compile the .qm the program loads.  zh-TW is the source
# language, so it needs no translation file.
set -euo pipefail
cd "$(dirname "$0")/.."
ts=app/resources/translations/orderdesk_en.ts
pyside6-lupdate $(git ls-files 'app/*.py' main.py) -no-obsolete -locations relative \
  -source-language zh_TW -target-language en -ts "$ts"
pyside6-lrelease "$ts" -qm app/resources/translations/orderdesk_en.qm
