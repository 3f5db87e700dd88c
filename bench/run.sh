#!/usr/bin/env bash
# Runs every benchmark in GanSharp and then in PyTorch, one process each, and writes the results table.
#
# Usage: bench/run.sh [OUTPUT_DIR]      (default bench/results)
# Environment: THREADS (default: the number of cores), REPEATS (default 7), SECONDS_PER_REPEAT (default 1.5),
#              WARMUP_SECONDS (default 2), BENCHMARKS (default: all, space-separated).
set -euo pipefail
cd "$(dirname "$0")/.."

output=${1:-bench/results}
threads=${THREADS:-$(nproc)}
repeats=${REPEATS:-7}
seconds=${SECONDS_PER_REPEAT:-1.5}
warmup=${WARMUP_SECONDS:-2}
python=/usr/bin/python3

if ! "$python" -c 'import torch' 2>/dev/null; then
    echo "PyTorch is missing: install Debian's package with 'apt-get install python3-torch'." >&2
    exit 1
fi

dotnet build bench/GanSharp.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
bench_dll=bench/GanSharp.Bench/bin/Release/net10.0/GanSharp.Bench.dll
names=${BENCHMARKS:-$(dotnet "$bench_dll" list)}

mkdir -p "$output"
results="$output/results.jsonl"
: > "$results"
{
    echo "{\"machine\": {\"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\", \"cores\": $(nproc),"
    echo " \"load_average\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"dotnet\": \"$(dotnet --version)\","
    echo " \"python_torch\": \"$(dpkg-query -W -f='${Version}' python3-torch 2>/dev/null || echo unknown)\","
    echo " \"blas\": \"$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)\"}}"
} | tr -d '\n' >> "$results"
echo >> "$results"

arguments=(--threads "$threads" --repeats "$repeats" --seconds "$seconds" --warmup "$warmup")
for name in $names; do
    # Each pair runs back to back, so that both see the same state of the machine.
    echo "== $name: GanSharp" >&2
    dotnet "$bench_dll" run "$name" "${arguments[@]}" | tee -a "$results" >&2
    echo "== $name: PyTorch" >&2
    "$python" bench/pytorch_bench.py run "$name" "${arguments[@]}" | tee -a "$results" >&2
done

"$python" bench/report.py "$results" > "$output/results.md"
cat "$output/results.md"
