#!/usr/bin/env bash
# How soon a change published on the broker shows on stdout: `pductl subscribe` over MQTT
# next to `mosquitto_sub`, both reading the simulated DLI controller's state topic through a
# mosquitto broker on loopback.
#   usage: benches/mqtt_latency.sh [CHANGES]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
changes="${1:-20}"

cargo build --release --locked -q
bin=$PWD/target/release/pductl
command -v mosquitto >/dev/null && command -v mosquitto_sub >/dev/null || {
    echo "mosquitto and mosquitto-clients are needed" >&2
    exit 2
}
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nuser root\n' "$port" >"$work/m.conf"
mosquitto -c "$work/m.conf" >/dev/null 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
sleep 0.3
"$bin" sim dli --outlets 2 --mqtt "127.0.0.1:$port" --topic-root bench >/dev/null &
pids+=($!)
export XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME/pductl"
printf '[devices.b]\nprotocol = "mqtt"\nhost = "127.0.0.1"\nport = %s\ntopic_root = "bench"\n' "$port" \
    >"$XDG_CONFIG_HOME/pductl/config.toml"
sleep 0.5

# Each reader timestamps every line it prints (nanoseconds), into its own file.
stamp() { while IFS= read -r line; do echo "$(date +%s%N) $line"; done; }
"$bin" -d b subscribe relay/outlets/0/state > >(stamp >"$work/pductl") &
pids+=($!)
mosquitto_sub -p "$port" -t bench/outlets/0 > >(stamp >"$work/sub") &
pids+=($!)
sleep 1
: >"$work/sent"
for ((i = 0; i < changes; i++)); do
    echo "$(date +%s%N)" >>"$work/sent"
    mosquitto_pub -p "$port" -t bench/outlets/0 -r -m $((i % 2 == 0 ? 1 : 0))
    sleep 0.2
done
sleep 0.5
latency() { # mean ms from each send to the reader's next line after it
    awk 'NR == FNR { sent[++n] = $1; next } { got[++m] = $1 }
         END { j = 1; for (i = 1; i <= n; i++) { while (j <= m && got[j] < sent[i]) j++; if (j <= m) { t += (got[j] - sent[i]) / 1e6; c++ } }
               if (c) printf "%.2f ms over %d changes", t / c, c; else printf "no changes seen" }' "$work/sent" "$1"
}
echo "pductl subscribe: $(latency "$work/pductl")"
echo "mosquitto_sub:    $(latency "$work/sub")"
