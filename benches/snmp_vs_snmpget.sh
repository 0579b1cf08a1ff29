#!/usr/bin/env bash
# pductl's SNMP get next to net-snmp's snmpget, the same object from the same snmpd (serving
# the simulated DLI controller's ENERGY-OBJECT-MIB), over v2c and v3 authPriv
# (SHA-512/AES-256). Goal: not slower.
#   usage: benches/snmp_vs_snmpget.sh [ITERATIONS]   (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100}"

cargo build --release --locked -q
bin=$PWD/target/release/pductl
[ -x /usr/sbin/snmpd ] && command -v snmpget >/dev/null || {
    echo "snmpd and snmpget are needed (Debian packages snmpd, snmp)" >&2
    exit 2
}
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cat >"$work/snmpd.conf" <<CONF
rocommunity public 127.0.0.1
createUser ops512 SHA-512 "auth-pass-512" AES-256 "priv-pass-256"
rouser ops512 priv
pass_persist .1.3.6.1.2.1.229 $bin sim dli --snmp-pass-persist --state-file $work/state.json
CONF
SNMP_PERSISTENT_DIR="$work/persist" MIBS="" /usr/sbin/snmpd -f -C -c "$work/snmpd.conf" \
    -Lf "$work/snmpd.log" "udp:127.0.0.1:$port" &
agent=$!
trap 'kill $agent 2>/dev/null; rm -rf "$work"' EXIT
oid=1.3.6.1.2.1.229.1.2.1.9.1
until snmpget -v2c -c public -t 0.3 -r 0 "127.0.0.1:$port" $oid >/dev/null 2>&1; do sleep 0.1; done

export XDG_CONFIG_HOME="$work/config" AUTH=auth-pass-512 PRIV=priv-pass-256
mkdir -p "$XDG_CONFIG_HOME/pductl"
cat >"$XDG_CONFIG_HOME/pductl/config.toml" <<CONF
[devices.v2c]
protocol = "snmp"
host = "127.0.0.1"
port = $port
[devices.v3]
protocol = "snmp"
host = "127.0.0.1"
port = $port
snmp_version = "3"
user = "ops512"
auth_protocol = "sha512"
password_env = "AUTH"
priv_protocol = "aes256"
priv_password_env = "PRIV"
CONF

time_ms() { # mean wall time of "$@" in milliseconds
    local start end
    for _ in 1 2 3; do "$@" >/dev/null; done
    start=$(date +%s%N)
    for ((i = 0; i < n; i++)); do "$@" >/dev/null; done
    end=$(date +%s%N)
    awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "%.3f", (e - s) / n / 1e6 }'
}
for version in v2c v3; do
    p=$(time_ms "$bin" -d $version get "snmp/$oid")
    if [ $version = v2c ]; then
        s=$(time_ms snmpget -v2c -c public -m "" "127.0.0.1:$port" $oid)
    else
        s=$(time_ms snmpget -v3 -l authPriv -u ops512 -a SHA-512 -A "$AUTH" -x AES-256 -X "$PRIV" -m "" "127.0.0.1:$port" $oid)
    fi
    echo "$version: pductl get ${p} ms, snmpget ${s} ms"
    awk -v p="$p" -v s="$s" -v v=$version 'BEGIN { r = p / s; printf "%s ratio pductl/snmpget: %.2f %s\n", v, r, (r <= 1.0 ? "ok" : "slower") }'
done
