#!/bin/sh
# usage: healthcheck.sh EXPECTED_VERSION -- run from the "current" release
here=$(cd "$(dirname "$0")/.." && pwd)
test -f "$here/app.conf" || { echo "missing app.conf in $here"; exit 1; }
actual=$(cat "$here/VERSION")
if [ "$actual" = "$1" ]; then echo "ok $actual"; else echo "version mismatch: $actual != $1"; exit 1; fi
