#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need and the machine
# lacks (Debian packages: curl for the simulators' contract tests and `pductl serve`;
# fence-agents for its metadata schema and libxml2-utils for xmllint, which check the fence
# agent; snmpd, the real SNMP agent, and snmp, net-snmp's tools; mosquitto, the real MQTT
# broker, and mosquitto-clients; openssl for a test certificate; openssh-server and
# openssh-client, the real sshd and ssh for uom over SSH; prometheus, the real Prometheus
# server and promtool, which scrape and lint `serve --api metrics`; the tests run their own
# instance on loopback, so the package's service is kept from starting; mbpoll, a Modbus
# client that checks the tests' Modbus device independently; powerman, whose installed
# device scripts and virtual power controller vpcd test running powerman's scripts;
# socat, for serial-port pairs), prepares the real
# Python clients
# the tests run against the simulators (scripts/python-clients.sh), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[ -f /usr/share/cluster/relaxng/metadata.rng ] || missing+=(fence-agents)
[ -x /usr/sbin/snmpd ] || missing+=(snmpd)
command -v snmpget >/dev/null 2>&1 || missing+=(snmp)
command -v mosquitto >/dev/null 2>&1 || missing+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
command -v mbpoll >/dev/null 2>&1 || missing+=(mbpoll)
[ -f /etc/powerman/wti.dev ] || missing+=(powerman)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "installing: ${missing[*]}" >&2
    $sudo apt-get update -qq
    # No service starts from this install (prometheus' would take port 9090): policy-rc.d
    # answering 101 is how Debian says "do not start daemons".
    policy=/usr/sbin/policy-rc.d
    had_policy=false
    [ -e "$policy" ] && had_policy=true
    $had_policy || printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $had_policy || $sudo chmod +x "$policy"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
    $had_policy || $sudo rm -f "$policy"
fi

scripts/python-clients.sh

# A one-off run gains nothing from incremental compilation's cache, which is over a gigabyte
# for this crate's test binaries; set CARGO_INCREMENTAL=1 to keep it.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# cargo-nextest, where the machine has it, runs the test binaries side by side (cargo test
# runs them one after another, each waiting for its slowest test); most tests wait on
# sockets and timers rather than the CPU, so two per core.
if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --locked --no-fail-fast --test-threads "$(($(nproc) * 2))" "$@"
else
    cargo test --locked "$@"
fi
