#!/usr/bin/env bash
# How long `pductl drivers list` takes with every built-in driver (parsed and checked at
# each run, as any command naming a driver does): goal under 5 ms (issue 25), the median of
# RUNS runs. The user's driver directory is an empty one, so only the built-ins count.
#   usage: benches/drivers_list.sh [RUNS]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200}"

cargo build --release --locked -q
bin=target/release/pductl
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
count=$(XDG_CONFIG_HOME="$config" "$bin" drivers list -o text | wc -l)

times=()
for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    XDG_CONFIG_HOME="$config" "$bin" drivers list -o text >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$((runs / 2 + 1))p")
best=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
echo "drivers list over $count built-ins: median $((median / 1000)).$(printf '%03d' $((median % 1000))) ms, best $((best / 1000)).$(printf '%03d' $((best % 1000))) ms, $runs runs (goal 5 ms) $([ "$median" -le 5000 ] && echo ok || echo OVER BUDGET)"
