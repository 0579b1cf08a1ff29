//! The Modbus TCP driver backend and its built-in drivers (`modbus-coils`,
//! `waveshare-modbus`, `moxa-iologik`, `netio-modbus`), end to end: the built binary against
//! Modbus devices built from protocols/drivers-2.md section 3 and served over the real
//! protocol by tokio-modbus's own server (tests/common/modbus.rs), with mbpoll as a second,
//! independent client; and a raw TCP server for the answers a device should never send
//! (wrong lengths, wrong function codes, other transactions, exceptions, silence).

mod common;
use common::modbus::{frame, frame_with_length, ModbusDevice, Model, RawModbus, Seen};
use common::*;
use serde_json::{json, Value};

/// A home whose profile has device `name` through `driver` at loopback `port`, with the
/// extra profile lines `extra` (`outlets = 8`), and a timeout of 5 s unless they give one.
fn home_with(name: &str, driver: &str, port: u16, extra: &str) -> Home {
    let home = Home::new();
    let timeout = if extra.contains("timeout") {
        ""
    } else {
        "timeout = 5\n"
    };
    home.write_profile(&format!(
        "[devices.{name}]\ndriver = \"{driver}\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         {timeout}{extra}\n"
    ));
    home
}

/// Saves a user driver file in `home`'s drivers directory.
fn save_driver(home: &Home, id: &str, text: &str) {
    let drivers = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&drivers).unwrap();
    std::fs::write(drivers.join(format!("{id}.toml")), text).unwrap();
}

fn pd(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(args);
    c
}

/// `state` of each outlet as `status` shows it: "on" or "off".
fn states(home: &Home, device: &str) -> Vec<String> {
    json(&ok(pd(home, &["-d", device, "status"])))
        .as_array()
        .expect("status is a JSON array")
        .iter()
        .map(|o| o["state"].as_str().unwrap().to_string())
        .collect()
}

fn on_off(states: &[&str]) -> Vec<String> {
    states.iter().map(|s| s.to_string()).collect()
}

/// The requests of one function code the device saw.
fn of(seen: &[Seen], function: u8) -> Vec<Seen> {
    seen.iter()
        .filter(|s| s.function == function)
        .cloned()
        .collect()
}

fn read(unit: u8, function: u8, address: u16, quantity: u16) -> Seen {
    Seen {
        unit,
        function,
        address,
        quantity,
    }
}

/// A Waveshare POE ETH Relay (8 relays, relay k is coil k-1): `on 3` sets coil 2 with FC05
/// FF00, `status` reads every relay with one FC01 of 8 coils, and a relay switched at the
/// device shows.
#[test]
fn waveshare_relay_k_is_coil_k_minus_1_and_all_are_read_in_one_request() {
    let device = ModbusDevice::start(Model::Coils { first: 0, count: 8 }, 1);
    let home = home_with("relays", "waveshare-modbus", device.port, "");
    assert_eq!(
        ok(pd(&home, &["-d", "relays", "on", "3"])),
        "relays:3 (Outlet 3): on\n"
    );
    assert_eq!(
        device.coils(),
        [false, false, true, false, false, false, false, false]
    );
    let writes = of(&device.seen(), 5);
    assert_eq!(writes, [read(1, 5, 2, 0xFF00)], "one FC05 of coil 2 = FF00");

    device.set_coil(7, true);
    assert_eq!(
        states(&home, "relays"),
        on_off(&["off", "off", "on", "off", "off", "off", "off", "on"])
    );
    device.forget();
    let outlets = json(&ok(pd(&home, &["-d", "relays", "get", "relay/outlets"])));
    let physical: Vec<Value> = outlets
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["physical_state"].clone())
        .collect();
    assert_eq!(
        physical,
        [false, false, true, false, false, false, false, true].map(Value::Bool)
    );
    assert_eq!(
        device.seen(),
        [read(1, 1, 0, 8)],
        "8 coils in one FC01 request"
    );

    ok(pd(&home, &["off", "relays:3"]));
    assert!(!device.coil(2));
    assert_eq!(of(&device.seen(), 5).last(), Some(&read(1, 5, 2, 0)));
    // Outlets are numbered from 1 to a person: there is no relay 9 on an 8-relay unit.
    fails(pd(&home, &["on", "relays:9"]), 2, "9");
}

