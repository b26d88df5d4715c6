#!/usr/bin/env bash
# Renders icons/litestream-console.svg into every size and format the installers and the window need.
# The outputs are committed; run this again after changing the drawing. Tools (Debian packages):
# rsvg-convert (librsvg2-bin) for the PNGs, ImageMagick's convert (imagemagick) for the .ico,
# png2icns (icnsutils) for the .icns.
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert:librsvg2-bin convert:imagemagick png2icns:icnsutils; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || { echo "error: ${tool%%:*} is missing: apt-get install ${tool#*:}" >&2; exit 1; }
done
src=litestream-console.svg
mkdir -p png
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" "$src" -o "png/litestream-console-$s.png"
done
# Windows: one .ico holding 16-256 (256 is stored as PNG inside the .ico).
convert png/litestream-console-{16,24,32,48,64,128,256}.png litestream-console.ico
# macOS: the sizes png2icns knows (16, 32, 48, 128, 256, 512).
png2icns litestream-console.icns png/litestream-console-{16,32,48,128,256,512}.png >/dev/null
# The window's own icon (ConsoleApp loads it from the class path).
cp png/litestream-console-256.png ../app/src/main/resources/dev/lsconsole/ui/icon-256.png
echo "rendered: icons/png/*.png, icons/litestream-console.ico, icons/litestream-console.icns"
