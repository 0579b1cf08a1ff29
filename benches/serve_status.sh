#!/usr/bin/env bash
# `pductl serve` answering pdudaemon-style status requests: REQUESTS requests spread over 8
# simulated DLI controllers, CONCURRENCY at a time; prints requests per second and the 99th
# percentile latency.
#   usage: benches/serve_status.sh [REQUESTS] [CONCURRENCY]   (default 200, 16)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-200}"
concurrency="${2:-16}"
devices=8

cargo build --release --locked -q
bin=target/release/pductl
command -v curl >/dev/null || { echo "curl is needed for this benchmark" >&2; exit 2; }
. benches/dli_rack.sh
start_dli_rack "$devices"
"$bin" -q serve --listen 127.0.0.1:0 >"$work/serve" &
pids+=($!)
until [ -s "$work/serve" ]; do sleep 0.02; done
addr=$(head -n1 "$work/serve")

for ((i = 0; i < requests; i++)); do
    echo "http://$addr/power/status?hostname=pdu$((i % devices + 1))&port=$((i % 8 + 1))"
done >"$work/urls"
start=$(date +%s%N)
xargs -P "$concurrency" -n 1 curl -s -o /dev/null -w '%{http_code} %{time_total}\n' <"$work/urls" >"$work/times"
end=$(date +%s%N)
failed=$(grep -vc '^200 ' "$work/times" || true)
awk -v s="$start" -v e="$end" -v n="$requests" 'BEGIN { printf "%d requests in %.2f s: %.0f requests/s\n", n, (e - s) / 1e9, n / ((e - s) / 1e9) }'
cut -d' ' -f2 "$work/times" | sort -n | awk '{ a[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "p99 latency: %.1f ms\n", a[i] * 1000 }'
echo "failed requests: $failed"
