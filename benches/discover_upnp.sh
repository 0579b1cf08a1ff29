#!/usr/bin/env bash
# How long `pductl discover --upnp --wait W` takes with 8 simulated WeMo sockets answering
# SSDP on loopback (`sim dli --upnp --ssdp`): it should end within its wait window plus 50 ms
# (DESIGN.md), with all 8 found.
#   usage: benches/discover_upnp.sh [WAIT_SECONDS] [RUNS]   (default 1 s, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
wait="${1:-1}"
runs="${2:-5}"

cargo build --release --locked -q
bin=target/release/pductl
out=$(mktemp)
"$bin" sim dli --listen 127.0.0.1:0 --outlets 8 --upnp --ssdp 127.0.0.1:0 >"$out" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -f "$out"' EXIT
until grep -q '^SSDP ' "$out"; do sleep 0.02; done
ssdp=$(sed -n 's/^SSDP //p' "$out")

worst=0
for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    found=$("$bin" discover --upnp --listen 127.0.0.1:0 --target "$ssdp" --wait "$wait" -o json)
    end=$(date +%s%N)
    sockets=$(grep -o '"protocol":"wemo"' <<<"$found" | wc -l)
    [ "$sockets" -eq 8 ] || { echo "found $sockets of 8 sockets" >&2; exit 1; }
    over=$(((end - start) / 1000000 - ${wait%.*} * 1000))
    ((over > worst)) && worst=$over
    echo "run $((i + 1)): $(((end - start) / 1000000)) ms, 8 sockets"
done
echo "worst time past the ${wait} s window: ${worst} ms (budget 50 ms) $([ "$worst" -le 50 ] && echo ok || echo OVER BUDGET)"
