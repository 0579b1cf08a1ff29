#!/usr/bin/env bash
# DLI's REST over CoAP over WebSockets next to REST over HTTP, the same get from the same
# simulated controller on loopback (budget, DESIGN.md: CoAP within 1.2x of REST), and how
# soon `subscribe` over CoAP reports a change made over REST (budget: within one poll
# interval).
#   usage: benches/coap_vs_rest.sh [ITERATIONS]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"

cargo build --release --locked -q
bin=target/release/pductl
out=$(mktemp)
"$bin" sim dli --listen 127.0.0.1:0 >"$out" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -f "$out"' EXIT
until [ -s "$out" ]; do sleep 0.05; done
port=$(head -n1 "$out" | sed 's/.*://')
export PDUCTL_BENCH_PW=1234
at=(--host 127.0.0.1 --port "$port" --password-env PDUCTL_BENCH_PW)

run_rest() { "$bin" "${at[@]}" get relay/outlets/0/state >/dev/null; }
run_coap() { "$bin" "${at[@]}" --protocol dli-coap get relay/outlets/0/state >/dev/null; }

time_ms() { # the mean wall time of one call of "$1", in milliseconds
    local fn=$1 start end
    for _ in 1 2 3 4 5; do $fn; done # warm-up
    start=$(date +%s%N)
    for ((i = 0; i < n; i++)); do $fn; done
    end=$(date +%s%N)
    awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "%.3f", (e - s) / n / 1e6 }'
}

r=$(time_ms run_rest)
c=$(time_ms run_coap)
echo "REST get: ${r} ms per call ($n calls)"
echo "CoAP get: ${c} ms per call"
awk -v r="$r" -v c="$c" 'BEGIN { x = c / r; printf "ratio CoAP/REST: %.2f (budget 1.20) %s\n", x, (x <= 1.2 ? "ok" : "OVER BUDGET") }'

# subscribe over CoAP, polling every second: a change made over REST must show within it.
"$bin" set relay/outlets/1/state false "${at[@]}" >/dev/null
sub=$(mktemp)
"$bin" "${at[@]}" --protocol dli-coap subscribe relay/outlets/1/state --interval 1 --count 1 >"$sub" &
watcher=$!
until [ -s "$sub" ]; do sleep 0.01; done
start=$(date +%s%N)
"$bin" "${at[@]}" set relay/outlets/1/state true >/dev/null
wait $watcher
end=$(date +%s%N)
ms=$(((end - start) / 1000000))
echo "subscribe over CoAP saw the change after ${ms} ms (budget: one 1000 ms poll) $([ "$ms" -le 1000 ] && echo ok || echo OVER BUDGET)"
rm -f "$sub"
