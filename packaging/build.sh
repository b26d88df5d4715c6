#!/usr/bin/env bash
# Builds the installers, in one command: the Maven build they need, a trimmed Java runtime (jlink: the
# JDK modules jdeps finds plus JavaFX, so JavaFX runs from the module path), the jpackage app-image, and
# from that image the installers of this OS:
#   Linux   .deb, .rpm and a portable .tar.gz      Windows .msi      macOS .dmg
# Everything is built under app/target/dist-work/ and moved into app/target/dist/ only once it is
# finished, so a failed run never leaves a half-built installer where a finished one is expected.
#
# Start-up: the runtime's class-data archive is re-made from the classes a real run loads (the window
# under a display, Xvfb on a Linux machine without one, and a CLI restore), so the JDK and JavaFX
# classes are mapped, not parsed; that archive moves with the app. The .deb and .rpm also get an
# archive of the application's own classes: Java 17 checks it against the installed path, so it is
# recorded with the app mounted at that path (/usr/lib/litestream-console) in a private mount namespace.
#
# Usage: packaging/build.sh [--skip-maven] [TYPE...]   (TYPE: app-image deb rpm tar msi dmg;
#        default: this OS's installers). LSC_JAVA_HOME picks the JDK (default: JAVA_HOME, else PATH).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

die() { echo "error: $*" >&2; exit 1; }
# $1: a command, $2: what to install when it is missing.
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found: install $2"; }

case "$(uname -s)" in
  Linux*) os=linux ;;
  Darwin*) os=mac ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) die "unsupported OS $(uname -s): build on Linux, Windows or macOS" ;;
esac

# Git Bash on Windows: C:/… paths, which both bash and the JDK's tools read.
[ $os = windows ] && root=$(cygpath -m "$root")

skip_maven=false
types=()
for a in "$@"; do
  case "$a" in
    --skip-maven) skip_maven=true ;;
    app-image|deb|rpm|tar|msi|dmg) types+=("$a") ;;
    *) die "unknown argument '$a' (usage: packaging/build.sh [--skip-maven] [app-image|deb|rpm|tar|msi|dmg]...)" ;;
  esac
done
if [ ${#types[@]} -eq 0 ]; then
  case $os in linux) types=(deb rpm tar) ;; windows) types=(msi) ;; mac) types=(dmg) ;; esac
