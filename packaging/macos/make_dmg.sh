#!/usr/bin/env bash
# OrderDesk.app and OrderDesk-<version>.dmg for macOS.  NOT RUN on the project's Linux build
# machine: it runs on a Mac (Python 3.11+, Xcode's command-line tools), from the repository's root:
#
#   bash packaging/macos/make_dmg.sh
#
# Signing and notarisation come from the environment; without them the app and the disk image
# are made unsigned (fine on the Mac that built them, refused by Gatekeeper elsewhere):
#   ORDERDESK_SIGN_IDENTITY   "Developer ID Application: The Shop (TEAMID1234)", in the keychain
#   ORDERDESK_NOTARY_PROFILE  a notarytool keychain profile (xcrun notarytool store-credentials), or
#   ORDERDESK_APPLE_ID, ORDERDESK_TEAM_ID, ORDERDESK_APP_PASSWORD   (an app-specific password)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname)" = Darwin ] || { echo "make_dmg.sh runs on macOS" >&2; exit 2; }

python3 -m venv .venv-release
.venv-release/bin/pip install -e '.[bundle]'
version=$(.venv-release/bin/python -c 'import app; print(app.__version__)')
rm -rf build/pyinstaller dist/orderdesk dist/OrderDesk.app
.venv-release/bin/pyinstaller packaging/orderdesk.spec --noconfirm --distpath dist --workpath build/pyinstaller
app=dist/OrderDesk.app

# The smoke steps against the one-folder build the app is made of (as .ci/run does on Linux);
# the PostgreSQL step needs ORDERDESK_TEST_PG, else it is skipped.
.venv-release/bin/pip install -q -e '.[test]'
ORDERDESK_BUNDLE=dist/orderdesk .venv-release/bin/python -m pytest -m bundle tests/test_bundle.py

if [ -n "${ORDERDESK_SIGN_IDENTITY:-}" ]; then
  # Hardened runtime (needed for notarisation), every nested library first, then the app.
  find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) -print0 |
    xargs -0 codesign --force --timestamp --options runtime --sign "$ORDERDESK_SIGN_IDENTITY"
  codesign --force --timestamp --options runtime --sign "$ORDERDESK_SIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
else
  echo "ORDERDESK_SIGN_IDENTITY not set: the app is not signed" >&2
fi

dmg="dist/OrderDesk-$version.dmg"
staging=$(mktemp -d)
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"   # drag OrderDesk onto Applications
rm -f "$dmg"
hdiutil create -volname "OrderDesk $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
rm -rf "$staging"

if [ -n "${ORDERDESK_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$ORDERDESK_SIGN_IDENTITY" "$dmg"
  if [ -n "${ORDERDESK_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$ORDERDESK_NOTARY_PROFILE" --wait
  elif [ -n "${ORDERDESK_APPLE_ID:-}" ]; then
    xcrun notarytool submit "$dmg" --apple-id "$ORDERDESK_APPLE_ID" --team-id "$ORDERDESK_TEAM_ID" \
      --password "$ORDERDESK_APP_PASSWORD" --wait
  else
    echo "no notarisation credentials: $dmg is signed, not notarised" >&2
    echo "$dmg"; exit 0
  fi
  xcrun stapler staple "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose "$dmg"
fi
echo "$dmg"
