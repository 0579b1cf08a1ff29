# Sourced by the SNMP benchmarks. Needs $work (a temporary directory holding snmpd.conf) and
# $n (iterations). start_snmpd sets $port and $agent and removes both on exit.

start_snmpd() { # start_snmpd OID: runs snmpd on a free-looking loopback port, waits for OID
    [ -x /usr/sbin/snmpd ] && command -v snmpget >/dev/null || {
        echo "snmpd and net-snmp's tools are needed (Debian packages snmpd, snmp)" >&2
        exit 2
    }
    port=$((20000 + RANDOM % 20000))
    SNMP_PERSISTENT_DIR="$work/persist" MIBS="" /usr/sbin/snmpd -f -C -c "$work/snmpd.conf" \
        -Lf "$work/snmpd.log" "udp:127.0.0.1:$port" &
    agent=$!
    trap 'kill $agent 2>/dev/null; rm -rf "$work"' EXIT
    until snmpget -v2c -c public -t 0.3 -r 0 "127.0.0.1:$port" "$1" >/dev/null 2>&1; do sleep 0.1; done
}

time_ms() { # mean wall time of "$@" in milliseconds
    local start end
    for _ in 1 2 3; do "$@" >/dev/null; done
    start=$(date +%s%N)
    for ((i = 0; i < n; i++)); do "$@" >/dev/null; done
    end=$(date +%s%N)
    awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "%.3f", (e - s) / n / 1e6 }'
}