fi
wants() { local t; for t in "${types[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

# --- Preflight: every tool, before anything is built --------------------------------------------
jdk=${LSC_JAVA_HOME:-${JAVA_HOME:-}}
# Git Bash: JAVA_HOME is C:\...; PATH wants /c/... entries.
[ $os = windows ] && [ -n "$jdk" ] && jdk=$(cygpath -u "$jdk")
if [ -n "$jdk" ]; then export PATH="$jdk/bin:$PATH"; fi
jdk_pkg="a JDK 17+ with jlink and jpackage (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless; Fedora: dnf install java-17-openjdk-devel)"
need java "$jdk_pkg"
need jdeps "$jdk_pkg"
need jlink "$jdk_pkg"
need jpackage "$jdk_pkg"
$skip_maven || need mvn "Maven 3.8+ (Debian/Ubuntu: apt-get install maven)"
if [ $os = linux ]; then
  if wants deb; then
    need fakeroot "fakeroot (Debian/Ubuntu: apt-get install fakeroot)"
    need dpkg-deb "dpkg (Debian/Ubuntu: apt-get install dpkg)"
  fi
  wants rpm && need rpmbuild "rpmbuild (Debian/Ubuntu: apt-get install rpm; Fedora: dnf install rpm-build)"
  wants tar && need tar "tar (apt-get install tar)"
  if [ -z "${DISPLAY:-}" ]; then
    need xvfb-run "xvfb-run, to record the window's classes without a display (Debian/Ubuntu: apt-get install xvfb)"
  fi
fi
[ $os = mac ] && need codesign "the Xcode command line tools (xcode-select --install)"
[ $os = windows ] && wants msi && { need candle "the WiX Toolset 3 (candle, light) on PATH, which jpackage needs for .msi"; need light "the WiX Toolset 3 (light) on PATH"; }


# Records the app's own class-data archive for an installer that puts image $1's lib/ at $2 (the paths
# Java 17 checks). Runs the dump with $1/lib mounted at $2 in a private mount namespace (root, or sudo).
appcds_at_install_path() {
  local img=$1 at=$2 cfg cp made=false runas=()
  cfg=$img/lib/app/$APP_NAME.cfg
  cp=$(sed -n 's|^app.classpath=\$APPDIR/|'"$at"'/app/|p' "$cfg" | paste -sd : -)
  if [ "$(id -u)" != 0 ]; then
    sudo -n true 2>/dev/null || { echo "warning: not root and no sudo: the .deb/.rpm go without the app's class-data archive (slower start)" >&2; return 1; }
    runas=(sudo -n)
  fi
  command -v unshare >/dev/null 2>&1 || { echo "warning: unshare (util-linux) missing: no app class-data archive" >&2; return 1; }
  [ -d "$at" ] || { "${runas[@]}" mkdir -p "$at"; made=true; }
  local rc=0
  "${runas[@]}" unshare -m sh -c 'mount --bind "$1" "$2" && "$2/runtime/bin/java" -Xshare:dump \
      -XX:SharedClassListFile="$3" -XX:SharedArchiveFile="$2/app/$4.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp "$5"' sh "$img/lib" "$at" "$rec/all.classlist" "$APP_NAME" "$cp" >"$rec/dump-app.log" 2>&1 || rc=$?
  $made && "${runas[@]}" rmdir "$at"
  [ $rc -eq 0 ] || die "cannot dump the app's class-data archive: $(tail -n 1 "$rec/dump-app.log")"
  [ "$(id -u)" = 0 ] || sudo -n chown "$(id -u):$(id -g)" "$img/lib/app/$APP_NAME.jsa"
  printf 'java-options=-XX:SharedArchiveFile=$APPDIR/%s.jsa\n' "$APP_NAME" >> "$cfg"
}

# Prints the command of a Linux install: a shell script that runs the runtime's java with what the
# jpackage launcher's .cfg $1 holds, for the app-image's lib/ at $2 (or, without $2, at ../lib from the
# script's own real path: the portable folder). jpackage 17's native launcher asks rpm and dpkg which
# package owns it on every start (rpm -qf, dpkg -S, dpkg -L, twice): 100-300 ms before Java starts,
# more on a machine with many packages.
unix_launcher() {
  local cfg=$1 at=${2:-@LIB@} args=() main="" line cp
  q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
  while IFS= read -r line; do
    line=${line//\$APPDIR/$at/app}
    case "$line" in
      java-options=*) args+=("$(q "${line#java-options=}")") ;;
      app.mainclass=*) main=${line#app.mainclass=} ;;
    esac
  done < "$cfg"
  [ -n "$main" ] || die "no app.mainclass in $cfg"
  cp=$(sed -n 's|^app.classpath=\$APPDIR/|'"$at"'/app/|p' "$cfg" | paste -sd : -)
  printf '#!/bin/sh\n'
  printf '# %s: the window without a command, the CLI with one. Made by packaging/build.sh from\n' "$APP_NAME"
  printf "# jpackage's launcher settings: it starts Java directly (see unix_launcher there).\n"
  [ -n "${2:-}" ] || printf '%s\n' 'lib=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")/lib'
  printf 'exec %s %s -cp %s %s "$@"\n' "$(q "$at/runtime/bin/java")" "${args[*]}" "$(q "$cp")" "$(q "$main")" \
    | sed "s|@LIB@|'\"\$lib\"'|g"
}

sep=:; [ $os = windows ] && sep=';'
target=$root/app/target
work=$target/dist-work
dist=$target/dist
rm -rf "$work" "$dist"
mkdir -p "$work"
trap 'rc=$?; if [ $rc -ne 0 ]; then rm -rf "$work"; echo "error: packaging failed (exit $rc); nothing was written to app/target/dist/" >&2; fi' EXIT

# --- Maven: the jar, its libraries, JavaFX, and packaging/jpackage/ filled in from the POM ---------
if ! $skip_maven; then
  echo "==> mvn -Pdist package"
  mvn -B -q -Pdist -DskipTests package
fi
jp=$target/jpackage
[ -f "$jp/conf/app.env" ] && [ -f "$target/litestream-console-app.jar" ] \
  || die "app/target/jpackage/ is missing: run without --skip-maven"
# shellcheck source=/dev/null
. "$jp/conf/app.env"
version=${APP_POM_VERSION%%-*}   # installers want digits: 0.1.0-SNAPSHOT -> 0.1.0

input=$work/input
mkdir -p "$input"
cp -R "$jp/input/." "$input/"
cp "$target/litestream-console-app.jar" "$input/$APP_NAME.jar"
! jar tf "$input/$APP_NAME.jar" | grep -q '^javafx/' || die "app/target/litestream-console-app.jar holds JavaFX: it must be the app's classes only"
# sqlite-jdbc's native library for this OS, unpacked once here instead of into a temp file on every run.
case "$os/$(uname -m)" in
  linux/x86_64) sqlite_native=Linux/x86_64/libsqlitejdbc.so ;;
  linux/aarch64) sqlite_native=Linux/aarch64/libsqlitejdbc.so ;;
  mac/arm64) sqlite_native=Mac/aarch64/libsqlitejdbc.dylib ;;
  mac/x86_64) sqlite_native=Mac/x86_64/libsqlitejdbc.dylib ;;
  windows/*) sqlite_native=Windows/x86_64/sqlitejdbc.dll ;;
  *) die "no sqlite-jdbc native library known for $os/$(uname -m)" ;;
esac
sqlite_jar=$(ls "$input"/lib/sqlite-jdbc-*.jar)
mkdir -p "$work/sqlite" "$input/native"
(cd "$work/sqlite" && jar xf "$sqlite_jar" "org/sqlite/native/$sqlite_native")
cp "$work/sqlite/org/sqlite/native/$sqlite_native" "$input/native/" \
  || die "$sqlite_jar has no org/sqlite/native/$sqlite_native"
# The JavaFX modules of this OS (the jars with a platform classifier; the others are empty shells).
fxmods=$work/fx
mkdir -p "$fxmods"
for f in "$jp"/fx/javafx-*-"$JAVAFX_VERSION"-*.jar; do cp "$f" "$fxmods/"; done
ls "$fxmods"/javafx-graphics-*.jar >/dev/null 2>&1 || die "no JavaFX platform jars in $jp/fx"

# --- The runtime: jdeps' JDK modules + JavaFX, natives beside the JDK's ----------------------------
echo "==> jdeps"
cp_libs=$(cd "$input" && ls lib/*.jar | sed "s|^|$input/|" | paste -sd "$sep" -)
# Every jar is a root: libraries found through ServiceLoader (the HTTP clients) are not reached otherwise.
jdk_modules=$(jdeps -q --multi-release 17 --ignore-missing-deps --print-module-deps \
  --module-path "$fxmods" --class-path "$cp_libs" "$input/$APP_NAME.jar" "$input"/lib/*.jar | tail -n 1)
[ -n "$jdk_modules" ] || die "jdeps found no modules"
# Found only at run time (service providers, reflection): TLS elliptic curves for S3/Kubernetes,
# charsets for sqlite3 output, DNS for the S3 SDK, and locale data for dates in the user's language.
modules="$jdk_modules,jdk.crypto.ec,jdk.charsets,jdk.naming.dns,jdk.localedata,javafx.controls,javafx.fxml"
echo "    modules: $modules"
runtime=$work/runtime
jlink --module-path "$fxmods" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --include-locales=en,de,fr,es,it,ja,ko,pt,zh --output "$runtime"
# JavaFX loads its natives from the runtime's library folder when it is linked in.
natives=$work/natives
mkdir -p "$natives"
for f in "$fxmods"/*.jar; do (cd "$natives" && jar xf "$f" $(jar tf "$f" | grep -E '\.(so|dll|dylib)$' || true)); done
case $os in
  windows) find "$natives" -name '*.dll' -exec cp {} "$runtime/bin/" \; ;;
  *) find "$natives" \( -name '*.so' -o -name '*.dylib' \) -exec cp {} "$runtime/lib/" \; ;;
esac
"$runtime/bin/java" --list-modules > "$work/modules.txt"

# --- The app-image -----------------------------------------------------------------------------
echo "==> jpackage app-image"
# The quick-start JIT (C1 only): most of a run is start-up, SQLite and I/O. SQLite's native library
# from the app's folder (saves unpacking it to a temp file, ~50-70 ms a run).
java_opts=(--java-options "-XX:TieredStopAtLevel=1"
  --java-options "-Dorg.sqlite.lib.path=\$APPDIR/native" --java-options "-Dorg.sqlite.lib.name=${sqlite_native##*/}")
