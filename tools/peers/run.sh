#!/usr/bin/env bash
# Measures two peers of hotline -- SQLite FTS5 search over the catalog and
# NLP.js intents trained on resources/examples -- on labelled splits, with
# the definitions of hotline's own evaluation (internal/eval), and prints a
# markdown table for each split. Only aggregate figures are printed.
#
#   tools/peers/run.sh [SPLIT_DIR [SPLIT_DIR...]]
#
# SPLIT_DIR defaults to internal/eval/testdata/sealed/; a relative one is
# taken from the repo root. Measure dev as well with
#   tools/peers/run.sh internal/eval/testdata/sealed internal/eval/testdata/dev
#
# The repo is the one this script is in; HOTLINE_ROOT=DIR measures another
# checkout (its resources/examples, resources/lines.yaml, cmd/hotline).
# PEERS_SKIP_INSTALL=1 skips `npm ci` when node_modules is already there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${HOTLINE_ROOT:-$here/../..}" && pwd)"
for need in resources/examples resources/lines.yaml cmd/hotline; do
	[ -e "$root/$need" ] || { echo "run.sh: $root has no $need (set HOTLINE_ROOT to a checkout that has)" >&2; exit 2; }
done
if [ "$#" -eq 0 ]; then
	set -- internal/eval/testdata/sealed/
fi
splits=()
for s in "$@"; do
	case "$s" in
	/*) ;;
	*) s="$root/$s" ;;
	esac
	[ -d "$s" ] || { echo "run.sh: no split folder $s" >&2; exit 2; }
	splits+=("$s")
done

if [ "${PEERS_SKIP_INSTALL:-}" != 1 ] || [ ! -d "$here/node_modules" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(
	cd "$root"
	go run ./cmd/hotline list --json --lang en >"$tmp/catalog-en.json"
	go run ./cmd/hotline list --json --lang es >"$tmp/catalog-es.json"
)

echo "Run $(date -u +%Y-%m-%dT%H:%MZ) in $root at $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo ' (with uncommitted changes)')."
node --no-warnings "$here/peers.js" --root "$root" \
	--catalog-en "$tmp/catalog-en.json" --catalog-es "$tmp/catalog-es.json" "${splits[@]}"
