#!/usr/bin/env bash
# `pductl serve --api dli-rest` in front of a simulated DLI controller (a measurement, not a
# pass/fail test). Budgets (DESIGN.md, issue 24):
#  1. latency: `GET /restapi/relay/outlets/0/state/` through the gateway within 1.5x of the
#     same request to the simulator directly plus one device read (what the gateway does
#     per request: `GET relay/outlets/`), measured unpinned; each side is one curl reusing
#     its connection (curl answers a Digest challenge per request on both sides, so the
#     login costs the same); the gateway reaches the simulator with pductl's dli-rest
#     client, which keeps its connection and its Digest nonce;
#  2. throughput: REQUESTS reads from CLIENTS concurrent clients (curl processes, each with
#     its own connection) served at >= 500 requests/s with the gateway pinned to one core.
#   usage: benches/gateway_dli.sh [ITERATIONS] [REQUESTS] [CLIENTS]   (default 300 1600 16)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-300}"
requests="${2:-1600}"
clients="${3:-16}"

cargo build --release --locked -q
bin=target/release/pductl
command -v curl >/dev/null || { echo "curl is needed for this benchmark" >&2; exit 2; }
cores=$(nproc)
pin_gateway=()
pin_rest=()
if command -v taskset >/dev/null && [ "$cores" -ge 2 ]; then
    pin_gateway=(0)
    pin_rest=(taskset -c "1-$((cores - 1))")
else
    echo "note: taskset or a second core missing: the gateway is not pinned to one core"
fi

work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_RUNTIME_DIR="$work/run"
export PDUCTL_BENCH_PW=1234 PDUCTL_BENCH_SERVE_PW=bench
mkdir -p "$XDG_CONFIG_HOME/pductl" "$XDG_RUNTIME_DIR"

# Waits for a server's first line (its address); stops if the server died.
wait_line() { # FILE PID
    until [ -s "$1" ]; do
        kill -0 "$2" 2>/dev/null || { echo "server did not start" >&2; exit 1; }
        sleep 0.02
    done
}

"$bin" sim dli --outlets 8 >"$work/sim" 2>"$work/sim.err" &
pids+=($!)
wait_line "$work/sim" $!
sim=$(head -n1 "$work/sim")
printf '[devices.pdu]\nprotocol = "dli-rest"\nhost = "127.0.0.1"\nport = %s\npassword_env = "PDUCTL_BENCH_PW"\n' \
    "${sim##*:}" >"$XDG_CONFIG_HOME/pductl/config.toml"
"$bin" -q serve --api dli-rest -d pdu --listen 127.0.0.1:0 \
    --serve-password-env PDUCTL_BENCH_SERVE_PW >"$work/serve" 2>"$work/serve.err" &
pids+=($!)
wait_line "$work/serve" $!
gateway=$(head -n1 "$work/serve")

# A curl config file (-K) asking for URL `count` times, bodies thrown away.
urls_file() { # URL COUNT FILE
    local i
    for ((i = 0; i < $2; i++)); do printf 'url = "%s"\noutput = "/dev/null"\n' "$1"; done >"$3"
}

# Mean milliseconds per request of `n` GETs of PATH at ADDR, in one curl (one connection;
# curl answers each request's Digest challenge), after a warm-up.
mean_ms() { # ADDR PASSWORD PATH
    urls_file "http://$1$3" "$n" "$work/mean"
    curl -s --digest -u "admin:$2" -H 'Accept: application/json' "http://$1$3" >/dev/null
    curl -s --digest -u "admin:$2" -H 'Accept: application/json' -K "$work/mean" \
        -w '%{time_total}\n' | awk '{ s += $1 } END { printf "%.3f", s / NR * 1000 }'
}

state=/restapi/relay/outlets/0/state/
direct=$(mean_ms "$sim" 1234 "$state")
read=$(mean_ms "$sim" 1234 /restapi/relay/outlets/)
through=$(mean_ms "$gateway" bench "$state")
echo "GET $state, $n times:"
echo "  sim dli directly:            ${direct} ms"
echo "  one device read (outlets/):  ${read} ms"
echo "  through the gateway:         ${through} ms"
awk -v d="$direct" -v r="$read" -v g="$through" 'BEGIN {
    b = 1.5 * (d + r); printf "  budget 1.5 x (direct + read) = %.3f ms: %s (%.2fx)\n", b, (g <= b ? "ok" : "OVER BUDGET"), g / (d + r) }'

# Throughput: CLIENTS curls at once, each reading its share over one connection, with every
# thread of the gateway on one core, the simulator and the clients on the others (the
# latency above is measured unpinned).
if [ ${#pin_gateway[@]} -gt 0 ]; then
    taskset -a -p -c 0 "${pids[1]}" >/dev/null
    taskset -a -p -c "1-$((cores - 1))" "${pids[0]}" >/dev/null
fi
per=$((requests / clients))
urls_file "http://$gateway$state" "$per" "$work/share"
client_pids=()
start=$(date +%s%N)
for ((c = 0; c < clients; c++)); do
    "${pin_rest[@]}" curl -s --digest -u admin:bench -K "$work/share" -w '%{http_code}\n' \
        >"$work/codes$c" &
    client_pids+=($!)
done
wait "${client_pids[@]}" || true
end=$(date +%s%N)
done_requests=$(cat "$work"/codes* | grep -c '^200$' || true)
failed=$(cat "$work"/codes* | grep -vc '^200$' || true)
awk -v s="$start" -v e="$end" -v n="$done_requests" -v c="$clients" -v f="$failed" 'BEGIN {
    r = n / ((e - s) / 1e9)
    printf "%d reads from %d clients in %.2f s: %.0f requests/s (budget >= 500 on one core): %s; %d failed\n",
        n, c, (e - s) / 1e9, r, (r >= 500 && f == 0 ? "ok" : "UNDER BUDGET"), f }'