icon=$root/icons/png/litestream-console-256.png
[ $os = windows ] && icon=$root/icons/litestream-console.ico
[ $os = mac ] && icon=$root/icons/litestream-console.icns
extra=()
[ $os = windows ] && extra+=(--add-launcher "$APP_NAME-cli=$jp/conf/windows-cli.properties")
[ $os = mac ] && extra+=(@"$jp/conf/mac-image.args")
images=$work/images
jpackage --type app-image --dest "$images" --name "$APP_NAME" --app-version "$version" \
  @"$jp/conf/common.args" --icon "$icon" --input "$input" --main-jar "$APP_NAME.jar" \
  --main-class dev.lsconsole.Main --runtime-image "$runtime" "${java_opts[@]}" ${extra[@]+"${extra[@]}"}
case $os in
  mac) image=$images/$APP_NAME.app; appdir=$image/Contents/app; launcher=$image/Contents/MacOS/$APP_NAME; rt=$image/Contents/runtime/Contents/Home ;;
  windows) image=$images/$APP_NAME; appdir=$image/app; launcher=$image/$APP_NAME.exe; rt=$image/runtime ;;
  *) image=$images/$APP_NAME; appdir=$image/lib/app; launcher=$image/bin/$APP_NAME; rt=$image/lib/runtime ;;
