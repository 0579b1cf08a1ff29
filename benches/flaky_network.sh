#!/usr/bin/env bash
# pductl on flaky networks: on/off success rates through 20% connection resets + 10% black
# holes (DLI REST) and 20% UDP loss each way (SNMP, beside snmpget on the same path), cycle
# calls that reached a device twice, wrong reports. Goal: >= 99%, 0 duplicates, 0 wrong.
#   usage: benches/flaky_network.sh [COMMANDS]   (default 100; needs snmpd and snmpget)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --locked -q --bench flaky_network -- "${1:-100}"
