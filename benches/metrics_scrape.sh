#!/usr/bin/env bash
# `pductl serve --api metrics` scraped as Prometheus scrapes it, over DEVICES profile devices
# of which half are dead (a simulator that answers after a minute, each device with a 1 s
# timeout) and half alive (NETIO simulators, SIMS of them, metered models); prints each
# scrape's time and checks the claim: every scrape answers within the longest device
# timeout plus 1 s (2 s here), with the live half up and the dead half down.
#   usage: benches/metrics_scrape.sh [DEVICES] [ROUNDS] [SIMS]   (default 1000, 5, 8)
set -euo pipefail
cd "$(dirname "$0")/.."
devices="${1:-1000}"
rounds="${2:-5}"
sims="${3:-8}"
timeout=1
budget=$((timeout + 1))

cargo build --release --locked -q
bin=target/release/pductl
command -v curl >/dev/null || { echo "curl is needed for this benchmark" >&2; exit 2; }
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"
mkdir -p "$XDG_CONFIG_HOME/pductl"
profile="$XDG_CONFIG_HOME/pductl/config.toml"

start_sim() { # FILE ARGS...: a NETIO simulator whose address goes to FILE
    local file=$1
    shift
    "$bin" sim netio "$@" >"$file" &
    pids+=($!)
    until [ -s "$file" ]; do sleep 0.02; done
}
port_of() { head -n1 "$1" | sed 's/.*://'; }

models=(powerdin-4pz netio-4all powerpdu-8qs powerpdu-4c)
live=()
for ((s = 0; s < sims; s++)); do
    start_sim "$work/sim$s" --model "${models[s % ${#models[@]}]}"
    live+=("$(port_of "$work/sim$s")")
done
start_sim "$work/dead" --model netio-4all --fault slow=60000
dead=$(port_of "$work/dead")

for ((d = 0; d < devices; d++)); do
    if ((d % 2 == 0)); then port=${live[(d / 2) % sims]}; else port=$dead; fi
    printf '[devices.pdu%04d]\nprotocol = "netio-json"\nhost = "127.0.0.1"\nport = %s\ntimeout = %s\n\n' \
        "$d" "$port" "$timeout" >>"$profile"
done

"$bin" -q serve --api metrics --listen 127.0.0.1:0 >"$work/serve" 2>"$work/serve.err" &
pids+=($!)
until [ -s "$work/serve" ]; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.02
done
addr=$(head -n1 "$work/serve")

accept='application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'
echo "$devices devices ($((devices / 2)) dead, timeout ${timeout} s), $sims live simulators"
worst=0
failed=0
for ((r = 1; r <= rounds; r++)); do
    took=$(curl -sS --max-time 60 -H "Accept: $accept" -o "$work/body" -w '%{time_total}' "http://$addr/metrics")
    up=$(grep -c '^pductl_device_up{.*} 1$' "$work/body" || true)
    down=$(grep -c '^pductl_device_up{.*} 0$' "$work/body" || true)
    series=$(grep -vc '^#' "$work/body" || true)
    printf 'scrape %d: %.3f s, %d up, %d down, %d series, %d bytes\n' \
        "$r" "$took" "$up" "$down" "$series" "$(wc -c <"$work/body")"
    if awk -v t="$took" -v b="$budget" 'BEGIN { exit !(t >= b) }'; then
        echo "  over the budget of ${budget} s" >&2
        failed=1
    fi
    if ((up != (devices + 1) / 2 || down != devices / 2)); then
        echo "  expected $(((devices + 1) / 2)) up and $((devices / 2)) down" >&2
        failed=1
    fi
    worst=$(awk -v a="$worst" -v b="$took" 'BEGIN { print (b > a) ? b : a }')
done
printf 'slowest scrape: %.3f s (budget: the longest timeout + 1 s = %d s)\n' "$worst" "$budget"
exit "$failed"
