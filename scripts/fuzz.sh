#!/usr/bin/env bash
# Runs every Go fuzz target in the module for FUZZTIME each (default
# 100000x: a count of runs, which unlike a duration never trips the fuzzing
# coordinator's deadline race of Go 1.26, golang/go#75804).
# `go test` only fuzzes one target of one package at a time, so the targets
# are listed first and fuzzed one after another. Seed corpora are part of
# the ordinary test run; this explores beyond them. A failing input is
# written to the package's testdata/fuzz/ directory: commit it, and it
# becomes part of the seed corpus.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
fuzztime="${FUZZTIME:-100000x}"

# `go test -list` prints a package's matching names, then "ok  <package> ...".
targets=()
names=()
while read -r first second _; do
	case "${first}" in
	Fuzz*) names+=("${first}") ;;
	ok)
		for name in "${names[@]}"; do targets+=("${second} ${name}"); done
		names=()
		;;
	esac
done < <(go test -list '^Fuzz' ./...)

if [[ ${#targets[@]} -eq 0 ]]; then
	echo "error: no fuzz targets found" >&2
	exit 1
fi
for target in "${targets[@]}"; do
	read -r pkg name <<<"${target}"
	echo "--- fuzz ${pkg} ${name} (${fuzztime})"
	go test "${pkg}" -run '^$' -fuzz "^${name}\$" -fuzztime "${fuzztime}"
done
