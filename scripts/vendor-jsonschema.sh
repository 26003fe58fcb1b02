#!/usr/bin/env bash
# Writes third_party/jsonschema: github.com/santhosh-tekuri/jsonschema/v6 at the pinned
# release below, without its tests, with scripts/jsonschema/lazy-drafts.patch applied.
# go.mod replaces the module with that directory.
#
# Why: kin-openapi imports the module (for its optional JSON Schema 2020 validation,
# which krakensim never asks for), and the module's init compiles five drafts'
# meta-schemas: about 20,000 allocations, 1.7 MB kept for the life of the process and
# 10-15 ms of every start. The patch compiles them when the first Compiler is made.
#
#   scripts/vendor-jsonschema.sh           # rewrite third_party/jsonschema
#   scripts/vendor-jsonschema.sh --check   # fail if third_party/jsonschema differs
#
# To move to a newer release: change VERSION, run this script (refresh the patch if it
# no longer applies), run go test ./..., and commit the script, the patch and
# third_party/jsonschema together. Drop all three once upstream compiles lazily.
set -euo pipefail
MODULE=github.com/santhosh-tekuri/jsonschema/v6
VERSION=v6.0.3
cd "$(dirname "$0")/.."
root=$PWD
out=third_party/jsonschema

src=$(GOFLAGS=-mod=mod go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$src" ] || [ ! -d "$src" ]; then
  echo "vendor-jsonschema: go mod download $MODULE@$VERSION gave no directory" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dst=$tmp/jsonschema
mkdir -p "$dst"
(
  cd "$src"
  # The module's own sources: no tests, test data or workspace files.
  find . -type f \( -name '*.go' ! -name '*_test.go' -o -path './metaschemas/*' -o -name LICENSE -o -name go.mod -o -name go.sum \) \
    ! -path './testdata/*' -print0 | xargs -0 -I{} cp --parents {} "$dst"
)
chmod -R u+w "$dst"
patch -s -d "$dst" -p1 <"$root/scripts/jsonschema/lazy-drafts.patch"
cat >"$dst/README.krakensim" <<EOF
$MODULE $VERSION, as scripts/vendor-jsonschema.sh writes it: the release's
sources without tests, with scripts/jsonschema/lazy-drafts.patch applied. Licence:
LICENSE (Apache License 2.0). Do not edit by hand; change the patch and rerun the script.
EOF

if [ "${1:-}" = "--check" ]; then
  if ! diff -r "$dst" "$out" >"$tmp/diff"; then
    cat "$tmp/diff" >&2
    echo "vendor-jsonschema: $out differs from what scripts/vendor-jsonschema.sh writes; rerun it" >&2
    exit 1
  fi
  echo "vendor-jsonschema: $out is $MODULE $VERSION with the patch"
  exit 0
fi
rm -rf "$out"
mkdir -p "$(dirname "$out")"
cp -r "$dst" "$out"
echo "vendor-jsonschema: wrote $out ($MODULE $VERSION with the patch)"
