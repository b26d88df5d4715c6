#!/bin/sh
# Regenerates the LTX fixtures in ../ltx/ with the real superfly/ltx encoder, both page encodings:
# v0.5.1 (LZ4 frame per page, litestream v0.5.0-v0.5.15) and v0.5.2 (size-prefixed LZ4 block, v0.5.16+).
# Needs go and the sqlite3 CLI. The databases are made fresh with sqlite3; randomblob() makes some
# pages incompressible, so fixtures change on every run (expected.tsv is rewritten with them).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../ltx"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
mk() { # db page-size rows blob-bytes
  printf 'PRAGMA page_size=%s; PRAGMA journal_mode=DELETE; CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, b BLOB);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<%s)
INSERT INTO t SELECT i, printf("row %%05d of the fixture", i), randomblob(%s) || zeroblob(250) FROM n;\n' "$2" "$3" "$4" | sqlite3 "$tmp/$1" >/dev/null
}
mk p4096a.db 4096 250 16
echo "INSERT INTO t VALUES(5000,'noise',randomblob(3500));" | sqlite3 "$tmp/p4096a.db"
cp "$tmp/p4096a.db" "$tmp/p4096b.db"
printf "UPDATE t SET name='changed' WHERE id%%7=0; INSERT INTO t VALUES(1000,'new',randomblob(300));\n" | sqlite3 "$tmp/p4096b.db"
mk p512.db 512 40 8
echo "INSERT INTO t VALUES(5000,'noise',randomblob(1500));" | sqlite3 "$tmp/p512.db"
mk p65536.db 65536 400 24
cd "$here"
go run . "$tmp" "$out" v052 > "$tmp/e1"
go run -modfile=go.v051.mod . "$tmp" "$out" v051 > "$tmp/e2"
cat "$tmp/e1" "$tmp/e2" > "$out/expected.tsv"
ls -l "$out"
