#!/bin/sh
# Add DigitPad to the desktop menu of the current Linux user (no root needed):
#   sh packaging/install_linux.sh [dist/DigitPad]
# Writes ~/.local/share/applications/digitpad.desktop (Exec = the bundle's absolute path)
# and the icon into ~/.local/share/icons/hicolor/scalable/apps/digitpad.svg.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bundle=$(cd "${1:-$here/../dist/DigitPad}" && pwd)
exe="$bundle/DigitPad"
[ -x "$exe" ] || { echo "install_linux.sh: no DigitPad executable in $bundle" >&2; exit 1; }
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/icons/hicolor/scalable/apps"
cp "$bundle/_internal/assets/icon.svg" "$data/icons/hicolor/scalable/apps/digitpad.svg"
sed -e "s|^Exec=DigitPad|Exec=\"$exe\"|" -e "s|^TryExec=DigitPad|TryExec=$exe|" \
  "$here/digitpad.desktop" > "$data/applications/digitpad.desktop"
echo "installed $data/applications/digitpad.desktop -> $exe"
