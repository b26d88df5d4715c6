#!/usr/bin/env bash
# Start-up benchmark (a script, not a timed test): the installed app against the plain `java -jar`, in
# one run, under Xvfb, median of N runs each (default 5):
#   window:  JVM uptime when the first window is shown (ConsoleApp logs it), the demo opening;
#   restore: wall time of `restore` of the demo replica (a small file replica), process start to exit.
# Needs the .deb (or .rpm) installed (litestream-console on PATH, or LSC_INSTALLED=path/to/launcher),
# the jar (mvn -B -q -DskipTests package) and Xvfb. Prints a table; writes app/target/bench-startup.txt.
# Goals: window <= 1.2 s, restore <= 0.5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
installed=${LSC_INSTALLED:-$(command -v litestream-console || true)}
jar=$PWD/app/target/litestream-console.jar
[ -n "$installed" ] || { echo "error: litestream-console is not installed (apt-get install ./app/target/dist/*.deb)" >&2; exit 1; }
[ -f "$jar" ] || { echo "error: $jar is missing: mvn -B -q -DskipTests package" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "error: Xvfb not found: apt-get install xvfb" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
"$installed" demo --dir "$work/demo" >/dev/null

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# $1: label, rest: the command; prints each window's uptime (ms).
window_runs() {
  local label=$1; shift
  local log=$XDG_DATA_HOME/litestream-console/logs/console.log
  for _ in $(seq 1 "$n"); do
    rm -f "$log"
    "$@" >/dev/null 2>&1 || true
    grep -h "first window shown" "$log" | sed 's/.*shown \([0-9]*\) ms.*/\1/' | tail -n 1
  done > "$work/$label.txt"
}
restore_runs() {
  local label=$1; shift
  for i in $(seq 1 "$n"); do
    local out=$work/restored-$label-$i.db t0
    t0=$(ms)
    "$@" restore -config "$work/demo/litestream.yml" -o "$out" "$work/demo/live.db" >/dev/null
    echo $(( $(ms) - t0 ))
  done > "$work/$label.txt"
}

# One X server for all window runs (its number from -displayfd).
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "error: Xvfb did not start" >&2; exit 1; }
export DISPLAY=:$(cat "$work/display")
JAVA_TOOL_OPTIONS=-Dlsconsole.exitAfterShow=true window_runs win-installed "$installed"
window_runs win-jar "$java" -Dlsconsole.exitAfterShow=true -jar "$jar"
restore_runs cli-installed "$installed"
restore_runs cli-jar "$java" -jar "$jar"

fmt() { local f=$work/$1.txt; [ -s "$f" ] || { echo "n/a"; return; }
  printf '%d ms (runs: %s)' "$(median < "$f")" "$(paste -sd ' ' "$f")"; }
{
  echo "start-up, median of $n ($(nproc) cores, $(uptime | sed 's/.*load average: /load /'))"
  printf '%-40s %s\n' "window, installed ($installed)" "$(fmt win-installed)"
  printf '%-40s %s\n' "window, java -jar" "$(fmt win-jar)"
  printf '%-40s %s\n' "CLI restore of the demo, installed" "$(fmt cli-installed)"
  printf '%-40s %s\n' "CLI restore of the demo, java -jar" "$(fmt cli-jar)"
  echo "goals: window <= 1200 ms, restore <= 500 ms"
} | tee app/target/bench-startup.txt
