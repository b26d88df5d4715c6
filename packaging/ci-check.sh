#!/usr/bin/env bash
# CI check of the Linux installers (called by .ci/run after the tests; Debian, root). Builds the .deb,
# .rpm and portable tar.gz with packaging/build.sh, runs the unpacked tar.gz's command, installs the
# .deb, then uses only the installed files:
# `litestream-console --version`, a restore of the demo replica through the installed CLI, the
# installed window under Xvfb (screenshot and window class checked), then `dpkg -r` must remove every
# installed file; the .rpm is checked with `rpm -qpl`. Logs and the screenshot: app/target/ci-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
logs=$root/app/target/ci-logs
rm -rf "$logs"
mkdir -p "$logs"
fail() { echo "error: ci-check: $*" >&2; exit 1; }
step() { echo "==> $*"; }
[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes the .deb)"

step "tools (JDK jlink/jpackage, fakeroot, rpm, Xvfb, openbox, xprop, xwd, netpbm, desktop-file-utils)"
need=()
for t in jlink:openjdk-17-jdk-headless jpackage:openjdk-17-jdk-headless jar:openjdk-17-jdk-headless \
         fakeroot:fakeroot rpmbuild:rpm xvfb-run:xvfb xauth:xauth openbox:openbox xprop:x11-utils xwd:x11-apps \
         pnmtopng:netpbm desktop-file-validate:desktop-file-utils; do
  command -v "${t%%:*}" >/dev/null 2>&1 || need+=("${t#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >"$logs/apt-tools.log" 2>&1 \
    || fail "apt-get install ${need[*]} failed (log: $logs/apt-tools.log)"
fi

step "build the .deb and .rpm (packaging/build.sh)"
LSC_COMPRESS=gzip bash packaging/build.sh deb rpm tar 2>&1 | tee "$logs/build.log"
deb=$(ls app/target/dist/*.deb)
rpmf=$(ls app/target/dist/*.rpm)
[ -f "$deb" ] && [ -f "$rpmf" ] || fail "build.sh did not leave one .deb and one .rpm in app/target/dist/"

step "the portable tar.gz: its command runs from a symlink elsewhere, in a folder with a space"
portable=$(mktemp -d)
mkdir "$portable/un packed"
tar -C "$portable/un packed" -xzf app/target/dist/*.tar.gz || fail "cannot unpack the tar.gz"
ln -s "$portable/un packed/litestream-console/bin/litestream-console" "$portable/lsc"
pv=$("$portable/lsc" --version 2>&1) || fail "the portable command failed: $pv"
[[ $pv == "litestream-console "[0-9]* ]] || fail "unexpected portable --version output: $pv"
echo "    $pv"
rm -rf "$portable"

step "the .rpm's file list (rpm -qpl)"
rpm -qpl "$rpmf" > "$logs/rpm-files.txt"
for f in /usr/bin/litestream-console /usr/lib/litestream-console/app/litestream-console.jar \
         /usr/lib/litestream-console/app/litestream-console.jsa /usr/lib/litestream-console/runtime/bin/java \
         /usr/share/applications/dev.lsconsole.LitestreamConsole.desktop \
         /usr/share/metainfo/dev.lsconsole.LitestreamConsole.metainfo.xml \
         /usr/share/icons/hicolor/256x256/apps/litestream-console.png; do
  grep -qx "$f" "$logs/rpm-files.txt" || fail "the .rpm lacks $f (list: $logs/rpm-files.txt)"
done
rpm -qp --qf '[%{FILENAMES} %{FILEMODES:perms}\n]' "$rpmf" | awk '$2 ~ /^d/ {print $1}' > "$logs/rpm-dirs.txt"
if grep -E '^/usr$|^/usr/bin$|^/usr/lib$|^/usr/share' "$logs/rpm-dirs.txt"; then
  fail "the .rpm claims a system folder (above) that other packages own"
fi

step "install the .deb (apt-get install ./file.deb, which pulls its dependencies)"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "./$deb" >"$logs/apt-install.log" 2>&1 || fail "apt-get install $deb failed (log: $logs/apt-install.log)"
# What the system looks like without our package but with its dependencies: removal must return to it.
snapshot() { find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /root -o -path /work \
  -o -path /var/lib/dpkg -o -path /var/cache -o -path /var/log -o -path /var/lib/apt -o -path "$root" \) -prune \
  -o -print 2>/dev/null | sort; }
dpkg -r litestream-console >"$logs/dpkg-r0.log" 2>&1 || fail "dpkg -r failed (log: $logs/dpkg-r0.log)"
snapshot > "$logs/files-without.txt"
dpkg -i "$deb" >"$logs/dpkg-i.log" 2>&1 || fail "dpkg -i $deb failed (log: $logs/dpkg-i.log)"
dpkg -L litestream-console > "$logs/deb-files.txt"

home=$(mktemp -d)
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share
step "litestream-console --version (installed, from PATH)"
[ "$(command -v litestream-console)" = /usr/bin/litestream-console ] || fail "litestream-console is not /usr/bin/litestream-console on PATH"
v=$(litestream-console --version 2>&1) || fail "litestream-console --version failed: $v"
echo "    $v"
[[ $v == "litestream-console "[0-9]* ]] || fail "unexpected --version output: $v"
# The installed command starts Java directly (not jpackage's launcher, which asks rpm and dpkg who owns
# it on every start) and Java maps the app's class-data archive (-Xshare:on fails when it cannot).
head -n 1 /usr/bin/litestream-console | grep -qx '#!/bin/sh' || fail "/usr/bin/litestream-console is not the build's launcher script"
JAVA_TOOL_OPTIONS=-Xshare:on litestream-console --version >"$logs/xshare.log" 2>&1 \
  || fail "the installed app cannot map its class-data archive: $(grep -v JAVA_TOOL_OPTIONS "$logs/xshare.log" | head -n 1)"

step "restore the demo replica through the installed CLI"
demo=$home/demo
litestream-console demo --dir "$demo" >"$logs/demo.log" 2>&1 || fail "litestream-console demo --dir failed: $(tail -n 1 "$logs/demo.log")"
start=$(date +%s%N)
litestream-console restore -config "$demo/litestream.yml" -o "$home/restored.db" "$demo/live.db" >"$logs/restore.log" 2>&1 \
  || fail "installed restore failed: $(tail -n 1 "$logs/restore.log")"
echo "    restored in $(( ($(date +%s%N) - start) / 1000000 )) ms"
ok=$(sqlite3 "$home/restored.db" 'PRAGMA integrity_check;') || fail "sqlite3 cannot open the restored database"
[ "$ok" = ok ] || fail "the restored database fails integrity_check: $ok"
n=$(sqlite3 "$home/restored.db" 'SELECT count(*) FROM invoices;') || fail "the restored database has no invoices table"
[ "$n" -gt 0 ] || fail "the restored database has no invoices"
echo "    integrity ok, $n invoices"

step "desktop entry"
desktop-file-validate /usr/share/applications/dev.lsconsole.LitestreamConsole.desktop || fail "desktop entry invalid"

step "open the installed window under Xvfb (openbox), screenshot to app/target/ci-logs/installed-window.png"
cat > "$logs/gui.sh" <<'EOF'
set -u
logs=$1
openbox >/dev/null 2>&1 &
for _ in $(seq 1 40); do   # the window manager first (up to 10 s): it lists the windows we look for
  xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
  sleep 0.25
done
litestream-console >"$logs/gui-stdout.log" 2>&1 &
app=$!
found=
for _ in $(seq 1 120); do   # up to 60 s
  for id in $(xprop -root _NET_CLIENT_LIST 2>/dev/null | grep -o '0x[0-9a-f]*'); do
    if xprop -id "$id" WM_NAME 2>/dev/null | grep -q '"Litestream Console"'; then found=$id; break 2; fi
  done
  if ! kill -0 $app 2>/dev/null; then
    wait $app; echo "the app exited (status $?) before its window was found" >>"$logs/gui-stdout.log"; break
  fi
  sleep 0.5
done
[ -n "$found" ] || xprop -root _NET_CLIENT_LIST >>"$logs/gui-stdout.log" 2>&1
if [ -n "$found" ]; then
  sleep 3   # let the demo's listing and timeline paint
  xprop -id "$found" WM_CLASS WM_NAME >"$logs/window.txt"
  xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$logs/installed-window.png"
fi
kill $app 2>/dev/null; wait $app 2>/dev/null
[ -n "$found" ]
EOF
xvfb-run -a -s "-screen 0 1280x900x24" bash "$logs/gui.sh" "$logs" \
  || fail "no window appeared within 60 s: $(tail -n 1 "$logs/gui-stdout.log") (app output: $logs/gui-stdout.log)"
cat "$logs/window.txt"
wmclass=$(sed -n 's/^StartupWMClass=//p' /usr/share/applications/dev.lsconsole.LitestreamConsole.desktop)
grep -q "WM_CLASS(STRING) = \".*\", \"$wmclass\"" "$logs/window.txt" \
  || fail "the window's class is not the desktop entry's StartupWMClass '$wmclass' (so it would not group under its icon): $(head -n 1 "$logs/window.txt")"
[ -s "$logs/installed-window.png" ] || fail "no screenshot"
grep -rh "first window shown" "$XDG_DATA_HOME/litestream-console/logs/" 2>/dev/null | tail -n 1 | sed 's/^/    /'

step "dpkg -r removes every installed file"
dpkg -r litestream-console >"$logs/dpkg-r.log" 2>&1 || fail "dpkg -r failed (log: $logs/dpkg-r.log)"
left=()
while read -r f; do [ -e "$f" ] && [ ! -d "$f" ] && left+=("$f"); done < "$logs/deb-files.txt"
[ ${#left[@]} -eq 0 ] || fail "dpkg -r left ${#left[@]} files, e.g. ${left[0]}"
snapshot > "$logs/files-after-remove.txt"
if ! diff "$logs/files-without.txt" "$logs/files-after-remove.txt" > "$logs/files-diff.txt"; then
  fail "the file system differs after install + remove: $(head -n 3 "$logs/files-diff.txt" | paste -sd ' ' -)"
fi
rm -rf "$home"
echo "ci-check: the .deb installs, runs (CLI and window) and uninstalls cleanly; the .rpm lists its files"
