"""The real Python clients of DLI's legacy web interface, driven from tests/dli_legacy.rs
against `pductl sim dli`: the `dlipower` library (PyPI 1.0.176) and labgrid's
`digitalloggers_http` power backend, each used as its users use it.

    python dli_legacy_clients.py dlipower HOST:PORT PASSWORD ACTION [OUTLET]
        ACTION: status (the outlet list), on, off, cycle (one outlet, from 1)
    python dli_legacy_clients.py labgrid http://USER:PASSWORD@HOST:PORT ACTION OUTLET
        ACTION: on, off, get

Prints one JSON value on stdout: what the client returned.
"""

import json
import sys


def dlipower_main(address, password, action, outlet=None):
    import dlipower

    switch = dlipower.PowerSwitch(
        hostname=address,
        userid="admin",
        password=password,
        timeout=10,
        cycletime=1,
        retries=1,
    )
    if action == "status":
        return {"secure_login": switch.secure_login, "outlets": switch.statuslist()}
    number = int(outlet)
    if action == "on":
        # dlipower's on/off/cycle return False on success.
        failed = switch.on(number)
    elif action == "off":
        failed = switch.off(number)
    elif action == "cycle":
        failed = switch.cycle(number)
    else:
        raise SystemExit("unknown dlipower action " + action)
    return {"failed": failed, "status": switch.status(number)}


def labgrid_main(host, action, outlet):
    from labgrid.driver.power import digitalloggers_http as backend

    if action == "get":
        return backend.power_get(host, None, outlet)
    backend.power_set(host, None, outlet, action == "on")
    return None


def main(argv):
    client = argv[1]
    if client == "dlipower":
        result = dlipower_main(*argv[2:])
    elif client == "labgrid":
        result = labgrid_main(*argv[2:])
    else:
        raise SystemExit("unknown client " + client)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