esac
rt_jsa=$rt/lib/server/classes.jsa
[ $os = windows ] && rt_jsa=$rt/bin/server/classes.jsa

# --- Start-up: record what a run loads, re-make the runtime's class-data archive from it -----------
echo "==> recording the classes a run loads (the window, then a restore)"
rec=$work/record
mkdir -p "$rec/home"
gui() {  # the real window, shown once then closed; stopped if it is still open after 180 s
  HOME=$rec/home XDG_CONFIG_HOME=$rec/home/.config XDG_DATA_HOME=$rec/home/.local/share \
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$1 -Dlsconsole.exitAfterShow=true" "$launcher" \
    >"$rec/gui.log" 2>&1 &
  local pid=$! n=0
  while kill -0 $pid 2>/dev/null; do
    n=$((n + 1))
    if [ $n -gt 1800 ]; then
      kill $pid 2>/dev/null; wait $pid 2>/dev/null
      echo "the window was still open after 180 s" >>"$rec/gui.log"; return 1
    fi
    sleep 0.1
  done
  wait $pid
}
if [ $os = linux ] && [ -z "${DISPLAY:-}" ]; then
  HOME=$rec/home xvfb-run -a -s "-screen 0 1280x900x24" bash -c "$(declare -f gui); rec='$rec' launcher='$launcher' gui '$rec/gui.classlist'" \
    || die "the window did not start under Xvfb to record its classes: $(tail -n 1 "$rec/gui.log")"
