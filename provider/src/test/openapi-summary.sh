#!/usr/bin/env bash
# Adds up the OpenAPI validation tallies that the integration tests write, one file per failsafe run (H2, PostgreSQL,
# each Keycloak version of the matrix), in provider/target/openapi-validation/ (see it/support/OpenApiContract.java):
# responses validated and failed per operation and status over the whole suite, then the documented statuses that no
# test received, and every failure's message. Exit status 1 when a response failed.
# Usage: provider/src/test/openapi-summary.sh [directory]
set -euo pipefail
dir=${1:-$(dirname "$0")/../../target/openapi-validation}
shopt -s nullglob
files=("$dir"/*.txt)
if [ ${#files[@]} -eq 0 ]; then
  echo "no tallies in $dir: run the integration tests first" >&2
  exit 2
fi

echo "OpenAPI validation of docs/openapi.yaml over ${#files[@]} failsafe run(s):"
for f in "${files[@]}"; do echo "  $(basename "$f" .txt)"; done
echo
awk -F'\t' '!/^#/ { key = $1 "\t" $2; validated[key] += $3; failed[key] += $4 }
  END { for (k in validated) print k "\t" validated[k] "\t" failed[k] }' "${files[@]}" | sort -t$'\t' -k1,1 -k2,2n |
awk -F'\t' '
  BEGIN { printf "%-28s %6s %10s %7s\n", "operation", "status", "validated", "failed" }
  $3 + $4 > 0 { printf "%-28s %6s %10d %7d\n", $1, $2, $3, $4; total += $3; failures += $4; covered++; next }
  { never = never sprintf("  %s %s\n", $1, $2); unexercised++ }
  END {
    printf "\n%d responses validated, %d failed, over %d operation x status pairs\n", total, failures, covered
    printf "%d documented operation x status pairs never received:\n%s", unexercised, never
  }'

if grep -qh '^# FAILED' "${files[@]}"; then
  echo
  echo "Failures:"
  awk '/^# FAILED/ { on = 1 } /^# / && !/^# FAILED/ && !/^#   / { on = 0 } on { sub(/^# /, ""); print }' "${files[@]}"
  exit 1
fi
