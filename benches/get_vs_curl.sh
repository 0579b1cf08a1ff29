#!/usr/bin/env bash
# How `pductl get` compares with curl doing the same request (digest auth, JSON) against the
# simulated DLI controller on loopback, and how long `pductl --version` takes to start.
# Budget (DESIGN.md): pductl within 1.2x of curl; start-up under 5 ms.
#   usage: benches/get_vs_curl.sh [ITERATIONS]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"

cargo build --release --locked -q
bin=target/release/pductl
command -v curl >/dev/null || { echo "curl is needed for this benchmark" >&2; exit 2; }

out=$(mktemp)
"$bin" sim dli --listen 127.0.0.1:0 >"$out" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -f "$out"' EXIT
until [ -s "$out" ]; do sleep 0.05; done
addr=$(head -n1 "$out")
port=${addr##*:}
export PDUCTL_BENCH_PW=1234

run_pductl() { "$bin" --host 127.0.0.1 --port "$port" --password-env PDUCTL_BENCH_PW get relay/outlets/0/state >/dev/null; }
run_curl() { curl -s --digest -u admin:1234 -H 'Accept: application/json' "http://$addr/restapi/relay/outlets/0/state/" >/dev/null; }
run_version() { "$bin" --version >/dev/null; }

time_ms() { # prints the mean wall time of one call of "$1", in milliseconds
    local fn=$1 start end
    for _ in 1 2 3 4 5; do $fn; done # warm-up
    start=$(date +%s%N)
    for ((i = 0; i < n; i++)); do $fn; done
    end=$(date +%s%N)
    awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "%.3f", (e - s) / n / 1e6 }'
}

p=$(time_ms run_pductl)
c=$(time_ms run_curl)
v=$(time_ms run_version)
echo "pductl get:       ${p} ms per call ($n calls)"
echo "curl --digest:    ${c} ms per call"
echo "pductl --version: ${v} ms per call"
awk -v p="$p" -v c="$c" 'BEGIN { r = p / c; printf "ratio pductl/curl: %.2f (budget 1.20) %s\n", r, (r <= 1.2 ? "ok" : "OVER BUDGET") }'
# Peak memory of one get (budget 20 MB), where GNU time is installed.
if [ -x /usr/bin/time ]; then
    kb=$(/usr/bin/time -f %M "$bin" --host 127.0.0.1 --port "$port" --password-env PDUCTL_BENCH_PW \
        get relay/outlets 2>&1 >/dev/null | tail -n1)
    echo "pductl get peak RSS: $((kb / 1024)) MB (budget 20 MB)"
fi