else
  gui "$rec/gui.classlist" || echo "warning: the window could not be recorded here; the archive holds the CLI classes only" >&2
fi
cli=$launcher
[ $os = windows ] && cli=$image/$APP_NAME-cli.exe   # the console launcher: the GUI one has no stdout
HOME=$rec/home JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$rec/cli.classlist" "$cli" self-test >"$rec/cli.log" 2>&1 \
  || die "self-test of the app-image failed: $(tail -n 1 "$rec/cli.log")"
cat "$rt/lib/classlist" "$rec"/*.classlist 2>/dev/null | grep -v '^#' | sort -u > "$rec/all.classlist"
# The runtime's default archive, relocatable: only classes of the runtime's modules (JDK + JavaFX) go in.
"$rt/bin/java" -Xshare:dump -XX:SharedClassListFile="$rec/all.classlist" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:SharedArchiveFile="$rt_jsa" >"$rec/dump-runtime.log" 2>&1 \
  || die "cannot dump the runtime's class-data archive: $(tail -n 1 "$rec/dump-runtime.log")"
# On Apple silicon jpackage signs the app ad hoc, and the archive just re-made breaks that seal (macOS
# would call the app damaged): sign it again, ad hoc (a release would sign with its Developer ID here).
if [ $os = mac ]; then
  codesign --force --deep --sign - "$image" >"$rec/codesign.log" 2>&1 \
    || die "codesign of $image failed: $(tail -n 1 "$rec/codesign.log")"
fi

mkdir -p "$work/out"
out=$work/out
base=$APP_NAME-$version
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}

# --- Portable folder and tar.gz (Linux) ----------------------------------------------------------
portable=$image
if [ $os = linux ] && { wants app-image || wants tar; }; then
  # Its command is a script too, which finds the folder from its own path (see unix_launcher).
  portable=$work/portable/$APP_NAME
  mkdir -p "$work/portable"
  cp -a "$image" "$portable"
  unix_launcher "$portable/lib/app/$APP_NAME.cfg" > "$portable/bin/$APP_NAME"
  rm -f "$portable/lib/libapplauncher.so"
fi
if wants app-image; then cp -R "$portable" "$out/"; fi
if [ $os = linux ] && wants tar; then
  echo "==> tar.gz"
  tar -C "$work/portable" -czf "$out/$base-linux-$(uname -m).tar.gz" "$APP_NAME"
fi

# --- .deb / .rpm: the app's own class archive at the installed path -----------------------------
if [ $os = linux ] && { wants deb || wants rpm; }; then
  installed=/usr/lib/$APP_NAME
  pkgimg=$work/pkg-image
  cp -a "$images" "$pkgimg"
  # Java 17 checks each jar's modification time against the archive: one fixed time, set again on the
  # files the packages hold (below), keeps them equal after install.
  find "$pkgimg" -exec touch -h -d "@$epoch" {} +
  appcds_at_install_path "$pkgimg/$APP_NAME" "$installed" || true
  # Files outside the app's folder, owned by the package: the command, desktop entry, icons, AppStream
  # metadata.
  share=$work/share
  mkdir -p "$share/usr/bin" "$share/usr/share/applications" "$share/usr/share/metainfo" "$share/usr/share/icons/hicolor/scalable/apps"
  unix_launcher "$pkgimg/$APP_NAME/lib/app/$APP_NAME.cfg" "$installed" > "$share/usr/bin/$APP_NAME"
  chmod 755 "$share/usr/bin/$APP_NAME"
  cp "$jp/conf/linux/$APP_NAME.desktop" "$share/usr/share/applications/$APP_ID.desktop"
  cp "$jp/conf/linux/metainfo.xml" "$share/usr/share/metainfo/$APP_ID.metainfo.xml"
  cp "$root/icons/litestream-console.svg" "$share/usr/share/icons/hicolor/scalable/apps/$APP_NAME.svg"
  for png in "$root"/icons/png/litestream-console-*.png; do
    px=${png##*-}; px=${px%.png}
    mkdir -p "$share/usr/share/icons/hicolor/${px}x${px}/apps"
    cp "$png" "$share/usr/share/icons/hicolor/${px}x${px}/apps/$APP_NAME.png"
  done
  res=$work/resources
  mkdir -p "$res"
  # LSC_COMPRESS=gzip trades size for time (CI); releases use xz.
  compress=${LSC_COMPRESS:-xz}
  case $compress in gzip) payload=w6.gzdio ;; xz) payload=w6.xzdio ;; *) die "LSC_COMPRESS must be gzip or xz" ;; esac
  sed -e "s|LSC_PAYLOAD|$payload|g" -e "s|LSC_SHARE_DIR|$share|g" -e "s|LSC_EPOCH|$epoch|g" "$jp/conf/linux/$APP_NAME.spec" > "$res/$APP_NAME.spec"
  # jpackage 17 builds the .deb with `fakeroot dpkg-deb -b DIR FILE`: this dpkg-deb, first on PATH,
  # adds the share/ files to DIR (the command replaces jpackage's launcher, whose library goes), sets the
  # fixed time on the app's files, then runs the real one.
  shim=$work/shim
  mkdir -p "$shim"
  cat > "$shim/dpkg-deb" <<SHIM
#!/bin/sh
for a in "\$@"; do
  if [ -d "\$a/DEBIAN" ]; then
    cp -R "$share/." "\$a/"
    rm -rf "\$a/usr/lib/$APP_NAME/libapplauncher.so" "\$a/usr/lib/$APP_NAME/lib"
    find "\$a/usr/lib/$APP_NAME" -exec touch -h -d "@$epoch" {} +
  fi
done
PATH="$PATH" exec dpkg-deb -Z$compress "\$@"
SHIM
  chmod +x "$shim/dpkg-deb"
  for t in deb rpm; do
    wants $t || continue
    echo "==> jpackage $t"
    PATH="$shim:$PATH" jpackage --type $t --dest "$out" --name "$APP_NAME" --app-version "$version" \
      @"$jp/conf/common.args" @"$jp/conf/linux.args" --app-image "$pkgimg/$APP_NAME" --resource-dir "$res" \
      --temp "$work/tmp-$t"
  done
fi

# --- Windows .msi, macOS .dmg --------------------------------------------------------------------
if [ $os = windows ] && wants msi; then
  echo "==> jpackage msi"
  jpackage --type msi --dest "$out" --name "$APP_NAME" --app-version "$version" @"$jp/conf/common.args" \
    @"$jp/conf/windows.args" --app-image "$image"
fi
if [ $os = mac ] && wants dmg; then
  echo "==> jpackage dmg"
  jpackage --type dmg --dest "$out" --name "$APP_NAME" --app-version "$version" @"$jp/conf/common.args" \
    @"$jp/conf/mac.args" --app-image "$image"
fi

# --- Done: publish the finished files at once -----------------------------------------------------
cp "$work/modules.txt" "$out/runtime-modules.txt"
rt_size=$(du -sh "$rt" | cut -f1)
mv "$out" "$dist"
rm -rf "$work"
trap - EXIT
echo "==> app/target/dist/ ($rt_size runtime: $(paste -sd ' ' "$dist/runtime-modules.txt" | sed 's/@[^ ]*//g'))"
for f in "$dist"/*; do [ "$f" = "$dist/runtime-modules.txt" ] || echo "    $f ($(du -sh "$f" | cut -f1))"; done
