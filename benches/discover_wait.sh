#!/usr/bin/env bash
# How long `pductl discover --wait W` takes against a simulated NETIO device answering on
# loopback: it should end within its wait window plus 50 ms (DESIGN.md).
#   usage: benches/discover_wait.sh [WAIT_SECONDS] [RUNS]   (default 1 s, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
wait="${1:-1}"
runs="${2:-5}"

cargo build --release --locked -q
bin=target/release/pductl
out=$(mktemp)
"$bin" sim netio --discover 127.0.0.1:0 >"$out" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -f "$out"' EXIT
until [ "$(wc -l <"$out")" -ge 2 ]; do sleep 0.02; done
udp=$(sed -n 2p "$out")

worst=0
for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    found=$("$bin" discover --listen 127.0.0.1:0 --target "$udp" --wait "$wait" -o json)
    end=$(date +%s%N)
    [ "$found" != "[]" ] || { echo "the simulated device was not found" >&2; exit 1; }
    over=$(((end - start) / 1000000 - ${wait%.*} * 1000))
    ((over > worst)) && worst=$over
    echo "run $((i + 1)): $(((end - start) / 1000000)) ms"
done
echo "worst time past the ${wait} s window: ${worst} ms (budget 50 ms) $([ "$worst" -le 50 ] && echo ok || echo OVER BUDGET)"
