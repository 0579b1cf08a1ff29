#!/usr/bin/env bash
# The real Python clients some tests run against pductl's simulators, in a virtual
# environment of their own under target/ (made once, kept between runs): the tests find its
# python through PDUCTL_TEST_PYTHON or at target/pyvenv/bin/python.
#
# - dlipower (PyPI 1.0.176): the library most scripts use to drive DLI units over the legacy
#   web interface (tests/dli_legacy.rs runs it against `pductl sim dli`);
# - labgrid: its digitalloggers_http power backend, the same interface with Basic auth and
#   /status;
# - aiocoap: a CoAP client, over coap+ws:// against `pductl sim dli`'s CoAP face;
# - pywemo (PyPI 2.1.2): the WeMo library Home Assistant uses, against `sim dli --upnp`;
# - Netio (PyPI 2.0.1): NETIO's own client library, against `pductl serve --api netio-json`.
# A package already importable is not installed again, so a second run needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/pyvenv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || {
        echo "python clients: cannot make $venv: needs python3 with its venv module (Debian: python3-venv)" >&2
        exit 1
    }
fi
py="$venv/bin/python"
"$py" -c 'import sys' >/dev/null
packages=()
# module to import, then what pip installs when it is missing
for wanted in "dlipower dlipower==1.0.176" "labgrid.driver.power.digitalloggers_http labgrid" \
    "aiocoap aiocoap[ws]" "pywemo pywemo==2.1.2" "Netio Netio==2.0.1"; do
    read -r module requirement <<<"$wanted"
    if ! "$py" -c "import $module" >/dev/null 2>&1; then
        packages+=("$requirement")
    fi
done
if ((${#packages[@]})); then
    "$py" -m pip install --quiet --disable-pip-version-check "${packages[@]}" >&2
fi
for wanted in dlipower labgrid.driver.power.digitalloggers_http aiocoap pywemo Netio; do
    "$py" -c "import $wanted" || {
        echo "python clients: $wanted does not import after installing" >&2
        exit 1
    }
done
echo "python clients: dlipower, labgrid, aiocoap, pywemo, Netio (${packages[*]:-already installed})" >&2