/// mbpoll (Debian's Modbus master) is a second client of the same device: it reads the coil
/// pductl set, and a coil it sets is the outlet pductl then reports on.
#[test]
fn mbpoll_sees_what_pductl_switched_and_the_other_way_round() {
    let device = ModbusDevice::start(Model::Coils { first: 0, count: 8 }, 1);
    let home = home_with("relays", "waveshare-modbus", device.port, "");
    ok(pd(&home, &["on", "relays:4"]));
    let port = device.port.to_string();
    let mbpoll = |args: &[&str]| {
        let out = std::process::Command::new("mbpoll")
            .args(["-m", "tcp", "-a", "1", "-t", "0", "-0", "-1", "-p", &port])
            .args(args)
            .output()
            .expect("mbpoll is installed (Debian package mbpoll)");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = mbpoll(&["-r", "0", "-c", "8", "127.0.0.1"]);
    let coils: Vec<&str> = shown
        .lines()
        .filter(|l| l.starts_with('['))
        .map(|l| l.split_whitespace().last().unwrap())
        .collect();
    assert_eq!(coils, ["0", "0", "0", "1", "0", "0", "0", "0"], "{shown}");
    // mbpoll writes coil 5 on: relay 6.
    mbpoll(&["-r", "5", "127.0.0.1", "1"]);
    assert_eq!(
        states(&home, "relays"),
        on_off(&["off", "off", "off", "on", "off", "on", "off", "off"])
    );
}

/// A Moxa ioLogik does not say how many outputs it has: without the profile's `outlets` the
/// device is a usage error before any traffic; with `outlets = 6` (an E1214) outputs are
/// coils 0-5 of unit 1.
#[test]
fn moxa_iologik_takes_its_outputs_from_the_profile() {
    let device = ModbusDevice::start(Model::Coils { first: 0, count: 6 }, 1);
    let home = home_with("io", "moxa-iologik", device.port, "");
    fails(pd(&home, &["-d", "io", "status"]), 2, "set outlets");
    assert!(
        device.seen().is_empty(),
        "nothing sent: {:?}",
        device.seen()
    );

    let home = home_with("io", "moxa-iologik", device.port, "outlets = 6");
    assert_eq!(states(&home, "io").len(), 6);
    ok(pd(&home, &["on", "io:1", "io:6"]));
    assert_eq!(device.coils(), [true, false, false, false, false, true]);
    assert!(device.seen().iter().all(|s| s.unit == 1));
    assert_eq!(of(&device.seen(), 1)[0], read(1, 1, 0, 6));
}

/// A NETIO PowerPDU 4C over Modbus: output N is coil 100+N (read with FC01, switched with
/// FC05), the cycle is its own short off (FC06 of 2 to holding register 100+N, sent once),
/// and the metering input registers are the device's meters with their scales.
#[test]
fn netio_modbus_switches_cycles_with_its_short_off_and_meters() {
    let device = ModbusDevice::start(
        Model::Netio {
            outputs: 4,
            metering: true,
        },
        1,
    );
    let home = home_with("pdu", "netio-modbus", device.port, "");
    ok(pd(&home, &["on", "pdu:2"]));
    assert_eq!(device.coils(), [false, true, false, false]);
    assert_eq!(of(&device.seen(), 5), [read(1, 5, 102, 0xFF00)]);
    assert!(of(&device.seen(), 1)
        .iter()
        .all(|s| *s == read(1, 1, 101, 4)));

    device.forget();
    ok(pd(&home, &["cycle", "pdu:2"]));
    assert_eq!(
        of(&device.seen(), 6),
        [read(1, 6, 102, 2)],
        "one short off, at output 2's register"
    );
    assert!(
        of(&device.seen(), 5).is_empty(),
        "no off/on of pductl's own"
    );
    assert!(device.coil(102), "back on after the device's own off time");

    let meters = json(&ok(pd(&home, &["-d", "pdu", "get", "meter/values"])));
    assert_eq!(meters["voltage"]["value"], json!(230.1));
    assert_eq!(meters["voltage"]["unit"], json!("V"));
    assert_eq!(meters["voltage"]["name"], json!("Voltage"));
    assert_eq!(meters["frequency"]["value"], json!(50.0));
    assert_eq!(meters["current"]["value"], json!(1.25));
    assert_eq!(meters["power_factor"]["value"], json!(0.98));
    assert_eq!(meters["power"]["value"], json!(287));
    assert_eq!(meters.as_object().unwrap().len(), 5, "{meters}");
}

/// A NETIO model without metering refuses the input registers: its meters are left out and
/// its outlets still read; a PowerCable has one output (`outlets = 1`).
#[test]
fn a_netio_without_metering_has_no_meters_and_a_powercable_one_output() {
    let device = ModbusDevice::start(
        Model::Netio {
            outputs: 1,
            metering: false,
        },
        1,
    );
    let home = home_with("cable", "netio-modbus", device.port, "outlets = 1");
    let all = json(&ok(pd(&home, &["-d", "cable", "get", ""])));
    assert_eq!(all["relay"]["outlets"].as_array().unwrap().len(), 1);
    assert_eq!(all["meter"]["values"], json!({}));
    ok(pd(&home, &["on", "cable:1"]));
    assert!(device.coil(101));
}

/// The generic driver saved under another id with the device's unit (7), inverted relays
/// and FC15 for a device that refuses FC05; the profile lists the coils in outlet order.
#[test]
fn generic_coils_with_unit_inverted_relays_fc15_and_listed_addresses() {
    let device = ModbusDevice::start_with(
        Model::Coils {
            first: 0,
            count: 16,
        },
        7,
        true,
    );
    // Relays wired normally closed: a set coil is an outlet that is off.
    for coil in 0..16 {
        device.set_coil(coil, true);
    }
    let home = home_with("rack", "rack-coils", device.port, "outlets = [4, 5, 9]");
    let generic = ok(pd(&home, &["drivers", "show", "modbus-coils"]));
    let unit_7 = generic
        .replace("id = \"modbus-coils\"", "id = \"rack-coils\"")
        .replace("unit = 1", "unit = 7")
        .replace("invert = false", "invert = true");
    let mine = unit_7.replace(
        "write_multiple_coils = false",
        "write_multiple_coils = true",
    );
    assert!(!unit_7.contains("modbus-coils") && unit_7.contains("unit = 7"));
    assert!(mine.contains("invert = true") && mine.contains("write_multiple_coils = true"));
    save_driver(&home, "rack-coils", &mine);
    ok(pd(&home, &["drivers", "check", "rack-coils"]));

    assert_eq!(states(&home, "rack"), on_off(&["off", "off", "off"]));
    device.forget();
    ok(pd(&home, &["-d", "rack", "get", "relay/outlets"]));
    assert_eq!(
        device.seen(),
        [read(7, 1, 4, 2), read(7, 1, 9, 1)],
        "coils 4-5 in one request, 9 in another"
    );
    ok(pd(&home, &["on", "rack:2"]));
    assert!(!device.coil(5), "outlet 2 on is coil 5 cleared");
    assert_eq!(of(&device.seen(), 15), [read(7, 15, 5, 1)]);
    assert!(of(&device.seen(), 5).is_empty());
    assert_eq!(states(&home, "rack"), on_off(&["off", "on", "off"]));
    assert!(
        device.seen().iter().all(|s| s.unit == 7),
        "{:?}",
        device.seen()
    );

    // The built-in as it is: unit 1, which this device does not have; and unit 7 with FC05,
    // which it refuses. Each is the device refusing (exit 1), with what to change.
    let home = home_with("rack", "modbus-coils", device.port, "outlets = 4");
    fails(pd(&home, &["-d", "rack", "status"]), 1, "unit id");
    let home = home_with("rack", "rack-coils", device.port, "outlets = 4");
    save_driver(&home, "rack-coils", &unit_7);
    fails(
        pd(
            &home,
            &["-d", "rack", "set", "relay/outlets/0/state", "true"],
        ),
        1,
        "write_multiple_coils = true",
    );
    assert!(device.coil(0), "nothing written");
}

/// `outlets` is bounded, must fit the transport, and a count past the device's coils is the
/// device refusing (with a hint), not a crash.
#[test]
fn the_profiles_outlets_is_checked() {
    let device = ModbusDevice::start(Model::Coils { first: 0, count: 8 }, 1);
    for (outlets, needle) in [
        ("0", "devices.relays.outlets must be a count from 1 to 1024"),
        (
            "100000",
            "devices.relays.outlets must be a count from 1 to 1024",
        ),
        ("[]", "devices.relays.outlets must be"),
        ("[1, 1]", "different ids"),
        ("[-1]", "devices.relays.outlets must be"),
        ("\"8\"", "devices.relays.outlets must be"),
        ("[\"a\"]", "outlets lists \"a\", not a Modbus address"),
        ("[70000]", "outlets lists \"70000\", not a Modbus address"),
    ] {
        let home = home_with(
            "relays",
            "waveshare-modbus",
            device.port,
            &format!("outlets = {outlets}"),
        );
        fails(pd(&home, &["-d", "relays", "status"]), 2, needle);
    }
    assert!(device.seen().is_empty(), "{:?}", device.seen());
    // A driver that lists its outlets takes none from the profile.
    let home = Home::new();
    home.write_profile(
        "[devices.plug]\ndriver = \"tasmota\"\nhost = \"127.0.0.1\"\nport = 9\noutlets = 2\n",
    );
    fails(
        pd(&home, &["-d", "plug", "status"]),
        2,
        "outlets is for drivers",
    );
    // 16 outlets of an 8-relay unit: the device says there is no such address.
    let home = home_with("relays", "waveshare-modbus", device.port, "outlets = 16");
    fails(
        pd(&home, &["-d", "relays", "status"]),
        1,
        "Modbus exception 2",
    );
    assert_eq!(device.seen(), [read(1, 1, 0, 16)]);
}

/// An FC01 answer for `coils` coils, all off, in a frame answering `request`.
fn coils_answer(request: &common::modbus::RawRequest, bytes: &[u8]) -> Vec<u8> {
    let mut pdu = vec![1, bytes.len() as u8];
    pdu.extend_from_slice(bytes);
    frame(request.transaction, request.unit, &pdu)
}

/// What a device must never send is a malformed answer (exit 5), whatever it claims; a
/// Modbus exception is a refusal (exit 1); silence and a closed port are exit 4.
#[test]
fn malformed_modbus_answers_are_exit_5() {
    type Answer = fn(&common::modbus::RawRequest) -> Option<Vec<u8>>;
    let cases: [(&str, Answer, i32, &str); 8] = [
        (
            "one byte of coils for 16",
            |r| Some(coils_answer(r, &[0])),
            5,
            "1 bytes of coils for 16 coils",
        ),
        (
            "3 bytes of coils for 16",
            |r| Some(coils_answer(r, &[0xFF; 3])),
            5,
            "3 bytes of coils for 16 coils (2 bytes)",
        ),
        (
            "255 bytes of coils, past the protocol's largest answer",
            |r| Some(coils_answer(r, &[0xFF; 255])),
            5,
            "malformed Modbus answer to FC01 read of coils 0-15",
        ),
        (
            "a holding register answer to FC01",
            |r| Some(frame(r.transaction, r.unit, &[3, 2, 0, 1])),
            5,
            "function code 3, not 1",
        ),
        (
            "a byte count past the frame",
            |r| Some(frame(r.transaction, r.unit, &[1, 2])),
            5,
            "malformed Modbus answer",
        ),
        (
            "a header length of 0",
            |r| Some(frame_with_length(r.transaction, r.unit, &[1, 2, 0, 0], 0)),
            5,
            "malformed Modbus answer",
        ),
        (
            "another transaction's answer",
            |r| Some(coils_answer_to(r.transaction.wrapping_add(1), r.unit)),
            5,
            "not to FC01 read of coils 0-15",
        ),
        (
            "exception 4, server device failure",
            |r| Some(frame(r.transaction, r.unit, &[0x81, 4])),
            1,
            "Modbus exception 4",
        ),
    ];
    for (what, answer, code, needle) in cases {
        let device = RawModbus::start(answer);
        let home = home_with(
            "relays",
            "modbus-coils",
            device.port,
            "outlets = 16\nretries = 0",
        );
        let line = fails(pd(&home, &["-d", "relays", "status"]), code, needle);
        assert!(line.contains("127.0.0.1"), "{what}: {line}");
        let requests = device.requests();
        assert!(!requests.is_empty(), "{what}");
        assert_eq!(requests[0].unit, 1, "{what}");
        assert_eq!(
            requests[0].pdu,
            [1, 0, 0, 0, 16],
            "{what}: FC01 of coils 0-15"
        );
    }
}

fn coils_answer_to(transaction: u16, unit: u8) -> Vec<u8> {
    frame(transaction, unit, &[1, 2, 0, 0])
}

/// A write the device echoes wrongly is a malformed answer: the coil it says it wrote is not
/// the one asked for.
#[test]
fn a_write_echoed_for_another_coil_is_exit_5() {
    let device = RawModbus::start(|r| match r.pdu[0] {
        1 => Some(frame(r.transaction, r.unit, &[1, 1, 0])),
        5 => {
            let mut echo = r.pdu.clone();
            echo[2] = echo[2].wrapping_add(1);
            Some(frame(r.transaction, r.unit, &echo))
        }
        _ => None,
    });
    let home = home_with(
        "relays",
        "modbus-coils",
        device.port,
        "outlets = 4\nretries = 0",
    );
    fails(
        pd(
            &home,
            &["-d", "relays", "set", "relay/outlets/1/state", "true"],
        ),
        5,
        "FC05 write of coil 1 = FF00",
    );
    let writes: Vec<Vec<u8>> = device
        .requests()
        .into_iter()
        .filter(|r| r.pdu[0] == 5)
        .map(|r| r.pdu)
        .collect();
    assert_eq!(writes, [vec![5, 0, 1, 0xFF, 0]]);
}

/// A device that takes the connection and never answers, and a port nothing listens on,
/// are exit 4.
#[test]
fn silence_and_a_closed_port_are_exit_4() {
    let silent = RawModbus::start(|_| None);
    let home = home_with(
        "relays",
        "modbus-coils",
        silent.port,
        "outlets = 2\nretries = 0\ntimeout = 1",
    );
    fails(
        pd(&home, &["-d", "relays", "status"]),
        4,
        "did not answer FC01",
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let home = home_with("relays", "modbus-coils", port, "outlets = 2\nretries = 0");
    fails(pd(&home, &["-d", "relays", "status"]), 4, "cannot reach");
}

/// `drivers check` names a Modbus file's mistakes with file:line:col (exit 2), and `drivers
/// list` shows the built-ins with what each was tested against.
#[test]
fn modbus_driver_files_are_checked_and_listed() {
    let home = Home::new();
    let generic = ok(pd(&home, &["drivers", "show", "netio-modbus"]));
    let file = home.dir.path().join("mine.toml");
    for (from, to, needle) in [
        (
            "state.read = { coil = \"{i}\" }",
            "state.read = { coil = \"{x}\" }",
            "is not a Modbus address",
        ),
        (
            "list = { count = 4 }",
            "list = { count = 0 }",
            "list.count is from 1 to 1024",
        ),
        (
            "value = \"2\"",
            "value = \"{v:on|off}\"",
            "not a register value",
        ),
        (
            "state.write = { coil = \"{i}\" }",
            "state.write = { coil = \"{i}\", value = \"1\" }",
            "a Modbus write is coil",
        ),
        (
            "read = { input = \"1\", scale = 0.1 }",
            "read = { input = \"1\", pointer = \"/v\" }",
            "a Modbus read names one of coil, holding, input",
        ),
        ("unit = 1", "unit = 256", "256"),
        ("[modbus]", "[http]\n[modbus]", "an [http] section"),
        (
            "list = { count = 4 }",
            "list = { get = \"/x\", items = \"/y\" }",
            "cannot list its outlets",
        ),
    ] {
        assert!(generic.contains(from), "{from}");
        std::fs::write(&file, generic.replace(from, to)).unwrap();
        let line = fails(
            pd(&home, &["drivers", "check", file.to_str().unwrap()]),
            2,
            needle,
        );
        let place = format!("{}:", file.display());
        let after = &line[line.find(&place).expect("file named") + place.len()..];
        assert!(
            after.split(':').take(2).all(|n| n.parse::<u32>().is_ok()),
            "line:col in {line}"
        );
    }
    let tasmota = ok(pd(&home, &["drivers", "show", "tasmota"]));
    std::fs::write(&file, format!("{tasmota}\n[modbus]\nunit = 1\n")).unwrap();
    fails(
        pd(&home, &["drivers", "check", file.to_str().unwrap()]),
        2,
        "a [modbus] section is for transport = \"modbus\"",
    );

    let list = json(&ok(pd(&home, &["drivers", "list"])));
    for id in [
        "modbus-coils",
        "waveshare-modbus",
        "moxa-iologik",
        "netio-modbus",
    ] {
        let d = list
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == json!(id))
            .unwrap_or_else(|| panic!("{id} listed: {list}"));
        assert_eq!(d["transport"], json!("modbus"));
        assert_eq!(d["from"], json!(format!("(built in) drivers/{id}.toml")));
        assert!(
            d["tested"]
                .as_str()
                .is_some_and(|t| t.contains("tokio-modbus")),
            "{d}"
        );
    }
    let _: Value = list;
}
