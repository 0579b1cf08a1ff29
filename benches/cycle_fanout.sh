#!/usr/bin/env bash
# How long cycling every outlet of 16 simulated DLI controllers (8 outlets each) in one
# command takes, next to cycling one controller's 8 outlets. Devices run in parallel, so the
# budget (DESIGN.md) is 1.3x one device's cycle.
#   usage: benches/cycle_fanout.sh [DEVICES] [RUNS]   (default 16 devices, 3 runs each)
set -euo pipefail
cd "$(dirname "$0")/.."
devices="${1:-16}"
runs="${2:-3}"

cargo build --release --locked -q
bin=target/release/pductl
. benches/dli_rack.sh
start_dli_rack "$devices"
members=()
for ((d = 1; d <= devices; d++)); do
    # No delay between outlets switched on together: measure pductl, not the relays.
    "$bin" -d "pdu$d" set relay/sequence_delay 0
    members+=("\"pdu$d:all\"")
done
printf '[groups]\nrack = [%s]\n' "$(IFS=,; echo "${members[*]}")" >>"$profile"

median_ms() { # the median wall time of "$@" over $runs runs, in milliseconds
    local times=() start end
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        "$bin" "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

one=$(median_ms cycle pdu1:all --off-time 1)
all=$(median_ms cycle rack --off-time 1)
echo "cycle 8 outlets on 1 device:             ${one} ms"
echo "cycle 8 outlets on each of ${devices} devices: ${all} ms"
awk -v a="$all" -v o="$one" 'BEGIN { r = a / o; printf "ratio: %.2f (budget 1.30) %s\n", r, (r <= 1.3 ? "ok" : "OVER BUDGET") }'
