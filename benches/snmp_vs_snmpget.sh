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
. benches/snmp_common.sh
work=$(mktemp -d)
cat >"$work/snmpd.conf" <<CONF
rocommunity public 127.0.0.1
createUser ops512 SHA-512 "auth-pass-512" AES-256 "priv-pass-256"
rouser ops512 priv
pass_persist .1.3.6.1.2.1.229 $bin sim dli --snmp-pass-persist --state-file $work/state.json
CONF
oid=1.3.6.1.2.1.229.1.2.1.9.1
start_snmpd $oid

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
