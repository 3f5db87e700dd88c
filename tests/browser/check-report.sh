#!/usr/bin/env bash
# Trains two short runs (points and digits), writes their report.html, and checks each page in headless Chromium:
# no script error, no request outside the page and its data: URIs, every image loaded. Saves a screenshot per page
# in the folder given as the first argument (default: out/report-check).
# Needs Chromium (Debian: apt-get install -y chromium) and Node.js 18 or later.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
screenshots="$(mkdir -p "${1:-$root/out/report-check}" && cd "${1:-$root/out/report-check}" && pwd)"

chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [[ -z "$chromium" ]]; then
  echo "check-report: chromium not found. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM to its path." >&2
  exit 1
fi

if ! command -v node > /dev/null; then
  echo "check-report: node not found. Install Node.js 18 or later (Debian: sudo apt-get install -y nodejs)." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Small models keep the two runs to a few seconds; the report needs only their files.
"$root/gansharp" train --data gaussian1d --steps 200 --sample-interval 100 --out "$work/points" > /dev/null
"$root/gansharp" train --data mnist --steps 20 --sample-interval 10 --log-interval 5 \
  --g-hidden 64 --d-hidden 64 --out "$work/digits" > /dev/null

# An evaluation file with nested fields and markup in a string, which the page must show as text.
cat > "$work/digits/evaluation.json" <<'JSON'
{ "metrics": { "fid": 123.4, "inception_score": 2.1 }, "samples": 1000, "note": "<script>alert(1)</script>" }
JSON

"$root/gansharp" report --run "$work/points"
"$root/gansharp" report --run "$work/digits"
CHROMIUM="$chromium" node "$root/tests/browser/check-report.mjs" "$work/points/report.html" "$screenshots/points.png" --min-images 3 --min-charts 4
CHROMIUM="$chromium" node "$root/tests/browser/check-report.mjs" "$work/digits/report.html" "$screenshots/digits.png" --min-images 3 --min-charts 3
