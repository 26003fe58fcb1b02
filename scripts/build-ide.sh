#!/usr/bin/env bash
# Rebuilds the GraphiQL IDE that krakensim embeds (sim/server/ide/) from the npm release
# pinned in scripts/ide/package-lock.json. Needs Node.js 20+ and npm; the output is
# committed, so building krakensim itself never needs Node.
#
#   scripts/build-ide.sh          # npm ci, then bundle with esbuild
#
# To move to a newer GraphiQL: change the versions in scripts/ide/package.json, run
# `npm install` there to refresh the lock file, run this script, run the browser tests
# (go test ./sim/server -run Browser), and commit package.json, package-lock.json and
# sim/server/ide/ together.
set -euo pipefail
cd "$(dirname "$0")/ide"
npm ci --no-audit --no-fund --loglevel=error
node build.mjs
cd ../../sim/server/ide
echo "sim/server/ide (raw bytes, gzip -9 bytes):"
total=0; totalgz=0
for f in *; do
  raw=$(wc -c <"$f"); gz=$(gzip -9c "$f" | wc -c)
  total=$((total + raw)); totalgz=$((totalgz + gz))
  printf '  %-28s %9d %9d\n' "$f" "$raw" "$gz"
done
printf '  %-28s %9d %9d\n' "total" "$total" "$totalgz"
