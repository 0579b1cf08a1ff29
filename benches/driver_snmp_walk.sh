#!/usr/bin/env bash
# The built-in apc driver reading every outlet's state of a 24-outlet PDU next to net-snmp's
# snmpbulkwalk of the same column, from the same snmpd (serving a simulated AP8641 through
# pass_persist: `pductl sim snmp-pdu --model apc-ap8641`). The unit answers the driver's
# first table (rPDU2), so pductl reads the states in one bulk walk of its status column.
# Goal: within 1.5x of snmpbulkwalk.
#   usage: benches/driver_snmp_walk.sh [ITERATIONS]   (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100}"

cargo build --release --locked -q
bin=$PWD/target/release/pductl
. benches/snmp_common.sh
work=$(mktemp -d)
ctl=1.3.6.1.4.1.318.1.1.26.9.2.3.1.5
{
    echo "rocommunity public 127.0.0.1"
    echo "pass_persist .1.3.6.1.4.1.318 $bin sim snmp-pdu --model apc-ap8641"
} >"$work/snmpd.conf"
start_snmpd "$ctl.1"

export XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME/pductl"
cat >"$XDG_CONFIG_HOME/pductl/config.toml" <<CONF
[devices.pdu]
driver = "apc"
host = "127.0.0.1"
port = $port
CONF
[ "$("$bin" -d pdu get 'relay/outlets/all;/state' | tr -d ' \n' | grep -o true | wc -l)" = 24 ] || {
    echo "pductl did not read 24 outlets" >&2
    exit 1
}

p=$(time_ms "$bin" -d pdu get 'relay/outlets/all;/state')
s=$(time_ms snmpbulkwalk -v2c -c public -m "" "127.0.0.1:$port" $ctl)
echo "24 outlets: pductl get ${p} ms, snmpbulkwalk ${s} ms"
awk -v p="$p" -v s="$s" 'BEGIN { r = p / s; printf "ratio pductl/snmpbulkwalk: %.2f %s\n", r, (r <= 1.5 ? "ok" : "slower") }'
