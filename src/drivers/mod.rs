//! Drivers as data: a vendor's HTTP API, SNMP MIB, MQTT topics or Modbus register map
//! described in a TOML file and served through the `Transport` trait by one engine
//! (`engine.rs`) over a backend per protocol (`http.rs`, `snmp.rs`, `mqtt.rs`, `modbus.rs`),
//! so a device is added without Rust. A file may list `[[variant]]`s (a vendor's
//! alternative tables), probed in order on the first read. Files come built in
//! (`drivers/*.toml`, embedded at build time) or from the user
//! (`$XDG_CONFIG_HOME/pductl/drivers/*.toml`, which add to the built-ins or replace one of
//! the same id, with a note). Every file is checked before any traffic: an unknown key, a
//! template that names an unknown variable or a bad JSON pointer is an error with
//! `file:line:col`.
//!
//! ```toml
//! [driver]
//! id = "acme-powerstrip"
//! vendor = "ACME"
//! transport = "http"
//! index_base = 1                 # the device's number of outlet 0: {i} = {n} + index_base
//!
//! [http]
//! auth = { scheme = "basic", user = "ops" }
//! errors = [{ pointer = "/error" }]        # a 200 answer holding this is a refusal
//!
//! [outlets]
//! list = { get = "/api/v1/ports", items = "/ports" }   # one request reads every outlet
//!                                # (or keys = "POWER": members POWER1, POWER2... in order)
//! state.read = { pointer = "/relay", map = { on = true, off = false } }
//! state.pending = { pointer = "/pending" }             # true while a change is under way
//! state.write = { put = "/api/v1/ports/{i}/relay", body = "{v:on|off}", content_type = "text/plain" }
//! name.read = { pointer = "/label" }   # a null name is an unnamed outlet: ""
//! # (or, where names come from a request of their own, as Shelly Gen2's Shelly.GetConfig:
//! #  name.list = { get = "/api/v1/config", items = "/ports" }, and name.read reads its items)
//! name.write = { put = "/api/v1/ports/{i}/label", body = "{value}", content_type = "text/plain" }
//! cycle.native = { put = "/api/v1/ports/{i}/relay", body = "cycle", content_type = "text/plain" }
//!
//! [[meter]]
//! key = "outlets.{n}.power"
//! quantity = "power"
//! unit = "W"
//! read = { pointer = "/watts" }
//! ```
//!
//! Template variables: `{n}` pductl's outlet (from 0), `{i}` the device's (`n + index_base`),
//! for SNMP `{row}` the outlet's row index as walked (`1.3`: PoE group 1, port 3), for MQTT
//! `{topic}` the profile's `topic_root`, for HTTP with `auth.scheme = "query"` (and in a
//! "form" login) `{user}` and `{password}`,
//! `{value}` the value written, `{v:ON|OFF}` one word or the other by the boolean written;
//! `{{` and `}}` are literal braces. `{value}` is percent-encoded in a URL and written as
//! JSON in a JSON body, so what a user names an outlet cannot reshape the request.
//! Arithmetic: `{2*n+v:02}` is a sum of whole numbers, `n`, `i`, `v` (1 for on, 0 for off)
//! and a number times one of them, `:0W` padding it to W digits (SainSmart's `/30000/03`).
//!
//! A write may be several requests (`engine.rs`): `then = [{ ... }]` lists the requests
//! sent after the first, in order, each checked before the next (Schleifenbauer: SET the
//! outlet's unlock, then its state); a step that fails says which it was. A write whose
//! device takes every outlet's state at once names `{outlets}`, filled from `outlet` for
//! each outlet in order: the outlets written with the value, the others with their state
//! as read just before (read-modify-write), or with `other` where given; `join` goes
//! between the pieces and `width` pads them to the device's count with `other`.
//! `get = "/{v:ons|offs}.cgi?led={outlets}", outlet = "1", other = "0", width = 24` is
//! DigiPower's mask; `string = "{outlets}", outlet = "{v:1|0}", join = ","` its SNMP
//! string. One such request writes every outlet selected; `drivers check` sees that it
//! names no single outlet (`{n}`, `{i}`) outside its pieces (`{id}` there is the first
//! written outlet's: UniFi's device id, every outlet's). A piece may name
//! `{json:/pointer}`, the JSON of that member of the outlet's item (`"Outlet 1"`, `null`
//! where it has none), so a JSON list written whole keeps what it does not change. An item
//! of a list's `items` array reads, at `/..`, the short plain members (text, numbers,
//! booleans) of the object that holds the array: `id.read = { pointer = "/../_id" }` is a
//! UniFi device's id beside its `outlet_table`.
//!
//! `[driver] tested` says what the file was tested against (`drivers list` shows it). A
//! meter whose key names neither `{n}` nor `{i}` is the device's own (`voltage`), read once,
//! and named by its `name` (default: the key).
//!
//! A list may keep only the items that are outlets, for a hub that lists every device it
//! has: `filter = { pointer = "/type", values = ["Switch"] }` (or `prefix = "Sw"`; SNMP:
//! `oid = "COLUMN"` for pointer, the row's value in that column), as in
//! `list = { get = "/rest/items", items = "", filter = { ... } }`; outlet n is the n-th kept,
//! so writes name `{id}`. A map's `_` maps every value it does not list (else such a value
//! fails the read): `map = { ON = true, OFF = false, _ = "unknown" }` reads openHAB's `NULL`
//! as an unknown state (shown as none) rather than a malformed answer.
//!
//! A device whose answer is text or HTML lists its outlets with a regex (`text.rs`): one
//! outlet per match, its members named by capture group (`fields`) or named groups, or one
//! capture holding every outlet's state, split (`packed`: digits, hex, csv, spaces, amp),
//! after which reads use pointers and maps as for JSON (a packed item is the piece itself):
//! `list = { get = "/relays.cgi", text = 'Status:\s*((?:[01][ \t]*)+)', packed = "spaces" }`
//! with `state.read = { map = { "1" = true, "0" = false } }`. At most 1 MiB of answer is
//! read. An in-band error may be a regex too: `errors = [{ text = '\b401\b', auth = true }]`.
//!
//! An HTTP device that cannot list its outlets is read one request per outlet:
//! `list = { each = { get = "/switch/{id}" } }` (ESPHome), the whole answer being the
//! outlet's item. The outlets are then the profile's `outlets`: ids in outlet order
//! (`outlets = ["bench_psu", "lamp"]`), each `{id}` in the request and in writes, or a
//! count (`{id}` is then `{i}`). `[http] headers = { Authorization = "Bearer {password}" }`
//! sends headers with every request, templates naming only `{user}` and `{password}` (a
//! token is the profile's password, as every secret is; no header is ever traced). An
//! answer that is XML says so with the name of its document element, `"*"` for any:
//! `list = { get = "/current_state.xml", xml = "CurrentState", keys = "Relay" }`. It is
//! read as JSON is: an element is an object of its child elements by local name (a name
//! repeated: an array), one without children its trimmed text, so pointers are element
//! paths (`/Relay1/State`, `/Name`); attributes are not read, a DTD is refused.
//!
//! A list may be a POST (`post`, `body`, `content_type`; `headers` of its own, as any
//! request may have: a SOAPACTION per call); its outlets may be the members of an object
//! whatever their names (`members = "/ports"`: Hue's sparse `"1"`, `"3"`; `{id}` is the
//! name; natural order), or ids one request lists, each read by `each` (`ids = { get =
//! ... }`, `plain` for text answers: a FRITZ!Box's getswitchlist, getswitchstate);
//! `json_strings` reads a string holding JSON as that JSON. Auth scheme "token" logs in
//! (`[http] challenge`, `login`, `token`: `{token}` in later requests, one login more where
//! it expired), `[http] computed` values sign requests (`md5`, `sha256`, `md5_utf16le` or
//! `fritz` of a template naming `{nonce}`, `{timestamp}`, `{password}`...), and
//! "basic-or-digest" answers whichever challenge the device sends (`login.rs`, `http.rs`).
//! An in-band error may name the `values` that are it, and with `auth = true` be a refused
//! credential (exit 3).
//!
//! A Modbus TCP device (`transport = "modbus"`) cannot list its outlets: they are the
//! profile's `outlets` (a count, or the device's numbers of the outlets in order, which are
//! then `{i}`), else the file's `list.count`. Reads and writes name a table and an address
//! template (`{i}`, `{n}`, or a number); every outlet's field is read in as few requests as
//! the addresses allow (one FC01 for N consecutive coils).
//!
//! ```toml
//! [driver]
//! id = "netio-modbus"
//! transport = "modbus"
//! index_base = 101               # output 1 is coil 101: {i} = n + 101
//!
//! [modbus]
//! port = 502                     # the profile's port wins
//! unit = 1                       # the unit (slave) id every request carries
//! invert = false                 # true: a set coil is an outlet that is off
//! write_multiple_coils = false   # true: FC15 for one coil, for devices refusing FC05
//!
//! [outlets]
//! list = { count = 4 }           # when the profile has no `outlets` (list = {}: it must)
//! state.read = { coil = "{i}" }  # FC01 (coil), FC03 (holding) or FC04 (input), with map
//! state.write = { coil = "{i}" } # FC05 of the state written
//! cycle.native = { holding = "{i}", value = "2" }   # FC06 of a value template ({v:1|0})
//!
//! [[meter]]
//! key = "voltage"
//! name = "Voltage"
//! quantity = "voltage"
//! unit = "V"
//! read = { input = "1", scale = 0.1 }
//! ```
//!
//! A device's command line (`transport = "session"`: telnet, raw TCP, a local command,
//! `ssh` or a `serial` port with `serial = "9600,8n1"`) is a conversation of steps
//! (`send`, `expect` a regex, capture outlets from what it read, `delay`) in `[session]`
//! (connect, login, logout), `outlets.list.steps` (or `list.each`'s, run once per outlet,
//! with `count`) and the writes' `steps`; `session.rs` has the format and a worked example
//! (`drivers/wti-nps.toml`). Sends may hold bytes (`{byte:0x6E + i}`), an expect may read
//! a `packed` bitmask (`bits = [4, 5]`), and a toggle-only device's write reads first and
//! stops when the outlet is `already` as asked.
//!
//! A device spoken to in datagrams or framed TCP messages (`transport = "wire"`: Kasa's
//! XOR-autokey frames on TCP 9999, WiZ's JSON and Anel's text over UDP) says how in
//! `[wire]` (`protocol = "tcp"|"udp"`, `port`, `codec = "kasa"|"json"|"text"`,
//! `answer_port` where a UDP device answers to a port of its own choosing, `errors` as
//! `[http]`'s); every request is a `payload` template (`list = { payload = '...', items =
//! "/children" }`, `state.write = { payload = '...' }`), its answer read as JSON (a list
//! without `items` or `keys`: the whole answer is one outlet) or with a `text` regex;
//! `wire.rs` has the format.
//!
//! An MQTT device that publishes each outlet's state retained on a topic of its own and
//! takes no query (Z-Wave JS UI) is read with `list = { answer = "{topic}/{id}/currentValue",
//! unwrap = "/value" }` and no `publish`: its outlets are the profile's `outlets`, a
//! payload is JSON or plain text, and `unwrap` is where a JSON object holds the value
//! (`mqtt.rs`).
//!
//! A profile may also name one of powerman's device scripts instead of a driver file:
//! `driver = "powerman:wti"` (`/etc/powerman/wti.dev`) or `"powerman:/path/x.dev"`, run
//! directly over the same conversations (`powerman.rs`); `host` says how the device is
//! reached, in powerman.conf's words (`"pdu1"` telnet, `"/usr/sbin/vpcd |&"` a coprocess).

pub mod engine;
pub mod http;
pub mod login;
pub mod modbus;
pub mod mqtt;
pub mod powerman;
pub mod session;
pub mod snmp;
pub mod telnet;
pub mod text;
pub mod wire;

use crate::error::{Error, Result};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The driver files built into the binary (`drivers/*.toml` in the repository).
const BUILT_IN: &[(&str, &str)] = &[
    ("acme.toml", include_str!("../../drivers/acme.toml")),
    ("anel.toml", include_str!("../../drivers/anel.toml")),
    ("apc.toml", include_str!("../../drivers/apc.toml")),
    (
        "appro-swpdu.toml",
        include_str!("../../drivers/appro-swpdu.toml"),
    ),
    ("aten-pe.toml", include_str!("../../drivers/aten-pe.toml")),
    (
        "aviosys-9258.toml",
        include_str!("../../drivers/aviosys-9258.toml"),
    ),
    (
        "aviosys-http.toml",
        include_str!("../../drivers/aviosys-http.toml"),
    ),
    (
        "avocent-acs.toml",
        include_str!("../../drivers/avocent-acs.toml"),
    ),
    (
        "avocent-pm.toml",
        include_str!("../../drivers/avocent-pm.toml"),
    ),
    (
        "baytech-rpc.toml",
        include_str!("../../drivers/baytech-rpc.toml"),
    ),
    (
        "baytech-snmp.toml",
        include_str!("../../drivers/baytech-snmp.toml"),
    ),
    (
        "conrad-197720.toml",
        include_str!("../../drivers/conrad-197720.toml"),
    ),
    (
        "cyberpower.toml",
        include_str!("../../drivers/cyberpower.toml"),
    ),
    (
        "cyclades-acs.toml",
        include_str!("../../drivers/cyclades-acs.toml"),
    ),
    (
        "cyclades-pm.toml",
        include_str!("../../drivers/cyclades-pm.toml"),
    ),
    ("denkovi.toml", include_str!("../../drivers/denkovi.toml")),
    (
        "devantech-eth.toml",
        include_str!("../../drivers/devantech-eth.toml"),
    ),
    (
        "devantech-usb-rly.toml",
        include_str!("../../drivers/devantech-usb-rly.toml"),
    ),
    (
        "digipower-snmp.toml",
        include_str!("../../drivers/digipower-snmp.toml"),
    ),
    (
        "digipower.toml",
        include_str!("../../drivers/digipower.toml"),
    ),
    ("dingtian.toml", include_str!("../../drivers/dingtian.toml")),
    ("domoticz.toml", include_str!("../../drivers/domoticz.toml")),
    (
        "eaton-epdu.toml",
        include_str!("../../drivers/eaton-epdu.toml"),
    ),
    (
        "eaton-managed.toml",
        include_str!("../../drivers/eaton-managed.toml"),
    ),
    (
        "eaton-nlogic.toml",
        include_str!("../../drivers/eaton-nlogic.toml"),
    ),
    (
        "eaton-pulizzi.toml",
        include_str!("../../drivers/eaton-pulizzi.toml"),
    ),
    ("edimax.toml", include_str!("../../drivers/edimax.toml")),
    (
        "eg-pms2-http.toml",
        include_str!("../../drivers/eg-pms2-http.toml"),
    ),
    (
        "epowerswitch.toml",
        include_str!("../../drivers/epowerswitch.toml"),
    ),
    (
        "esphome-web.toml",
        include_str!("../../drivers/esphome-web.toml"),
    ),
    (
        "fritzdect.toml",
        include_str!("../../drivers/fritzdect.toml"),
    ),
    (
        "gude-http.toml",
        include_str!("../../drivers/gude-http.toml"),
    ),
    (
        "gude-legacy.toml",
        include_str!("../../drivers/gude-legacy.toml"),
    ),
    (
        "home-assistant.toml",
        include_str!("../../drivers/home-assistant.toml"),
    ),
    ("hp-ilo.toml", include_str!("../../drivers/hp-ilo.toml")),
    ("hpe-g2.toml", include_str!("../../drivers/hpe-g2.toml")),
    ("hpe-pdu3.toml", include_str!("../../drivers/hpe-pdu3.toml")),
    ("hue.toml", include_str!("../../drivers/hue.toml")),
    (
        "ibm-bladecenter.toml",
        include_str!("../../drivers/ibm-bladecenter.toml"),
    ),
    ("ibm-ipdu.toml", include_str!("../../drivers/ibm-ipdu.toml")),
    (
        "iboot-bar.toml",
        include_str!("../../drivers/iboot-bar.toml"),
    ),
    ("iboot.toml", include_str!("../../drivers/iboot.toml")),
    ("icebox.toml", include_str!("../../drivers/icebox.toml")),
    (
        "ifmib-port.toml",
        include_str!("../../drivers/ifmib-port.toml"),
    ),
    (
        "intellinet.toml",
        include_str!("../../drivers/intellinet.toml"),
    ),
    ("ipmi.toml", include_str!("../../drivers/ipmi.toml")),
    ("kasa-iot.toml", include_str!("../../drivers/kasa-iot.toml")),
    (
        "kmtronic-lan.toml",
        include_str!("../../drivers/kmtronic-lan.toml"),
    ),
    ("libvirt.toml", include_str!("../../drivers/libvirt.toml")),
    (
        "liebert-mph2.toml",
        include_str!("../../drivers/liebert-mph2.toml"),
    ),
    ("meross.toml", include_str!("../../drivers/meross.toml")),
    (
        "modbus-coils.toml",
        include_str!("../../drivers/modbus-coils.toml"),
    ),
    (
        "moxa-iologik.toml",
        include_str!("../../drivers/moxa-iologik.toml"),
    ),
    ("mpower.toml", include_str!("../../drivers/mpower.toml")),
    ("mystrom.toml", include_str!("../../drivers/mystrom.toml")),
    (
        "netio-cgi.toml",
        include_str!("../../drivers/netio-cgi.toml"),
    ),
    (
        "netio-modbus.toml",
        include_str!("../../drivers/netio-modbus.toml"),
    ),
    ("numato.toml", include_str!("../../drivers/numato.toml")),
    ("openhab.toml", include_str!("../../drivers/openhab.toml")),
    ("poe-mib.toml", include_str!("../../drivers/poe-mib.toml")),
    (
        "rackable-phantom.toml",
        include_str!("../../drivers/rackable-phantom.toml"),
    ),
    (
        "raritan-pdu2.toml",
        include_str!("../../drivers/raritan-pdu2.toml"),
    ),
    (
        "raritan-px1.toml",
        include_str!("../../drivers/raritan-px1.toml"),
    ),
    (
        "redfish-rackpdu.toml",
        include_str!("../../drivers/redfish-rackpdu.toml"),
    ),
    (
        "redfish-system.toml",
        include_str!("../../drivers/redfish-system.toml"),
    ),
    (
        "sainsmart-eth.toml",
        include_str!("../../drivers/sainsmart-eth.toml"),
    ),
    (
        "schleifenbauer.toml",
        include_str!("../../drivers/schleifenbauer.toml"),
    ),
    ("scpi-psu.toml", include_str!("../../drivers/scpi-psu.toml")),
    ("sentry3.toml", include_str!("../../drivers/sentry3.toml")),
    ("sentry4.toml", include_str!("../../drivers/sentry4.toml")),
    ("servo.toml", include_str!("../../drivers/servo.toml")),
    (
        "shelly-gen1.toml",
        include_str!("../../drivers/shelly-gen1.toml"),
    ),
    (
        "shelly-gen2.toml",
        include_str!("../../drivers/shelly-gen2.toml"),
    ),
    (
        "siglent-spd.toml",
        include_str!("../../drivers/siglent-spd.toml"),
    ),
    (
        "sonoff-diy.toml",
        include_str!("../../drivers/sonoff-diy.toml"),
    ),
    ("sun-ilom.toml", include_str!("../../drivers/sun-ilom.toml")),
    (
        "synaccess.toml",
        include_str!("../../drivers/synaccess.toml"),
    ),
    (
        "tasmota-mqtt.toml",
        include_str!("../../drivers/tasmota-mqtt.toml"),
    ),
    ("tasmota.toml", include_str!("../../drivers/tasmota.toml")),
    (
        "teltronix.toml",
        include_str!("../../drivers/teltronix.toml"),
    ),
    (
        "tinycontrol-lk.toml",
        include_str!("../../drivers/tinycontrol-lk.toml"),
    ),
    (
        "tinycontrol-tcpdu.toml",
        include_str!("../../drivers/tinycontrol-tcpdu.toml"),
    ),
    (
        "tripplite.toml",
        include_str!("../../drivers/tripplite.toml"),
    ),
    ("ubus-poe.toml", include_str!("../../drivers/ubus-poe.toml")),
    (
        "unifi-os-smartpower.toml",
        include_str!("../../drivers/unifi-os-smartpower.toml"),
    ),
    (
        "unifi-smartpower.toml",
        include_str!("../../drivers/unifi-smartpower.toml"),
    ),
    (
        "vertiv-geist.toml",
        include_str!("../../drivers/vertiv-geist.toml"),
    ),
    (
        "waveshare-modbus.toml",
        include_str!("../../drivers/waveshare-modbus.toml"),
    ),
    ("wiz.toml", include_str!("../../drivers/wiz.toml")),
    ("wti-nps.toml", include_str!("../../drivers/wti-nps.toml")),
    (
        "wti-rps10.toml",
        include_str!("../../drivers/wti-rps10.toml"),
    ),
    (
        "zigbee2mqtt.toml",
        include_str!("../../drivers/zigbee2mqtt.toml"),
    ),
    (
        "zwave-js-mqtt.toml",
        include_str!("../../drivers/zwave-js-mqtt.toml"),
    ),
];

/// A driver file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DriverFile {
    pub driver: Header,
    pub http: Option<HttpSection>,
    pub modbus: Option<ModbusSection>,
    /// A session's connect, login and logout (transport = "session": `session.rs`).
    pub session: Option<session::SessionSection>,
    /// How a datagram or framed-TCP device is reached (transport = "wire": `wire.rs`).
    pub wire: Option<wire::WireSection>,
    /// The outlets, for a device with one way of listing them; or `variant`s.
    pub outlets: Option<Outlets>,
    #[serde(default)]
    pub meter: Vec<Meter>,
    /// Alternative tables, tried in order on a device's first read: the first that lists any
    /// outlet is the device's (APC's rPDU2, rPDU and sPDU coexist, and which a unit answers
    /// is not told by its sysObjectID).
    #[serde(default)]
    pub variant: Vec<Variant>,
}

/// One of a vendor's ways of listing and switching outlets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// For messages: `rPDU2`.
    pub name: String,
    pub outlets: Outlets,
    #[serde(default)]
    pub meter: Vec<Meter>,
}

impl DriverFile {
    /// The file's variants, in probing order: one, unnamed, for a file without `[[variant]]`.
    pub fn variants(&self) -> Vec<Variant> {
        match &self.outlets {
            Some(outlets) => vec![Variant {
                name: String::new(),
                outlets: outlets.clone(),
                meter: self.meter.clone(),
            }],
            None => self.variant.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub id: String,
    #[serde(default)]
    pub vendor: String,
    pub transport: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub index_base: u64,
    /// What the file was tested against (`drivers list` shows it): a simulated device built
    /// from the vendor's facts, a real unit, a capture.
    #[serde(default)]
    pub tested: String,
}

/// How a Modbus TCP device is reached and its coils read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModbusSection {
    /// Default port [502].
    pub port: Option<u16>,
    /// The unit (slave) id every request carries [1].
    pub unit: Option<u8>,
    /// A coil that is set is an outlet that is off (relays wired normally closed): every
    /// coil read and written is inverted.
    #[serde(default)]
    pub invert: bool,
    /// One coil written with FC15 (write multiple coils) instead of FC05, for devices that
    /// refuse FC05.
    #[serde(default)]
    pub write_multiple_coils: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSection {
    #[serde(default)]
    pub auth: Auth,
    /// Answers that carry an error even with a success status.
    #[serde(default)]
    pub errors: Vec<InBandError>,
    /// Default port [80, or 443 with TLS].
    pub port: Option<u16>,
    /// With `auth.scheme = "form"`: the request that logs in, its body naming `{user}` and
    /// `{password}` (mFi mPower: `POST /login.cgi`, `username={user}&password={password}`).
    pub login: Option<Request>,
    /// With a login ("form" or "token"): the request that ends the session, sent as a
    /// command lets go of the device (Energenie EG-PMS2: `GET /login.html`); `{token}` may
    /// name the session's token.
    pub logout: Option<Request>,
    /// A session cookie the client makes up and sends with every request, the login first
    /// (mFi's `AIROS_SESSIONID`, 32 digits); a cookie the device sets replaces it.
    pub session_cookie: Option<String>,
    /// A cookie the device sets (UniFi OS's `TOKEN`), sent back with every later request;
    /// unlike `session_cookie`, none is made up before the device sets one.
    pub cookie: Option<String>,
    /// Where the device sends a client that is not logged in: an answer from this path
    /// means the login was refused or the session ended.
    pub login_page: Option<String>,
    /// Headers sent with every request, templates that may name `{user}` and `{password}`
    /// (Home Assistant: `Authorization = "Bearer {password}"`, its long-lived token being
    /// the profile's password). A header holding the password is never traced.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// With `auth.scheme = "token"`: a request whose answer holds a challenge the login
    /// answers, `{challenge}` (`login.rs`).
    pub challenge: Option<login::ChallengeRequest>,
    /// With `auth.scheme = "token"`: where the login's answer holds the token, `{token}` in
    /// later requests, and what the device answers when it expired (`login.rs`).
    pub token: Option<login::Token>,
    /// Values computed per request, each a function of a template (`login.rs`): Meross's
    /// `sign = { md5 = "{nonce}{password}{timestamp}" }`.
    #[serde(default)]
    pub computed: BTreeMap<String, login::Computed>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// "none", "basic", "digest" (MD5 or SHA-256), "query" (`{user}` and `{password}` in
    /// the request templates, as Tasmota's `/cm?user=..&password=..`) or "form" (a login
    /// request, then a session cookie).
    #[serde(default = "no_auth")]
    pub scheme: String,
    /// The default account, when the profile names none.
    pub user: Option<String>,
}

fn no_auth() -> String {
    "none".into()
}

/// An `[http]` section without `auth` means no credentials, as `auth = {}` does.
impl Default for Auth {
    fn default() -> Auth {
        Auth {
            scheme: no_auth(),
            user: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InBandError {
    /// A JSON pointer: when the answer has it, the request failed, with its text as reason.
    #[serde(default)]
    pub pointer: String,
    /// Or a regex (`text.rs`): a match in a success answer's text is a refusal, quoted.
    pub text: Option<String>,
    /// The match (or the value at `pointer`) means the device refused the credentials
    /// (exit 3), as an Aviosys answering `401` in a 200 page, a Hue bridge's error type 1.
    #[serde(default)]
    pub auth: bool,
    /// With `pointer`: only these values there are this error (Hue: `[1]`, "unauthorized
    /// user"); none: any value but `ok`'s.
    #[serde(default)]
    pub values: Vec<Value>,
    /// Values there that mean success (Raritan's `_ret_` is 0 when a call worked).
    #[serde(default)]
    pub ok: Vec<Value>,
    /// A JSON pointer to the answer's own words for the error, to show with it.
    pub message: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlets {
    pub list: ListRequest,
    pub state: StateField,
    pub name: Option<NameField>,
    pub cycle: Option<Cycle>,
    /// The device's own id of each outlet, `{id}` in write templates (percent-encoded), for a
    /// device that addresses outlets by a string ("AA1" on a ServerTech PRO2) rather than a
    /// number.
    pub id: Option<IdField>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdField {
    pub read: Read,
}

/// One request that answers every outlet: a JSON array at `items`, or, for a device that
/// keys each outlet by name, the members of the answer named `keys` and a number from
/// `index_base` (`keys = "POWER"`: Tasmota's `POWER1`, `POWER2`..., or `POWER` alone on a
/// one-relay unit; `keys = "switch:"`: Shelly Gen2's `switch:0`...).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRequest {
    /// HTTP: the request.
    pub get: Option<String>,
    pub items: Option<String>,
    pub keys: Option<String>,
    /// SNMP: a column whose rows are the outlets, walked in one GETBULK exchange.
    pub walk: Option<String>,
    /// MQTT: a query published (`payload`, empty by default) and the topic its answer comes
    /// on, a JSON document read with `items` or `keys` as over HTTP (Tasmota:
    /// `cmnd/{topic}/State` answered on `stat/{topic}/RESULT`).
    pub publish: Option<String>,
    pub payload: Option<String>,
    pub answer: Option<String>,
    /// Modbus: how many outlets the device has when the profile's `outlets` does not say
    /// (a device cannot be asked).
    pub count: Option<usize>,
    /// Session: the conversation that lists every outlet (`session.rs`).
    pub steps: Option<Vec<session::Step>>,
    /// HTTP: the answer is text, read with this regex (`text.rs`): one outlet per match,
    /// its members the groups `fields` names (or the regex's named groups), or with
    /// `packed` one outlet per piece of the first match's group 1.
    pub text: Option<String>,
    #[serde(default)]
    pub fields: BTreeMap<String, usize>,
    /// How group 1 packs every outlet: digits, hex, csv, spaces, amp (`text.rs`).
    pub packed: Option<String>,
    /// The packed value lists the last outlet first.
    #[serde(default)]
    pub reverse: bool,
    /// Keeps only the items that are outlets (a hub lists every device it has: Domoticz's
    /// dimmers and sensors, openHAB's other items): outlet n is the n-th item kept, so
    /// writes address a filtered list's outlets by `{id}` (or `{row}`), not `{i}`.
    pub filter: Option<ItemFilter>,
    /// HTTP, for a device that cannot list its outlets: one request per outlet (a `get`
    /// naming `{id}`), whose whole answer is the outlet's item. The outlets are the
    /// profile's `outlets`: ids in order (ESPHome switch ids, Home Assistant entity ids),
    /// each `{id}` here and in writes, or a count (`{id}` is then `{i}`).
    pub each: Option<Request>,
    /// HTTP: the answers are XML whose document element has this name (`"*"`: any). The
    /// document is read as JSON is: an element is an object of its child elements by
    /// (local) name, a repeated name an array of them, an element without children its
    /// text; attributes are not read. Pointers then name element paths (`/Relay1/State`).
    pub xml: Option<String>,
    /// HTTP: a list request that is a POST, with its body and content type (Sonoff DIY's
    /// `POST /zeroconf/info`, ubus's JSON-RPC, XML-RPC), instead of a get.
    pub post: Option<String>,
    pub body: Option<String>,
    pub content_type: Option<String>,
    /// HTTP: headers of this request besides `[http] headers` (a SOAPACTION per call).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// HTTP: the outlets are the members of the object at this pointer, whatever their
    /// names (Hue's lights `"1"`, `"3"`: gaps allowed), in natural order (digit runs compare
    /// as numbers: `lan2` before `lan10`); `{id}` is the member's name.
    pub members: Option<String>,
    /// HTTP, with `each`: a list whose items are the outlets' ids (strings or numbers), each
    /// then read by `each` with its `{id}`, so the profile need not name them (FRITZ!Box's
    /// getswitchlist, then getswitchstate per AIN).
    pub ids: Option<Box<ListRequest>>,
    /// HTTP, with `each`: each answer is plain text, the outlet's item its trimmed text (a
    /// FRITZ!Box's `1`, `0`, `inval`).
    #[serde(default)]
    pub plain: bool,
    /// HTTP: a string in the answer that holds a JSON object or array is read as that JSON
    /// (Sonoff DIY 1.4 sends its `data` so).
    #[serde(default)]
    pub json_strings: bool,
    /// MQTT, for a list of one retained `answer` topic per outlet (no `publish`): where a
    /// JSON object answer holds the outlet's value (Z-Wave JS UI's `{"time":..,"value":..}`);
    /// any other answer (a plain `true`, `ON`) is the value itself.
    pub unwrap: Option<String>,
}

/// `drivers check` in unit tests: the error of `text` with its first `from` made `to`, read
/// as the file `source`; the error names its place in the file (`source:line:col`).
#[cfg(test)]
pub(crate) fn check_error_of(source: &str, text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    let e = parse(source, &text.replacen(from, to, 1))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with(&format!("{source}:")), "{to}: {e}");
    e
}

/// `insert` and `remove` on a driver file's or powerman script's device: its outlets are
/// the device's own, not a list pductl can add to or take from.
pub(crate) fn outlets_are_fixed(name: &str, what: &str) -> Error {
    crate::transport::unsupported(name, what, "outlets are the device's")
}

impl ListRequest {
    /// The keys the list gives, by their names in a driver file.
    fn given(&self) -> impl Iterator<Item = &'static str> {
        [
            ("get", self.get.is_some()),
            ("items", self.items.is_some()),
            ("keys", self.keys.is_some()),
            ("walk", self.walk.is_some()),
            ("publish", self.publish.is_some()),
            ("payload", self.payload.is_some()),
            ("answer", self.answer.is_some()),
            ("count", self.count.is_some()),
            ("steps", self.steps.is_some()),
            ("text", self.text.is_some()),
            ("fields", !self.fields.is_empty()),
            ("packed", self.packed.is_some()),
            ("reverse", self.reverse),
            ("filter", self.filter.is_some()),
            ("each", self.each.is_some()),
            ("xml", self.xml.is_some()),
            ("post", self.post.is_some()),
            ("body", self.body.is_some()),
            ("content_type", self.content_type.is_some()),
            ("headers", !self.headers.is_empty()),
            ("members", self.members.is_some()),
            ("ids", self.ids.is_some()),
            ("plain", self.plain),
            ("json_strings", self.json_strings),
            ("unwrap", self.unwrap.is_some()),
        ]
        .into_iter()
        .filter_map(|(key, given)| given.then_some(key))
    }

    /// Whether the list gives any of `keys` (another protocol's, for a backend's check).
    pub fn gives_any(&self, keys: &[&str]) -> bool {
        self.given().any(|key| keys.contains(&key))
    }

    /// Whether the list gives a key besides `allowed`.
    pub fn gives_other_than(&self, allowed: &[&str]) -> bool {
        self.given().any(|key| !allowed.contains(&key))
    }
}

/// An item filter: the field at `pointer` (SNMP: the column `oid`, its row) is one of
/// `values`, or text starting with `prefix` (a number is compared as its text). An item
/// without the field is left out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFilter {
    #[serde(default)]
    pub pointer: String,
    pub oid: Option<String>,
    #[serde(default)]
    pub values: Vec<Value>,
    pub prefix: Option<String>,
}

impl ItemFilter {
    /// Where an item holds the field, as `Read::locator` finds a read's.
    pub fn locator(&self) -> String {
        match &self.oid {
            Some(oid) => format!("/{oid}"),
            None => self.pointer.clone(),
        }
    }

    /// Whether `item` is one to keep.
    pub fn keeps(&self, item: &Value) -> bool {
        let Some(field) = item.pointer(&self.locator()) else {
            return false;
        };
        let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
        let field = text(field);
        match &self.prefix {
            Some(prefix) => field.starts_with(prefix.as_str()),
            None => self.values.iter().any(|v| text(v) == field),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateField {
    pub read: Read,
    /// A field that is true while a change is under way (the state read is then the old one).
    pub pending: Option<Read>,
    pub write: Option<Request>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameField {
    /// HTTP: a request of its own that lists every outlet's names, for a device whose list
    /// answer has none (Shelly Gen2: `Shelly.GetStatus` lists the switches, and
    /// `Shelly.GetConfig` their names, in members of the same keys). Its items are found as
    /// the outlets' list finds them (`items` or `keys`), one per outlet in the same order,
    /// and `read` and `fallback` read those items. Sent only when names are wanted.
    pub list: Option<ListRequest>,
    pub read: Read,
    /// Read where `read` gives an empty name (Raritan: outletName is empty until set, and
    /// outletLabel is what the unit prints).
    pub fallback: Option<Read>,
    pub write: Option<Request>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    /// The device's own power cycle.
    pub native: Option<Request>,
}

/// A value in an outlet's item of the list: a JSON pointer, and a map from the device's
/// values to pductl's (a string value is compared as text).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Read {
    /// HTTP: a JSON pointer into the outlet's item (omitted: the item itself).
    #[serde(default)]
    pub pointer: String,
    /// SNMP: a column; the outlet's row in it is read. Or a template naming `{row}` (or
    /// `{i}`): that object of each outlet is read (`...13742.6.5.4.3.1.4.{row}.5`).
    pub oid: Option<String>,
    /// The device's values to pductl's; `_` maps any value not listed (else one fails the
    /// read). In the state's map `_ = "unknown"` reads such an outlet's state as unknown
    /// (null: openHAB's `NULL` and `UNDEF`) rather than as a malformed answer.
    #[serde(default)]
    pub map: BTreeMap<String, Value>,
    /// Multiply a number by this.
    pub scale: Option<f64>,
    /// Where the outlet's item says how many decimal digits the number has (Raritan's
    /// `outletSensorDecimalDigits`): it is divided by 10 to that power. A pointer for HTTP, an
    /// OID (column or template) for SNMP.
    pub digits: Option<String>,
    /// Modbus: a coil (FC01, true or false), holding register (FC03) or input register
    /// (FC04, numbers), at an address template (`{i}`, `{n}`, or a number).
    pub coil: Option<String>,
    pub holding: Option<String>,
    pub input: Option<String>,
}

/// A request template: one method with its path, and a body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub get: Option<String>,
    pub put: Option<String>,
    pub post: Option<String>,
    pub patch: Option<String>,
    pub body: Option<String>,
    pub content_type: Option<String>,
    /// SNMP: the object to SET (a template: `"1.3.6.1.4.1.318.1.1.4.4.2.1.3.{i}"`), with
    /// an INTEGER (`integer = "{v:1|2}"`) or an OCTET STRING (`string = "{value}"`).
    pub oid: Option<String>,
    pub integer: Option<String>,
    pub string: Option<String>,
    /// MQTT: the topic to publish to, and the payload (`{v:ON|OFF}`).
    pub publish: Option<String>,
    pub payload: Option<String>,
    /// Modbus: the coil to write the state to (FC05, or FC15), or the holding register to
    /// write `value` to (FC06; a template filling to 0-65535: `{v:1|0}`, `2`).
    pub coil: Option<String>,
    pub holding: Option<String>,
    pub value: Option<String>,
    /// `false`: sending this write twice does not do what sending it once does (a device
    /// whose "on" command toggles), so a try that got no answer is not sent again. Writes
    /// of a state or name are taken as absolute otherwise; a device's own cycle is never
    /// sent twice.
    pub repeat: Option<bool>,
    /// Session: the conversation that writes (`session.rs`).
    pub steps: Option<Vec<session::Step>>,
    /// HTTP: headers of this request besides `[http] headers` (WeMo's SOAPACTION per call).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Requests sent after this one, in order, each checked before the next goes out: a
    /// write of several steps (Schleifenbauer: unlock the outlet, then switch it). A step
    /// that fails says which it was (`engine.rs`).
    #[serde(default)]
    pub then: Vec<Request>,
    /// `{outlets}` in this request's templates: `outlet` filled for every outlet of the
    /// device in order, joined by `join` — the outlets written with the value written, the
    /// others with their state as just read (read-modify-write: DigiPower's `"1,0,1,..."`),
    /// or with `other` where given (NETIO-230's `u`, unchanged). `width`: how many pieces
    /// the device takes when it is more than it has outlets (DigiPower's 24-character
    /// mask), the pieces past the last outlet `other`'s. One such request writes every
    /// outlet selected. A piece may name `{json:/pointer}`: that member of the outlet's item,
    /// as JSON (`engine.rs`).
    pub outlet: Option<String>,
    pub other: Option<String>,
    pub join: Option<String>,
    pub width: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meter {
    pub key: String,
    /// What the value is called (`Total power`); by default `Outlet N <quantity>`, or for a
    /// key that names no outlet (the device's own meter), the key.
    pub name: Option<String>,
    /// A value some models do not report (a Shelly Plus 1 has no power meter): where the
    /// answer lacks it, the key is left out rather than the answer called malformed.
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub unit: String,
    pub read: Read,
}

impl Read {
    /// Where the engine finds this field in an outlet's item: the JSON pointer, or for SNMP
    /// the column, which the SNMP backend uses as the item's member name; for Modbus the
    /// table and address template (`/coil:{i}`), as the Modbus backend names it.
    pub fn locator(&self) -> String {
        if let Some((table, address)) = self.modbus() {
            return format!("/{table}:{address}");
        }
        match &self.oid {
            Some(oid) => format!("/{oid}"),
            None => self.pointer.clone(),
        }
    }

    /// The Modbus table this reads (`coil`, `holding`, `input`) and its address template:
    /// the first given (a checked file gives one).
    pub fn modbus(&self) -> Option<(&'static str, &str)> {
        [
            ("coil", &self.coil),
            ("holding", &self.holding),
            ("input", &self.input),
        ]
        .into_iter()
        .find_map(|(table, address)| Some((table, address.as_deref()?)))
    }

    /// Where the item holds the decimal digits, located as `locator` locates the value.
    pub fn digits_locator(&self) -> Option<String> {
        let digits = self.digits.as_ref()?;
        Some(match &self.oid {
            Some(_) => format!("/{digits}"),
            None => digits.clone(),
        })
    }
}

impl Request {
    /// Whether the request gives any protocol key besides `allowed` (`get`, `body`, `oid`,
    /// `payload`, `coil`, `steps`...): each backend's check refuses another protocol's keys.
    pub fn gives_other_than(&self, allowed: &[&str]) -> bool {
        [
            ("get", self.get.is_some()),
            ("put", self.put.is_some()),
            ("post", self.post.is_some()),
            ("patch", self.patch.is_some()),
            ("body", self.body.is_some()),
            ("content_type", self.content_type.is_some()),
            ("oid", self.oid.is_some()),
            ("integer", self.integer.is_some()),
            ("string", self.string.is_some()),
            ("publish", self.publish.is_some()),
            ("payload", self.payload.is_some()),
            ("coil", self.coil.is_some()),
            ("holding", self.holding.is_some()),
            ("value", self.value.is_some()),
            ("steps", self.steps.is_some()),
        ]
        .into_iter()
        .any(|(key, given)| given && !allowed.contains(&key))
    }

    /// The method and path template.
    pub fn target(&self) -> Option<(reqwest::Method, &str)> {
        match (&self.get, &self.put, &self.post, &self.patch) {
            (Some(p), None, None, None) => Some((reqwest::Method::GET, p)),
            (None, Some(p), None, None) => Some((reqwest::Method::PUT, p)),
            (None, None, Some(p), None) => Some((reqwest::Method::POST, p)),
            (None, None, None, Some(p)) => Some((reqwest::Method::PATCH, p)),
            _ => None,
        }
    }
}

/// A loaded driver: the file, and where it came from.
#[derive(Debug, Clone)]
pub struct Driver {
    pub file: DriverFile,
    pub source: String,
    pub text: String,
    /// The specification of a powerman script (`driver = "powerman:wti"`: `powerman.rs`),
    /// whose `file` is a header alone (transport "powerman").
    pub powerman: Option<std::sync::Arc<powerman::Spec>>,
}

/// One piece of a template: text as written, or a `{variable}`.
enum Piece<'a> {
    Text(&'a str),
    Variable(&'a str),
    /// A `{` with no `}` after it.
    Unclosed(&'a str),
}

/// Splits a template into text and variables; `{{` and `}}` are a literal brace, so a JSON
/// body can be written as a template (`{{"on": {v:true|false}}}`).
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        if at > 0 {
            out.push(Piece::Text(&rest[..at]));
        }
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push(Piece::Text(&tail[..1]));
            rest = &tail[2..];
        } else if let Some(after) = tail.strip_prefix('}') {
            out.push(Piece::Text("}"));
            rest = after;
        } else if let Some(end) = tail.find('}') {
            out.push(Piece::Variable(&tail[1..end]));
            rest = &tail[end + 1..];
        } else {
            out.push(Piece::Unclosed(tail));
            return out;
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// How `{value}` is written into what a template fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filling {
    /// A URL path or query: percent-encoded, so a name cannot add parameters.
    Url,
    /// A JSON body: the value's JSON (a string with its quotes and escapes).
    Json,
    /// A text body or a meter key: as it is.
    Text,
}

/// `{n}`, `{i}`, `{value}`, `{v:A|B}`, and the variables a backend knows (`named`:
/// `{row}`, `{topic}`, `{id}`, `{user}`, `{password}`, each with its text as it goes in,
/// encoded by the backend where it must be; a named `{i}` replaces `n + index_base`):
/// fills a template. Unknown names are caught
/// when the file is checked, so here they cannot occur.
pub fn fill(
    template: &str,
    n: usize,
    index_base: u64,
    value: Option<&Value>,
    filling: Filling,
    named: &[(&str, String)],
) -> String {
    let mut out = String::new();
    for piece in pieces(template) {
        // A backend's own variable wins (Modbus gives `{i}` from the profile's outlet ids).
        if let Piece::Variable(v) = piece {
            if let Some((_, text)) = named.iter().find(|(name, _)| *name == v) {
                out.push_str(text);
                continue;
            }
        }
        match piece {
            Piece::Text(text) | Piece::Unclosed(text) => out.push_str(text),
            Piece::Variable("n") => out.push_str(&n.to_string()),
            Piece::Variable("i") => out.push_str(&(n as u64 + index_base).to_string()),
            Piece::Variable("value") => {
                let Some(value) = value else { continue };
                let text = match value {
                    Value::String(s) if filling != Filling::Json => s.clone(),
                    v => v.to_string(),
                };
                match filling {
                    Filling::Url => out.push_str(&url_encoded(&text)),
                    Filling::Json | Filling::Text => out.push_str(&text),
                }
            }
            Piece::Variable(v) => {
                let on = value == Some(&Value::Bool(true));
                // A named `{i}` (Modbus's from the profile) counts as the device's number.
                let i = named
                    .iter()
                    .find(|(name, _)| *name == "i")
                    .and_then(|(_, text)| text.parse().ok())
                    .unwrap_or(n as u64 + index_base);
                if !v.contains('|') {
                    if let Some(number) = arithmetic(v, n as u64, i, on) {
                        out.push_str(&number);
                        continue;
                    }
                }
                let words = v.strip_prefix("v:").unwrap_or(v);
                let (yes, no) = words.split_once('|').unwrap_or((words, ""));
                out.push_str(if value == Some(&Value::Bool(true)) {
                    yes
                } else {
                    no
                });
            }
        }
    }
    out
}

/// `text` percent-encoded as a URL value.
pub(crate) fn url_encoded(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, URL_VALUE).to_string()
}

/// Everything but RFC 3986's unreserved characters is percent-encoded in a URL value.
const URL_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Arithmetic in a template (`{2*n+v:02}`, SainSmart's relay command): a sum of terms, each
/// a whole number, `n`, `i`, `v` (1 when the value written is on, else 0) or a number times
/// one of them (`2*n`), and optionally `:0W` for at least W digits, leading zeros added.
/// `None` when `form` is not one.
pub(crate) fn arithmetic(form: &str, n: u64, i: u64, on: bool) -> Option<String> {
    let (sum, width) = match form.split_once(':') {
        Some((sum, format)) => {
            let width: usize = format.strip_prefix('0')?.parse().ok()?;
            (sum, width)
        }
        None => (form, 0),
    };
    if !(0..=20).contains(&width) || sum.is_empty() {
        return None;
    }
    let variable = |name: &str| -> Option<i128> {
        match name {
            "n" => Some(n.into()),
            "i" => Some(i.into()),
            "v" => Some(on.into()),
            _ => None,
        }
    };
    // A device's numbers are small: nine digits are plenty, and keep the sum from overflowing.
    let number = |text: &str| -> Option<i128> {
        (!text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    let mut total: i128 = 0;
    let mut rest = sum;
    let mut sign = 1;
    if let Some(after) = rest.strip_prefix('-') {
        sign = -1;
        rest = after;
    }
    loop {
        let end = rest.find(['+', '-']).unwrap_or(rest.len());
        let term = &rest[..end];
        let value = match term.split_once('*') {
            Some((factor, name)) => number(factor)? * variable(name)?,
            None => number(term).or_else(|| variable(term))?,
        };
        total = total.checked_add(sign * value)?;
        if end == rest.len() {
            break;
        }
        sign = if rest[end..].starts_with('-') { -1 } else { 1 };
        rest = &rest[end + 1..];
    }
    Some(format!("{total:0width$}"))
}

/// The variables of a template that pductl does not know.
fn unknown_variables(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in pieces(template) {
        match piece {
            Piece::Variable(name) => {
                let known = matches!(name, "n" | "i" | "value")
                    || name.strip_prefix("v:").is_some_and(|v| v.contains('|'))
                    || (!name.contains('|') && arithmetic(name, 0, 0, false).is_some());
                if !known {
                    out.push(format!("{{{name}}}"));
                }
            }
            Piece::Unclosed(text) => out.push(text.to_string()),
            Piece::Text(_) => {}
        }
    }
    out
}

/// `file:line:col` of a byte offset.
fn place(source: &str, text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{source}:{line}:{col}")
}

/// Reads and checks a driver file's text.
pub fn parse(source: &str, text: &str) -> Result<Driver> {
    let file: DriverFile = toml_edit::de::from_str(text).map_err(|e| {
        let at = e
            .span()
            .map_or_else(|| source.to_string(), |s| place(source, text, s.start));
        Error::usage(format!(
            "{at}: {}",
            e.message().lines().next().unwrap_or("invalid driver file")
        ))
    })?;
    let find = |needle: &str| {
        text.find(needle)
            .map_or_else(|| source.to_string(), |at| place(source, text, at))
    };
    let bad = |needle: &str, why: String| Error::usage(format!("{}: {why}", find(needle)));
    let kind = match file.driver.transport.as_str() {
        "http" => Kind::Http,
        "snmp" => Kind::Snmp,
        "mqtt" => Kind::Mqtt,
        "modbus" => Kind::Modbus,
        "session" => Kind::Session,
        "wire" => Kind::Wire,
        other => {
            return Err(bad(
                "transport",
                format!(
                    "transport \"{other}\" is not one driver files can use (http, snmp, mqtt, \
                     modbus, session, wire)"
                ),
            ))
        }
    };
    session::check_section(&file, source, text)?;
    wire::check_section(&file, source, text)?;
    match (kind, &file.modbus, &file.http) {
        (Kind::Modbus, _, Some(_)) => {
            return Err(bad(
                "[http]",
                "an [http] section is for transport = \"http\"".into(),
            ))
        }
        (Kind::Modbus, _, None) | (_, None, _) => {}
        (_, Some(_), _) => {
            return Err(bad(
                "[modbus]",
                "a [modbus] section is for transport = \"modbus\"".into(),
            ))
        }
    }
    if file.driver.id.is_empty()
        || !file
            .driver
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(bad(
            "id",
            "the id is lower case letters, digits and -".into(),
        ));
    }
    let scheme = file
        .http
        .as_ref()
        .map_or("none", |h| h.auth.scheme.as_str());
    if let Some(http) = &file.http {
        let schemes = [
            "none",
            "basic",
            "digest",
            "basic-or-digest",
            "query",
            "form",
            "token",
        ];
        if !schemes.contains(&scheme) {
            return Err(bad(
                "scheme",
                format!(
                    "auth scheme \"{scheme}\" is none, basic, digest, basic-or-digest, query, \
                     form or token"
                ),
            ));
        }
        for e in &http.errors {
            if !e.values.is_empty() && e.text.is_some() {
                return Err(bad(
                    "values",
                    "an error's values go with its pointer".into(),
                ));
            }
            if let Some(pattern) = &e.text {
                text::check_error(e, pattern, &bad)?;
                continue;
            }
            for p in std::iter::once(&e.pointer).chain(e.message.iter()) {
                check_pointer(p).map_err(|why| bad(p, why))?;
            }
        }
        login::check(http, scheme, &bad)?;
        // A token login may name the challenge, computed values and per-request ones.
        let mut login_names = vec!["user".to_string(), "password".to_string()];
        if scheme == "token" {
            login_names.extend(login::http_variables(http, true));
        }
        match (&http.login, scheme) {
            (Some(login), "form" | "token") => {
                check_session_request(login, "login", &login_names, "{user} or {password}", &bad)?;
            }
            (None, "form" | "token") => {
                return Err(bad(
                    scheme,
                    format!("auth scheme \"{scheme}\" needs a login request ([http] login = ...)"),
                ))
            }
            (Some(_), _) => {
                return Err(bad(
                    "login",
                    "a login request goes with auth scheme \"form\" or \"token\"".into(),
                ))
            }
            (None, _) => {}
        }
        if let Some(logout) = &http.logout {
            if http.login.is_none() {
                return Err(bad(
                    "logout",
                    "a logout goes with a login ([http] login = ...)".into(),
                ));
            }
            // The account, and the session's token where there is one.
            let mut names = vec!["user".to_string()];
            names.extend(login::http_variables(http, false));
            check_session_request(logout, "logout", &names, "{user} or {token}", &bad)?;
        }
        check_headers(http, &bad)?;
        match (&http.session_cookie, &http.cookie) {
            (Some(_), Some(cookie)) => {
                return Err(bad(
                    cookie,
                    "session_cookie (made up, then the device's) or cookie (the device's \
                     alone), not both"
                        .into(),
                ))
            }
            (Some(name), None) | (None, Some(name))
                if name.is_empty()
                    || !name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b)) =>
            {
                return Err(bad(name, format!("\"{name}\" is not a cookie name")));
            }
            _ => {}
        }
        if let Some(page) = &http.login_page {
            if !page.starts_with('/') {
                return Err(bad(page, format!("login_page \"{page}\" is a path (/...)")));
            }
        }
    }
    // Query credentials go in the request templates.
    let credentials = scheme == "query";
    // `[http]`'s own values (`{token}`, `{nonce}`, computed ones) go in any HTTP template.
    let http_names = file
        .http
        .as_ref()
        .map(|h| login::http_variables(h, false))
        .unwrap_or_default();
    let variants =
        match (
            &file.outlets,
            file.variant.is_empty(),
            file.meter.is_empty(),
        ) {
            (Some(_), true, _) => file.variants(),
            (None, false, true) => file.variants(),
            (None, false, false) => {
                return Err(bad(
                    "[[meter]]",
                    "with [[variant]]s, meters go in each variant ([[variant.meter]])".into(),
                ))
            }
            _ => return Err(bad(
                "[driver]",
                "a driver file has [outlets], or [[variant]]s each with their outlets, not both"
                    .into(),
            )),
        };
    for (k, v) in variants.iter().enumerate() {
        if file.outlets.is_none() && v.name.is_empty() {
            return Err(bad("[[variant]]", "every variant has a name".into()));
        }
        if variants[..k].iter().any(|w| w.name == v.name) {
            let at = text
                .match_indices("[[variant]]")
                .nth(k)
                .map_or_else(|| source.to_string(), |(at, _)| place(source, text, at));
            return Err(Error::usage(format!(
                "{at}: two variants are named \"{}\"",
                v.name
            )));
        }
        let list = &v.outlets.list;
        // A session's `each` is steps per outlet (session.rs checks it).
        let each_here = list.each.is_some() && kind != Kind::Session;
        if kind != Kind::Http && (each_here || list.xml.is_some()) {
            return Err(bad(
                "list",
                "each (a request per outlet) and xml are for HTTP drivers".into(),
            ));
        }
        // A wire list's text is checked by wire::check_variant (its request is a payload).
        if kind != Kind::Wire {
            text::check_list(&v.outlets.list, kind == Kind::Http, "list", &bad)?;
        }
        check_steps(v, kind, &bad)?;
        if let Some(names) = v.outlets.name.as_ref().and_then(|n| n.list.as_ref()) {
            text::check_list(names, kind == Kind::Http, "name.list", &bad)?;
        }
        if kind == Kind::Session {
            session::check_variant(v, k, &file, source, text)?;
            continue;
        }
        if kind == Kind::Wire {
            wire::check_variant(v, k, &file, source, text)?;
            continue;
        }
        check_variant(v, kind, credentials, &http_names, source, &bad)?;
    }
    Ok(Driver {
        file,
        source: source.to_string(),
        text: text.to_string(),
        powerman: None,
    })
}

/// A variant's own cycle (`cycle.native`), refusing one that says `repeat = true`: a cycle
/// sent twice is two cycles, whatever the file says.
pub(super) fn native_cycle(o: &Outlets) -> std::result::Result<Option<&Request>, String> {
    match o.cycle.as_ref().and_then(|c| c.native.as_ref()) {
        Some(native) if native.repeat == Some(true) => {
            Err("cycle.native is never sent twice; repeat = true does not apply to it".into())
        }
        native => Ok(native),
    }
}

/// Checks one variant's outlets and meters: the list's form, each read's locator, each
/// request's form, OIDs, pointers, and the variables templates name.
/// The protocol a file speaks, for checking it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Http,
    Snmp,
    Mqtt,
    Modbus,
    Session,
    Wire,
}

fn check_variant(
    v: &Variant,
    kind: Kind,
    credentials: bool,
    http_names: &[String],
    source: &str,
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    let o = &v.outlets;
    if let Some(what) = session::steps_outside_session(v) {
        return Err(bad(what, "steps are for transport = \"session\"".into()));
    }
    if kind == Kind::Modbus {
        return check_modbus_variant(v, bad);
    }
    if o.list.count.is_some() {
        return Err(bad(
            "count",
            "list.count is for Modbus drivers; this device lists its outlets".into(),
        ));
    }
    let mut templates: Vec<&str> = Vec::new();
    let mut reads: Vec<&Read> = vec![&o.state.read];
    let mut pointers: Vec<&str> = Vec::new();
    let mut oids: Vec<&str> = Vec::new();
    let snmp = kind == Kind::Snmp;
    let list = &o.list;
    check_http_list(list, kind, "list", bad, &mut templates, &mut pointers)?;
    let found = match (&list.items, &list.keys) {
        (Some(items), None) => {
            pointers.push(items);
            true
        }
        (None, Some(keys)) => !keys.is_empty(),
        // A text answer's items come from its regex (checked by text::check_list).
        (None, None) => list.text.is_some() || list.members.is_some(),
        _ => false,
    };
    // An HTTP list's request is a get or a post (check_http_list: not both).
    let http_request = list.get.as_ref().or(list.post.as_ref());
    let http_list = (
        &http_request,
        &list.walk,
        &list.publish,
        &list.answer,
        &list.payload,
    );
    for xml in [list.xml.as_ref()]
        .into_iter()
        .chain([o.name.as_ref().and_then(|n| n.list.as_ref()?.xml.as_ref())])
        .flatten()
    {
        check_xml_root(xml).map_err(|why| bad(xml, why))?;
    }
    match (kind, http_list) {
        (Kind::Http, (Some(get), None, None, None, None)) if found && list.each.is_none() => {
            templates.push(get)
        }
        // One request per outlet: its whole answer is the outlet's item.
        (Kind::Http, (None, None, None, None, None))
            if list.items.is_none()
                && list.keys.is_none()
                && list.members.is_none()
                && list.filter.is_none() =>
        {
            let each = list.each.as_ref().ok_or_else(|| {
                bad(
                    "list",
                    "an HTTP list is a get with exactly one of items (a JSON pointer) and keys \
                     (a member name), or each = { get = \"/...{id}\" }"
                        .into(),
                )
            })?;
            match (&each.get, each.target(), &each.body, &each.content_type) {
                (Some(get), Some(_), None, None)
                    if each.oid.is_none()
                        && each.publish.is_none()
                        && each.coil.is_none()
                        && each.holding.is_none()
                        && each.steps.is_none() =>
                {
                    templates.push(get)
                }
                _ => {
                    return Err(bad(
                        "each",
                        "each is the request that reads one outlet: each = { get = \"/...{id}\" }"
                            .into(),
                    ))
                }
            }
        }
        (Kind::Snmp, (None, Some(walk), None, None, None))
            if list.items.is_none() && list.keys.is_none() =>
        {
            oids.push(walk)
        }
        (Kind::Mqtt, (None, None, Some(publish), Some(answer), payload)) if found => {
            templates.push(publish);
            templates.push(answer);
            templates.extend(payload.as_deref());
        }
        // One retained topic per outlet, the outlets the profile's (`mqtt.rs`).
        (Kind::Mqtt, (None, None, None, Some(answer), None))
            if mqtt::per_outlet(list) && list.filter.is_none() =>
        {
            templates.push(answer);
            pointers.extend(list.unwrap.as_deref());
        }
        (Kind::Http, _) => {
            return Err(bad(
                "list",
                "an HTTP list is a get with exactly one of items (a JSON pointer) and keys \
                 (a member name), or each = { get = \"/...{id}\" } (no filter)"
                    .into(),
            ))
        }
        (Kind::Snmp, _) => {
            return Err(bad(
                "list",
                "an SNMP list is a walk of one column: list = { walk = \"OID\" }".into(),
            ))
        }
        (Kind::Mqtt, _) => {
            return Err(bad(
                "list",
                "an MQTT list is a publish and the answer topic, with exactly one of items \
                 (a JSON pointer) and keys (a member name); or an answer topic naming {id} \
                 alone, one retained topic per outlet"
                    .into(),
            ))
        }
        (Kind::Modbus, _) => unreachable!("checked by check_modbus_variant"),
        (Kind::Session, _) => unreachable!("checked by session::check_variant"),
        (Kind::Wire, _) => unreachable!("checked by wire::check_variant"),
    }
    if list.unwrap.is_some() && !(kind == Kind::Mqtt && mqtt::per_outlet(list)) {
        return Err(bad(
            "unwrap",
            "unwrap is for MQTT lists of one retained topic per outlet (an answer naming {id}, \
             no publish)"
                .into(),
        ));
    }
    let names_list = o.name.as_ref().and_then(|n| n.list.as_ref());
    for (what, list) in std::iter::once(("list", list)).chain(names_list.map(|l| ("name.list", l)))
    {
        if let Some(filter) = &list.filter {
            check_filter(filter, what, snmp, bad, &mut pointers, &mut oids)?;
        }
    }
    check_state_maps(o, bad)?;
    let mut requests: Vec<&Request> = Vec::new();
    reads.extend(o.state.pending.iter());
    requests.extend(o.state.write.iter());
    if let Some(name) = &o.name {
        if let Some(names) = &name.list {
            check_http_list(names, kind, "name.list", bad, &mut templates, &mut pointers)?;
            let one_of = match (&names.items, &names.keys) {
                (Some(items), None) => {
                    pointers.push(items);
                    true
                }
                (None, Some(keys)) => !keys.is_empty(),
                (None, None) => names.text.is_some() || names.members.is_some(),
                _ => false,
            };
            let only_get = names.walk.is_none()
                && names.each.is_none()
                && names.publish.is_none()
                && names.answer.is_none()
                && names.payload.is_none();
            // Names read one request per outlet, by the ids the outlets' list has.
            let each_name = names.each.as_ref().and_then(|e| e.get.as_deref());
            match (names.get.as_ref().or(names.post.as_ref()), kind) {
                (Some(get), Kind::Http) if one_of && only_get => templates.push(get),
                (None, Kind::Http) if !one_of && list.each.is_some() && each_name.is_some() => {
                    templates.extend(each_name)
                }
                (_, Kind::Http) => {
                    return Err(bad(
                        "name.list",
                        "name.list is a get with exactly one of items (a JSON pointer) and \
                         keys (a member name), as the outlets' list is"
                            .into(),
                    ))
                }
                _ => {
                    return Err(bad(
                        "name.list",
                        "name.list is for HTTP drivers (an SNMP driver reads names with oid, \
                         an MQTT one from the list's answer)"
                            .into(),
                    ))
                }
            }
        }
        reads.push(&name.read);
        reads.extend(name.fallback.iter());
        requests.extend(name.write.iter());
    }
    if let Some(native) = native_cycle(o).map_err(|why| bad("native", why))? {
        requests.push(native);
    }
    reads.extend(o.id.iter().map(|id| &id.read));
    for m in &v.meter {
        reads.push(&m.read);
        templates.push(&m.key);
        templates.extend(m.name.as_deref());
    }
    let mut row_templates: Vec<&str> = Vec::new();
    for r in reads {
        if let Some((table, address)) = r.modbus() {
            return Err(bad(
                address,
                format!("{table} reads a Modbus table; this driver's transport is not modbus"),
            ));
        }
        match (snmp, &r.oid) {
            (false, None) => {
                pointers.push(&r.pointer);
                pointers.extend(r.digits.as_deref());
            }
            (true, Some(oid)) if r.pointer.is_empty() => {
                for oid in std::iter::once(oid).chain(r.digits.iter()) {
                    if oid.contains(['{', '}']) {
                        row_templates.push(oid);
                    } else {
                        oids.push(oid);
                    }
                }
            }
            (false, Some(oid)) => {
                return Err(bad(
                    oid,
                    "an HTTP driver reads with pointer, not oid".into(),
                ))
            }
            (true, _) => {
                return Err(bad(
                    "pointer",
                    "an SNMP driver reads each field with oid (a column), not pointer".into(),
                ))
            }
        }
    }
    // The steps after a write are requests of the same kind (`check_steps` checked the rest).
    let steps: Vec<&Request> = requests.iter().flat_map(|r| &r.then).collect();
    requests.extend(steps);
    for r in &requests {
        if r.coil.is_some() || r.holding.is_some() || r.value.is_some() {
            return Err(Error::usage(format!(
                "{source}: coil, holding and value write Modbus tables; this driver's \
                 transport is not modbus"
            )));
        }
        let http = r.target();
        let set = (&r.oid, &r.integer, &r.string);
        let mqtt = (&r.publish, &r.payload);
        match (kind, http, set, mqtt) {
            (Kind::Http, Some((_, path)), (None, None, None), (None, None)) => {
                templates.push(path);
                templates.extend(r.body.as_deref());
                check_request_headers(&r.headers, bad, &mut templates)?;
            }
            (
                Kind::Snmp,
                None,
                (Some(oid), Some(value), None) | (Some(oid), None, Some(value)),
                (None, None),
            ) if r.body.is_none() && r.content_type.is_none() => {
                templates.push(oid);
                templates.push(value);
            }
            (Kind::Mqtt, None, (None, None, None), (Some(topic), payload))
                if r.body.is_none() && r.content_type.is_none() =>
            {
                templates.push(topic);
                templates.extend(payload.as_deref());
            }
            (Kind::Http, ..) => {
                return Err(Error::usage(format!(
                    "{source}: an HTTP request names exactly one of get, put, post, patch"
                )))
            }
            (Kind::Snmp, ..) => {
                return Err(Error::usage(format!(
                    "{source}: an SNMP request is an oid with one of integer, string"
                )))
            }
            (Kind::Mqtt, ..) => {
                return Err(Error::usage(format!(
                    "{source}: an MQTT request is a publish (a topic) with a payload"
                )))
            }
            (Kind::Modbus, ..) => unreachable!("checked by check_modbus_variant"),
            (Kind::Session, ..) => unreachable!("checked by session::check_variant"),
            (Kind::Wire, ..) => unreachable!("checked by wire::check_variant"),
        }
    }
    // A read of each outlet's own object names its row, and nothing written.
    for t in row_templates {
        if let Some(unknown) = unknown_variables(t)
            .into_iter()
            .find(|v| !matches!(v.as_str(), "{row}" | "{i}" | "{n}"))
        {
            return Err(bad(
                t,
                format!("a read's OID template \"{t}\" names {unknown}, not one of {{row}}, {{i}}, {{n}}"),
            ));
        }
        // As the first outlet, at a two-part row, would have it.
        let example = fill(t, 0, 1, None, Filling::Text, &[("row", "1.1".into())]);
        if !is_oid(&example) {
            return Err(bad(
                t,
                format!(
                    "\"{t}\" is not an OID template (like 1.3.6.1.4.1.13742.6.5.4.3.1.4.{{row}}.5)"
                ),
            ));
        }
    }
    for oid in oids {
        if !is_oid(oid) {
            return Err(bad(
                oid,
                format!("\"{oid}\" is not an OID (like 1.3.6.1.4.1.318)"),
            ));
        }
    }
    for t in templates {
        let unknown = unknown_variables(t);
        // SNMP writes may name the outlet's row: its index in the list column, as walked.
        // MQTT topics name the device's topic (the profile's topic_root).
        let allowed = |v: &str| match v {
            "{row}" => snmp,
            "{id}" => {
                o.id.is_some()
                    || list.each.is_some()
                    || list.members.is_some()
                    || (kind == Kind::Mqtt && mqtt::per_outlet(list))
            }
            "{topic}" => kind == Kind::Mqtt,
            "{user}" | "{password}" => credentials,
            // Where the request has `outlet` (checked by check_steps).
            "{outlets}" => true,
            // `[http]`'s own: `{token}`, `{nonce}`, `{timestamp}`, computed values.
            other => kind == Kind::Http && http_names.iter().any(|n| other == format!("{{{n}}}")),
        };
        if let Some(unknown) = unknown.iter().find(|v| !allowed(v)) {
            let known = match (kind, credentials) {
                (Kind::Snmp, _) => "{n}, {i}, {row}, {value}, {v:A|B}",
                (Kind::Modbus, _) => "{n}, {i}, {value}, {v:A|B}",
                (Kind::Session, _) => unreachable!("checked by session::check_variant"),
                (Kind::Wire, _) => unreachable!("checked by wire::check_variant"),
                (Kind::Mqtt, _) => "{n}, {i}, {topic}, {value}, {v:A|B}",
                (Kind::Http, true) => "{n}, {i}, {value}, {v:A|B}, {user}, {password}",
                (Kind::Http, false) => "{n}, {i}, {value}, {v:A|B}",
            };
            return Err(bad(
                t,
                format!("template \"{t}\" names {unknown}, not one of {known}"),
            ));
        }
    }
    for p in pointers {
        check_pointer(p).map_err(|why| bad(p, why))?;
    }
    Ok(())
}

/// The writes' steps (`then`) and pieces (`{outlets}`, `outlet`, `other`, `join`, `width`):
/// for HTTP, SNMP and MQTT drivers; a step has no steps of its own; `{outlets}` goes with
/// `outlet` both ways; a request that writes every outlet at once names none of them
/// alone; a piece names the outlet it stands for and the value, nothing else.
fn check_steps(v: &Variant, kind: Kind, bad: &dyn Fn(&str, String) -> Error) -> Result<()> {
    let o = &v.outlets;
    let writes = [
        ("state.write", o.state.write.as_ref()),
        ("name.write", o.name.as_ref().and_then(|n| n.write.as_ref())),
        ("native", o.cycle.as_ref().and_then(|c| c.native.as_ref())),
    ];
    for (what, write) in writes {
        let Some(write) = write else { continue };
        let uses = !write.then.is_empty() || write.then.iter().chain([write]).any(has_pieces);
        if uses && !matches!(kind, Kind::Http | Kind::Snmp | Kind::Mqtt) {
            return Err(bad(
                what,
                format!("{what}: then and {{outlets}} are for HTTP, SNMP and MQTT drivers"),
            ));
        }
        for (k, r) in std::iter::once(write).chain(&write.then).enumerate() {
            if k > 0 && !r.then.is_empty() {
                return Err(bad(
                    "then",
                    format!("{what}: a step in then has no then of its own"),
                ));
            }
            // The steps of a write of every outlet at once are sent once: none names one.
            check_pieces(r, what, write.outlet.is_some(), bad)?;
        }
    }
    Ok(())
}

/// Whether a request fills `{outlets}` (or says how).
fn has_pieces(r: &Request) -> bool {
    r.outlet.is_some() || r.other.is_some() || r.join.is_some() || r.width.is_some()
}

/// A request's own templates (not its steps').
fn request_templates(r: &Request) -> Vec<&str> {
    [
        &r.get, &r.put, &r.post, &r.patch, &r.body, &r.oid, &r.integer, &r.string, &r.publish,
        &r.payload,
    ]
    .into_iter()
    .filter_map(|t| t.as_deref())
    .collect()
}

/// Whether a template names one outlet: `{n}`, `{i}`, `{row}`, `{value}`, or arithmetic
/// of `n` or `i`. (`{id}` may name what every outlet shares: UniFi's device id.)
fn names_one_outlet(template: &str) -> bool {
    pieces(template).iter().any(|p| match p {
        Piece::Variable(v) => {
            matches!(*v, "n" | "i" | "row" | "value")
                || (!v.contains('|') && arithmetic(v, 0, 0, false) != arithmetic(v, 1, 1, false))
        }
        _ => false,
    })
}

fn check_pieces(
    r: &Request,
    what: &str,
    all_at_once: bool,
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    let templates = request_templates(r);
    let one_outlet = templates.iter().find(|t| names_one_outlet(t));
    if let Some(one) = one_outlet.filter(|_| all_at_once) {
        return Err(bad(
            one,
            format!(
                "{what}: \"{one}\" names one outlet, but a request with {{outlets}} writes \
                 every outlet selected at once (outlet and other name each one)"
            ),
        ));
    }
    let expands = templates.iter().any(|t| {
        pieces(t)
            .iter()
            .any(|p| matches!(p, Piece::Variable("outlets")))
    });
    let Some(outlet) = &r.outlet else {
        if expands {
            return Err(bad(
                "{outlets}",
                format!("{what}: {{outlets}} needs outlet, the template of each outlet's piece"),
            ));
        }
        if has_pieces(r) {
            return Err(bad(
                what,
                format!("{what}: other, join and width go with outlet and {{outlets}}"),
            ));
        }
        return Ok(());
    };
    if !expands {
        return Err(bad(
            outlet,
            format!("{what}: outlet is the piece of {{outlets}}, which no template names"),
        ));
    }
    if let Some(one) = one_outlet {
        return Err(bad(
            one,
            format!(
                "{what}: \"{one}\" names one outlet, but a request with {{outlets}} writes \
                 every outlet selected at once (outlet and other name each one)"
            ),
        ));
    }
    match r.width {
        Some(width) if !(1..=crate::transport::MAX_OUTLETS).contains(&width) => {
            return Err(bad(
                "width",
                format!(
                    "{what}: width is from 1 to {}, not {width}",
                    crate::transport::MAX_OUTLETS
                ),
            ))
        }
        Some(_) if r.other.is_none() => {
            return Err(bad(
                "width",
                format!("{what}: width needs other, the piece of a position with no outlet"),
            ))
        }
        _ => {}
    }
    for piece in std::iter::once(outlet).chain(r.other.iter()) {
        for p in pieces(piece) {
            if let Piece::Variable(v) = p {
                if let Some(at) = v.strip_prefix("json:") {
                    check_pointer(at).map_err(|why| bad(piece, format!("{what}: {why}")))?;
                }
            }
        }
        if let Some(unknown) = unknown_variables(piece)
            .into_iter()
            .find(|v| v != "{id}" && !v.starts_with("{json:"))
            .or_else(|| {
                pieces(piece)
                    .iter()
                    .any(|p| matches!(p, Piece::Variable("value")))
                    .then(|| "{value}".to_string())
            })
        {
            return Err(bad(
                piece,
                format!(
                    "{what}: the piece \"{piece}\" names {unknown}, not one of {{n}}, {{i}}, \
                     {{id}}, {{v:A|B}}, {{json:/pointer}} or arithmetic ({{2*n+v:02}})"
                ),
            ));
        }
    }
    Ok(())
}

/// An HTTP list's request besides its get (`post` with `body` and `content_type`,
/// `headers`) and its `members`, `ids`, `plain` and `json_strings`; other transports' lists
/// have none of these.
fn check_http_list<'a>(
    list: &'a ListRequest,
    kind: Kind,
    what: &str,
    bad: &dyn Fn(&str, String) -> Error,
    templates: &mut Vec<&'a str>,
    pointers: &mut Vec<&'a str>,
) -> Result<()> {
    let shaped = list.gives_any(&[
        "post",
        "body",
        "content_type",
        "headers",
        "members",
        "ids",
        "plain",
        "json_strings",
    ]);
    if kind != Kind::Http {
        return match shaped {
            true => Err(bad(
                what,
                format!(
                    "{what}: post, body, content_type, headers, members, ids, plain and \
                     json_strings are for HTTP drivers"
                ),
            )),
            false => Ok(()),
        };
    }
    if list.get.is_some() && list.post.is_some() {
        return Err(bad(what, format!("{what} is a get or a post, not both")));
    }
    if (list.body.is_some() || list.content_type.is_some()) && list.post.is_none() {
        return Err(bad(
            what,
            format!("{what}: body and content_type go with post"),
        ));
    }
    templates.extend(list.body.as_deref());
    check_request_headers(&list.headers, bad, templates)?;
    if let Some(members) = &list.members {
        if list.items.is_some() || list.keys.is_some() || list.text.is_some() {
            return Err(bad(
                members,
                format!("{what} reads exactly one of items, keys, members and text"),
            ));
        }
        pointers.push(members);
    }
    if list.plain && (list.each.is_none() || list.xml.is_some()) {
        return Err(bad(
            "plain",
            format!("{what}: plain reads each's answers as text: it goes with each, not xml"),
        ));
    }
    if let Some(ids) = &list.ids {
        let path = ids.get.as_ref().or(ids.post.as_ref());
        let one_of = [
            ids.items.is_some(),
            ids.keys.is_some(),
            ids.members.is_some(),
            ids.text.is_some(),
        ];
        let (Some(path), true, None, None) = (
            path,
            one_of.iter().filter(|x| **x).count() == 1,
            &ids.each,
            &ids.ids,
        ) else {
            return Err(bad(
                "ids",
                format!(
                    "{what}.ids is one get or post whose items (items, keys, members or text) \
                     are the outlets' ids"
                ),
            ));
        };
        if list.each.is_none() || list.get.is_some() || list.post.is_some() {
            return Err(bad(
                "ids",
                format!("{what}: ids goes with each (a request per id), in place of a get"),
            ));
        }
        text::check_list(ids, true, "list.ids", bad)?;
        check_http_list(ids, kind, "list.ids", bad, templates, pointers)?;
        templates.push(path);
        pointers.extend(ids.items.as_deref());
        if let Some(xml) = &ids.xml {
            check_xml_root(xml).map_err(|why| bad(xml, why))?;
        }
        if let Some(filter) = &ids.filter {
            pointers.push(&filter.pointer);
        }
    }
    Ok(())
}

/// A request's own headers: names a header may have, not those pductl sets itself; their
/// templates are checked with the request's.
fn check_request_headers<'a>(
    headers: &'a BTreeMap<String, String>,
    bad: &dyn Fn(&str, String) -> Error,
    templates: &mut Vec<&'a str>,
) -> Result<()> {
    for (name, template) in headers {
        if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err()
            || ["content-type", "cookie", "host", "content-length"]
                .contains(&name.to_ascii_lowercase().as_str())
        {
            return Err(bad(
                name,
                format!("\"{name}\" is not a header a driver file sets"),
            ));
        }
        templates.push(template);
    }
    Ok(())
}

/// An item filter reads its field as the file's reads do (a pointer; for SNMP a column),
/// and keeps items by exactly one of a list of values and a prefix.
fn check_filter<'a>(
    filter: &'a ItemFilter,
    what: &str,
    snmp: bool,
    bad: &dyn Fn(&str, String) -> Error,
    pointers: &mut Vec<&'a str>,
    oids: &mut Vec<&'a str>,
) -> Result<()> {
    match (snmp, &filter.oid) {
        (false, None) => pointers.push(&filter.pointer),
        (true, Some(oid)) if filter.pointer.is_empty() => oids.push(oid),
        (false, Some(_)) => {
            return Err(bad(
                "filter =",
                format!("{what}'s filter reads its field with pointer, not oid"),
            ))
        }
        (true, _) => {
            return Err(bad(
                "filter =",
                format!("{what}'s filter reads its field with oid (a column), not pointer"),
            ))
        }
    }
    match (&filter.prefix, filter.values.is_empty()) {
        (Some(_), true) | (None, false) => Ok(()),
        _ => Err(bad(
            "filter =",
            format!("{what}'s filter keeps items by exactly one of values (a list) and prefix"),
        )),
    }
}

/// The key of a map's member that maps every value the map does not list.
pub const MAP_FALLBACK: &str = "_";

/// What a state map's fallback gives for a state the device does not know.
pub const UNKNOWN_STATE: &str = "unknown";

/// A state map that cannot say both on and off, or says something else, cannot work.
fn check_state_maps(o: &Outlets, bad: &dyn Fn(&str, String) -> Error) -> Result<()> {
    for (what, map) in std::iter::once(("state.read", &o.state.read.map))
        .chain(o.state.pending.iter().map(|p| ("state.pending", &p.map)))
    {
        if map.is_empty() {
            continue;
        }
        // The state may be unknown where the device says it does not know (`_ = "unknown"`).
        let unknown = |key: &str, v: &Value| {
            what == "state.read" && key == MAP_FALLBACK && v.as_str() == Some(UNKNOWN_STATE)
        };
        if let Some((key, value)) = map.iter().find(|(k, v)| !v.is_boolean() && !unknown(k, v)) {
            return Err(bad(
                what,
                format!(
                    "{what} maps \"{key}\" to {value}; a state map gives true or false (or \
                     _ = \"unknown\" in state.read)"
                ),
            ));
        }
        for wanted in [true, false] {
            if !map.values().any(|v| v == &Value::Bool(wanted)) {
                return Err(bad(
                    what,
                    format!("{what}'s map gives no value for {wanted}: it could never read so"),
                ));
            }
        }
    }
    Ok(())
}

/// Checks a Modbus variant: a list that is at most a count, reads of one table each at an
/// address template, writes of a coil (the state) or a holding register (a value template),
/// and nothing a Modbus device does not have (names, a pending flag, ids).
fn check_modbus_variant(v: &Variant, bad: &dyn Fn(&str, String) -> Error) -> Result<()> {
    let o = &v.outlets;
    let list = &o.list;
    let listed = list.gives_any(&[
        "get", "items", "keys", "walk", "publish", "answer", "payload", "filter", "each", "xml",
    ]);
    if listed {
        return Err(bad(
            "list",
            "a Modbus device cannot list its outlets: list = { count = N } gives how many \
             when the profile's outlets does not (list = {}: the profile must)"
                .into(),
        ));
    }
    if let Some(count) = list.count {
        if !(1..=crate::transport::MAX_OUTLETS).contains(&count) {
            return Err(bad(
                "count",
                format!(
                    "list.count is from 1 to {}, not {count}",
                    crate::transport::MAX_OUTLETS
                ),
            ));
        }
    }
    let without = |what: &str| -> Error {
        bad(
            what,
            format!(
                "a Modbus device has no {what}: outlets are named Outlet 1, Outlet 2... (or \
                 by the profile's aliases)"
            ),
        )
    };
    if o.name.is_some() {
        return Err(without("name"));
    }
    if o.state.pending.is_some() {
        return Err(without("pending"));
    }
    if o.id.is_some() {
        return Err(without("id"));
    }
    check_state_maps(o, bad)?;
    let mut reads: Vec<(&str, &Read)> = vec![("state.read", &o.state.read)];
    reads.extend(v.meter.iter().map(|m| (m.key.as_str(), &m.read)));
    for (what, r) in reads {
        let tables = [&r.coil, &r.holding, &r.input];
        let given = tables.iter().filter(|t| t.is_some()).count();
        if given != 1 || r.oid.is_some() || !r.pointer.is_empty() || r.digits.is_some() {
            return Err(bad(
                what,
                format!(
                    "{what}: a Modbus read names one of coil, holding, input (an address), \
                     and no pointer, oid or digits"
                ),
            ));
        }
        if let Some((_, address)) = r.modbus() {
            check_modbus_address(address, bad)?;
        }
    }
    for m in &v.meter {
        check_modbus_template(&m.key, bad)?;
        if let Some(name) = &m.name {
            check_modbus_template(name, bad)?;
        }
    }
    let mut requests: Vec<(&str, &Request)> = Vec::new();
    requests.extend(o.state.write.iter().map(|r| ("state.write", r)));
    if let Some(native) = native_cycle(o).map_err(|why| bad("native", why))? {
        requests.push(("cycle.native", native));
    }
    for (what, r) in requests {
        let others = r.gives_other_than(&["coil", "holding", "value", "steps"]);
        match (&r.coil, &r.holding, &r.value) {
            (Some(address), None, None) if !others && what == "state.write" => {
                check_modbus_address(address, bad)?;
            }
            (None, Some(address), Some(value)) if !others => {
                check_modbus_address(address, bad)?;
                check_modbus_template(value, bad)?;
                // The value as it would be written for on, for off, and for a call.
                for written in [Some(Value::Bool(true)), Some(Value::Bool(false)), None] {
                    let word = fill(value, 0, 0, written.as_ref(), Filling::Text, &[]);
                    if word.trim().parse::<u16>().is_err() {
                        return Err(bad(
                            value,
                            format!(
                                "{what}: value \"{value}\" gives \"{word}\", not a register \
                                 value (0-65535)"
                            ),
                        ));
                    }
                }
            }
            _ => {
                return Err(bad(
                    what,
                    format!(
                        "{what}: a Modbus write is coil = ADDRESS (the state, for state.write) \
                         or holding = ADDRESS with value = TEMPLATE, and nothing else"
                    ),
                ))
            }
        }
    }
    Ok(())
}

/// A Modbus address template: a number (0-65535), `{i}` or `{n}`, nothing else.
fn check_modbus_address(address: &str, bad: &dyn Fn(&str, String) -> Error) -> Result<()> {
    let fixed = address.parse::<u16>().is_ok();
    if fixed || address == "{i}" || address == "{n}" {
        return Ok(());
    }
    Err(bad(
        address,
        format!("\"{address}\" is not a Modbus address: a number (0-65535), {{i}} or {{n}}"),
    ))
}

/// A Modbus template names only `{n}`, `{i}`, `{value}` and `{v:A|B}`.
fn check_modbus_template(t: &str, bad: &dyn Fn(&str, String) -> Error) -> Result<()> {
    match unknown_variables(t).first() {
        Some(unknown) => Err(bad(
            t,
            format!(
                "template \"{t}\" names {unknown}, not one of {{n}}, {{i}}, {{value}}, {{v:A|B}}"
            ),
        )),
        None => Ok(()),
    }
}

/// A numeric OID: at least two arcs of digits, dot-separated (a leading dot allowed).
fn is_oid(text: &str) -> bool {
    let arcs: Vec<&str> = text.trim_start_matches('.').split('.').collect();
    arcs.len() >= 2
        && arcs
            .iter()
            .all(|a| !a.is_empty() && a.len() <= 10 && a.bytes().all(|b| b.is_ascii_digit()))
}

/// The document element an XML list names: an XML name, or `*` for any.
fn check_xml_root(root: &str) -> std::result::Result<(), String> {
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    let first = root.chars().next();
    if root == "*"
        || (first.is_some_and(|c| c.is_alphabetic() || c == '_') && root.chars().all(name_char))
    {
        Ok(())
    } else {
        Err(format!(
            "xml = \"{root}\" is the name of the answer's document element (CurrentState), \
             or \"*\" for any"
        ))
    }
}

/// `[http] login` or `logout` (`what`): a method and a path, and templates that name only
/// the variables `names` (`usual` says which, for the message).
fn check_session_request(
    request: &Request,
    what: &str,
    names: &[String],
    usual: &str,
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    let Some((_, path)) = request.target() else {
        return Err(bad(
            what,
            format!("the {what} is one of get, put, post, patch"),
        ));
    };
    for t in std::iter::once(path).chain(request.body.as_deref()) {
        if let Some(unknown) = unknown_variables(t)
            .into_iter()
            .find(|v| !names.iter().any(|n| *v == format!("{{{n}}}")))
        {
            return Err(bad(
                t,
                format!("the {what} \"{t}\" names {unknown}, not {usual}"),
            ));
        }
    }
    Ok(())
}

/// `[http] headers`: names a header may have, templates that name only `{user}` and
/// `{password}`; the headers pductl sets itself are not the file's.
fn check_headers(http: &HttpSection, bad: &dyn Fn(&str, String) -> Error) -> Result<()> {
    for (name, template) in &http.headers {
        if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
            return Err(bad(name, format!("\"{name}\" is not an HTTP header name")));
        }
        if ["content-type", "cookie", "host", "content-length"]
            .contains(&name.to_ascii_lowercase().as_str())
        {
            return Err(bad(
                name,
                format!("pductl sets the {name} header itself; a driver file does not"),
            ));
        }
        // Only the account and `[http]`'s own values (a token): `{value}` and the outlet's
        // variables have no place in a header.
        let own = login::http_variables(http, false);
        let unknown = pieces(template).into_iter().find_map(|p| match p {
            Piece::Variable("user" | "password") | Piece::Text(_) => None,
            Piece::Variable(v) if own.iter().any(|n| n == v) => None,
            Piece::Variable(v) => Some(format!("{{{v}}}")),
            Piece::Unclosed(text) => Some(text.to_string()),
        });
        if let Some(unknown) = unknown {
            return Err(bad(
                template,
                format!(
                    "header {name} = \"{template}\" names {unknown}, not {{user}} or {{password}}"
                ),
            ));
        }
        // As sent with an account that has no odd characters.
        let example = fill(
            template,
            0,
            0,
            None,
            Filling::Text,
            &[("user", "u".into()), ("password", "p".into())],
        );
        if reqwest::header::HeaderValue::from_str(&example).is_err() {
            return Err(bad(
                template,
                format!("header {name} = \"{template}\" is not a header value"),
            ));
        }
    }
    Ok(())
}

fn check_pointer(p: &str) -> std::result::Result<(), String> {
    if p.is_empty() || p.starts_with('/') {
        Ok(())
    } else {
        Err(format!("\"{p}\" is not a JSON pointer (they start with /)"))
    }
}

/// Where user drivers live: `$XDG_CONFIG_HOME/pductl/drivers`.
pub fn user_dir() -> Option<PathBuf> {
    crate::paths::drivers_dir()
}

/// A driver as `drivers list` shows it: its header, and where it came from.
pub struct Entry {
    pub header: Header,
    pub source: String,
}

/// Every driver pductl knows, in order: the built-ins, then the user's (a user file with a
/// built-in's id takes its place, with a note in `notes`). A built-in is read from its
/// `[driver]` table alone, which keeps `drivers list` quick (the whole built-in files are
/// checked by the unit tests); every user file is parsed and checked, as for any device.
pub fn all(notes: &mut Vec<String>) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for (name, text) in BUILT_IN {
        entries.push(Entry {
            header: built_in_header(name, text)?,
            source: built_in_source(name),
        });
    }
    for driver in user_drivers()? {
        let entry = Entry {
            header: driver.file.driver,
            source: driver.source,
        };
        match entries.iter_mut().find(|e| e.header.id == entry.header.id) {
            Some(existing) => {
                notes.push(replaces(&entry.header.id, &entry.source, &existing.source));
                *existing = entry;
            }
            None => entries.push(entry),
        }
    }
    Ok(entries)
}

fn built_in_source(name: &str) -> String {
    format!("(built in) drivers/{name}")
}

fn replaces(id: &str, source: &str, replaced: &str) -> String {
    format!("driver {id} from {source} replaces the one from {replaced}")
}

/// A built-in's `[driver]` table, read without the rest of the file.
fn built_in_header(name: &str, text: &str) -> Result<Header> {
    #[derive(Deserialize)]
    struct HeaderOnly {
        driver: Header,
    }
    let mut table = String::new();
    let mut inside = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            inside = trimmed.trim_end() == "[driver]";
        }
        if inside {
            table.push_str(line);
            table.push('\n');
        }
    }
    toml_edit::de::from_str::<HeaderOnly>(&table)
        .map(|h| h.driver)
        .map_err(|e| Error::usage(format!("{}: {}", built_in_source(name), e.message())))
}

/// The user's driver files (`user_dir()`), in file-name order, each parsed and checked.
fn user_drivers() -> Result<Vec<Driver>> {
    let Some(dir) = user_dir() else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files.iter().map(|path| load_file(path)).collect()
}

/// Reads and checks one driver file.
pub fn load_file(path: &Path) -> Result<Driver> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(format!(
            "cannot read driver file {}: {}",
            path.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    parse(&path.display().to_string(), &text)
}

/// The driver with this id: built in, or the user's.
pub fn find(id: &str, notes: &mut Vec<String>) -> Result<Driver> {
    if let Some(script) = id.strip_prefix(powerman::PREFIX) {
        return powerman::load(script);
    }
    // A user file wins over the built-in of its id; only the one asked for is parsed.
    let user = user_drivers()?;
    let built_in = BUILT_IN
        .iter()
        .find(|(name, _)| name.strip_suffix(".toml") == Some(id));
    if let Some(driver) = user.iter().rev().find(|d| d.file.driver.id == id) {
        if let Some((name, _)) = built_in {
            notes.push(replaces(id, &driver.source, &built_in_source(name)));
        }
        return Ok(driver.clone());
    }
    if let Some((name, text)) = built_in {
        return parse(&built_in_source(name), text);
    }
    Err(unknown_driver(id, all(notes)?))
}

/// The error for a driver id nobody knows: the ids there are (`known`), where user drivers
/// go, and how to use the worked example when `id` is its id.
fn unknown_driver(id: &str, known: Vec<Entry>) -> Error {
    let ids: Vec<String> = known.into_iter().map(|e| e.header.id).collect();
    let dir = user_dir().map_or_else(|| "?".into(), |d| d.display().to_string());
    let known = if ids.is_empty() {
        "none".to_string()
    } else {
        ids.join(", ")
    };
    let example = match example(id) {
        Some(_) => format!(
            "; {id} is the worked example, not built in: to use it, save it as \
                 {dir}/{id}.toml (mkdir -p {dir} && pductl drivers show {id} > {dir}/{id}.toml)"
        ),
        None => String::new(),
    };
    Error::usage(format!(
        "no driver '{id}' (known: {known}; user drivers go in {dir}){example}"
    ))
}

/// The worked examples (`drivers/examples/*.toml` in the repository). They are not built
/// in: a device cannot name one until the user saves it in `user_dir()`; `drivers show`
/// and `drivers check` find them by id.
const EXAMPLES: &[(&str, &str)] = &[(
    "acme-powerstrip.toml",
    include_str!("../../drivers/examples/acme-powerstrip.toml"),
)];

/// The worked example with this id.
pub fn example(id: &str) -> Option<Driver> {
    EXAMPLES
        .iter()
        .filter(|(name, _)| name.strip_suffix(".toml") == Some(id))
        .find_map(|(name, text)| parse(&format!("(example) drivers/examples/{name}"), text).ok())
}

/// How `drivers show` and `drivers check` read their argument: a path when it has a `/`
/// (or on Windows a backslash) or ends in `.toml`, else an id (ids are lower case letters,
/// digits and `-`, so no id looks like a path).
pub fn names_a_file(arg: &str) -> bool {
    arg.contains('/') || (cfg!(windows) && arg.contains('\\')) || arg.ends_with(".toml")
}

/// A driver by path or by id (see `names_a_file`): the file, checked; else the built-in or
/// user driver of that id, else the worked example of that id (with a note in `notes` on
/// how to use it). Every user driver file is checked on the way, as for any device.
pub fn lookup(arg: &str, notes: &mut Vec<String>) -> Result<Driver> {
    if let Some(script) = arg.strip_prefix(powerman::PREFIX) {
        return powerman::load(script);
    }
    if names_a_file(arg) {
        return load_file(Path::new(arg));
    }
    let known = all(notes)?;
    if !known.iter().any(|e| e.header.id == arg) {
        if let Some(driver) = example(arg) {
            let dir = user_dir().map_or_else(|| "?".into(), |d| d.display().to_string());
            notes.push(format!(
                "{arg} is the worked example, not built in: to use it, save it as \
                 {dir}/{arg}.toml"
            ));
            return Ok(driver);
        }
    }
    find(arg, &mut Vec::new()).map_err(|e| {
        if Path::new(arg).is_file() {
            Error::usage(format!("{e}; for the file {arg} here, write ./{arg}"))
        } else {
            e
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACME: &str = include_str!("../../drivers/examples/acme-powerstrip.toml");

    #[test]
    fn every_built_in_driver_checks() {
        let mut notes = Vec::new();
        for (name, text) in BUILT_IN {
            let driver = parse(name, text).unwrap();
            // `find` looks a built-in up by its file name, and `drivers list` reads its
            // [driver] table alone: both must agree with the whole file.
            assert_eq!(
                name.strip_suffix(".toml"),
                Some(driver.file.driver.id.as_str())
            );
            let header = built_in_header(name, text).unwrap();
            assert_eq!(
                format!("{header:?}"),
                format!("{:?}", driver.file.driver),
                "{name}"
            );
        }
        assert!(all(&mut notes).unwrap().len() >= BUILT_IN.len());
    }

    /// A file added to drivers/ and not to BUILT_IN would be shipped in the repository but
    /// not in the binary.
    #[test]
    fn every_file_in_drivers_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("drivers");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".toml"))
            .collect();
        files.sort();
        let built_in: Vec<String> = BUILT_IN.iter().map(|(name, _)| name.to_string()).collect();
        assert_eq!(built_in, files);
    }

    #[test]
    fn the_example_checks_and_templates_fill() {
        let d = parse("acme.toml", ACME).unwrap();
        assert_eq!(d.file.driver.id, "acme-powerstrip");
        assert_eq!(
            fill("/api/v1/ports/{i}/relay", 2, 1, None, Filling::Url, &[]),
            "/api/v1/ports/3/relay"
        );
        let off = Some(&Value::Bool(false));
        assert_eq!(fill("{v:on|off}", 0, 1, off, Filling::Text, &[]), "off");
        let name = Value::String("DUT \"a\"&x=1".into());
        assert_eq!(
            fill("{value}", 0, 1, Some(&name), Filling::Text, &[]),
            "DUT \"a\"&x=1"
        );
        assert_eq!(
            fill("/set?name={value}", 0, 1, Some(&name), Filling::Url, &[]),
            "/set?name=DUT%20%22a%22%26x%3D1"
        );
        assert_eq!(
            fill(
                "{{\"id\":{n},\"name\":{value}}}",
                1,
                0,
                Some(&name),
                Filling::Json,
                &[]
            ),
            r#"{"id":1,"name":"DUT \"a\"&x=1"}"#
        );
        // A backend's own variables go in as given, even with braces in them.
        let named = [
            ("topic", "lab{n}".to_string()),
            ("row", "1.2.2".to_string()),
        ];
        assert_eq!(
            fill(
                "cmnd/{topic}/POWER{i} {row}",
                0,
                1,
                None,
                Filling::Text,
                &named
            ),
            "cmnd/lab{n}/POWER1 1.2.2"
        );
        assert_eq!(
            fill("{{\"on\":{v:true|false}}}", 0, 0, off, Filling::Json, &[]),
            r#"{"on":false}"#
        );
        assert_eq!(
            unknown_variables("{{\"id\":{i}}} {x} {v:a|b} {open"),
            ["{x}", "{open"]
        );
    }

    #[test]
    fn mistakes_are_named_with_file_line_and_column() {
        let e = parse(
            "x.toml",
            "[driver]\nid = \"x\"\ntransport = \"http\"\nbogus = 1\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("x.toml:4:1"), "{e}");
        assert!(e.contains("bogus"), "{e}");
        let broken = ACME.replace("/api/v1/ports/{i}/label", "/api/v1/ports/{port}/label");
        let e = parse("acme.toml", &broken).unwrap_err().to_string();
        assert!(e.contains("{port}"), "{e}");
        assert!(e.starts_with("acme.toml:"), "{e}");
        let broken = ACME.replace("pointer = \"/label\"", "pointer = \"label\"");
        assert!(parse("acme.toml", &broken)
            .unwrap_err()
            .to_string()
            .contains("JSON pointer"));
        assert!(parse("acme.toml", "[driver\n").is_err());
        // A cycle is never sent twice; a write may say it adds up.
        let native = "body = \"cycle\", content_type = \"text/plain\" }";
        assert!(ACME.contains(native));
        let repeated = ACME.replace(native, &native.replace(" }", ", repeat = true }"));
        let e = parse("acme.toml", &repeated).unwrap_err().to_string();
        assert!(e.contains("never sent twice"), "{e}");
        let once = ACME.replace(native, &native.replace(" }", ", repeat = false }"));
        parse("acme.toml", &once).unwrap();
    }

    #[test]
    fn a_list_of_names_is_an_http_get_with_items_or_keys() {
        let shelly = include_str!("../../drivers/shelly-gen2.toml");
        let d = parse("shelly-gen2.toml", shelly).unwrap();
        let list = d.file.outlets.unwrap().name.unwrap().list.unwrap();
        assert_eq!(list.get.as_deref(), Some("/rpc/Shelly.GetConfig"));
        let from = "name.list = { get = \"/rpc/Shelly.GetConfig\", keys = \"switch:\" }";
        assert!(shelly.contains(from));
        for (to, why) in [
            (
                "name.list = { get = \"/rpc/Shelly.GetConfig\" }",
                "name.list is a get with exactly one of items",
            ),
            (
                "name.list = { get = \"/rpc/Shelly.GetConfig\", keys = \"switch:\", items = \"/x\" }",
                "name.list is a get with exactly one of items",
            ),
            (
                "name.list = { walk = \"1.3.6.1\", keys = \"switch:\" }",
                "name.list is a get with exactly one of items",
            ),
            (
                "name.list = { get = \"/rpc/{device}\", keys = \"switch:\" }",
                "names {device}",
            ),
            (
                "name.list = { get = \"/rpc\", items = \"result\" }",
                "is not a JSON pointer",
            ),
        ] {
            let e = parse("s.toml", &shelly.replace(from, to))
                .unwrap_err()
                .to_string();
            assert!(e.contains(why), "{to}: {e}");
        }
        let apc = include_str!("../../drivers/apc.toml");
        let read = "outlets.name.read = { oid = \"1.3.6.1.4.1.318.1.1.4.4.2.1.4\" }";
        assert!(apc.contains(read));
        let listed = format!("{read}\noutlets.name.list = {{ get = \"/x\", keys = \"y\" }}");
        let e = parse("apc.toml", &apc.replace(read, &listed))
            .unwrap_err()
            .to_string();
        assert!(e.contains("name.list is for HTTP drivers"), "{e}");
    }

    #[test]
    fn mqtt_files_are_checked_for_their_own_mistakes() {
        let tasmota = include_str!("../../drivers/tasmota-mqtt.toml");
        parse("tasmota-mqtt.toml", tasmota).unwrap();
        for (from, to, why) in [
            (
                "answer = \"stat/{topic}/RESULT\", ",
                "",
                "an MQTT list is a publish and the answer topic",
            ),
            (
                "cmnd/{topic}/POWER{i}",
                "cmnd/{device}/POWER{i}",
                "names {device}",
            ),
            (
                "payload = \"{v:ON|OFF}\"",
                "payload = \"{v:ON|OFF}\", oid = \"1.3.6\"",
                "an MQTT request is a publish",
            ),
        ] {
            assert!(tasmota.contains(from), "{from}");
            let e = parse("t.toml", &tasmota.replace(from, to))
                .unwrap_err()
                .to_string();
            assert!(e.contains(why), "{to}: {e}");
        }
    }

    #[test]
    fn modbus_files_are_checked_for_their_own_mistakes() {
        let netio = include_str!("../../drivers/netio-modbus.toml");
        parse("netio-modbus.toml", netio).unwrap();
        for (from, to, why) in [
            (
                "coil = \"{i}\" }",
                "coil = \"{i}+1\" }",
                "is not a Modbus address",
            ),
            (
                "coil = \"{i}\" }",
                "coil = \"70000\" }",
                "is not a Modbus address",
            ),
            (
                "state.read = { coil = \"{i}\" }",
                "state.read = { coil = \"{i}\", input = \"1\" }",
                "names one of coil, holding, input",
            ),
            (
                "state.read = { coil = \"{i}\" }",
                "state.read = { oid = \"1.3.6.1\" }",
                "names one of coil, holding, input",
            ),
            (
                "state.write = { coil = \"{i}\" }",
                "state.write = { holding = \"{i}\" }",
                "a Modbus write is coil",
            ),
            (
                "cycle.native = { holding = \"{i}\", value = \"2\" }",
                "cycle.native = { coil = \"{i}\" }",
                "a Modbus write is coil",
            ),
            (
                "value = \"2\"",
                "value = \"{v:1|0}\", repeat = true",
                "never sent twice",
            ),
            ("value = \"2\"", "value = \"70000\"", "not a register value"),
            ("value = \"2\"", "value = \"{x}\"", "names {x}"),
            (
                "list = { count = 4 }",
                "list = { count = 2000 }",
                "from 1 to 1024",
            ),
            (
                "list = { count = 4 }",
                "list = { count = 4, keys = \"POWER\" }",
                "cannot list its outlets",
            ),
            (
                "[outlets]",
                "[outlets]\nname.read = { coil = \"1\" }",
                "a Modbus device has no name",
            ),
            ("[modbus]", "[http]\n[modbus]", "an [http] section"),
            ("port = 502", "port = 502\nbaud = 9600", "baud"),
        ] {
            assert!(netio.contains(from), "{from}");
            let e = parse("n.toml", &netio.replace(from, to))
                .unwrap_err()
                .to_string();
            assert!(e.contains(why), "{to}: {e}");
            assert!(e.starts_with("n.toml:"), "{e}");
        }
        // And the other way: Modbus fields in another transport's file.
        let tasmota = include_str!("../../drivers/tasmota-mqtt.toml");
        for (from, to, why) in [
            (
                "keys = \"POWER\" }",
                "keys = \"POWER\", count = 2 }",
                "list.count is for Modbus",
            ),
            (
                "state.read = { pointer = \"\"",
                "state.read = { coil = \"1\", pointer = \"\"",
                "this driver's transport is not modbus",
            ),
            (
                "payload = \"{v:ON|OFF}\" }",
                "payload = \"{v:ON|OFF}\", coil = \"1\" }",
                "this driver's transport is not modbus",
            ),
            (
                "[outlets]",
                "[modbus]\nunit = 1\n\n[outlets]",
                "a [modbus] section",
            ),
        ] {
            assert!(tasmota.contains(from), "{from}");
            let e = parse("t.toml", &tasmota.replace(from, to))
                .unwrap_err()
                .to_string();
            assert!(e.contains(why), "{to}: {e}");
        }
    }

    #[test]
    fn a_named_i_replaces_n_plus_index_base() {
        let named = [("i", "9".to_string())];
        assert_eq!(fill("{i}/{n}", 1, 100, None, Filling::Text, &named), "9/1");
        assert_eq!(fill("{i}/{n}", 1, 100, None, Filling::Text, &[]), "101/1");
    }

    #[test]
    fn snmp_files_are_checked_for_their_own_mistakes() {
        let apc = include_str!("../../drivers/apc.toml");
        parse("apc.toml", apc).unwrap();
        for (from, to, why) in [
            (
                "oid = \"1.3.6.1.4.1.318.1.1.4.4.2.1.4\"",
                "oid = \"1.3.6.x.4\"",
                "is not an OID",
            ),
            (
                "name.read = { oid = \"1.3.6.1.4.1.318.1.1.4.4.2.1.4\" }",
                "name.read = { pointer = \"/name\" }",
                "reads each field with oid",
            ),
            (
                "list = { walk = \"1.3.6.1.4.1.318.1.1.4.4.2.1.3\" }",
                "list = { get = \"/x\", items = \"/y\" }",
                "an SNMP list is a walk",
            ),
            (
                "integer = \"{v:1|2}\"",
                "integer = \"{v:1|2}\", string = \"x\"",
                "one of integer, string",
            ),
            ("{v:1|2}", "{on}", "names {on}"),
            (
                "map = { 1 = true, 2 = false }",
                "map = { 1 = true, 2 = true }",
                "no value for false",
            ),
            (
                "map = { 1 = true, 2 = false }",
                "map = { 1 = \"on\", 2 = false }",
                "gives true or false",
            ),
        ] {
            assert!(apc.contains(from), "{from}");
            let e = parse("apc.toml", &apc.replace(from, to))
                .unwrap_err()
                .to_string();
            assert!(e.contains(why), "{to}: {e}");
        }
        let http_with_oid = ACME.replace("pointer = \"/label\"", "oid = \"1.3.6.1\"");
        let e = parse("acme.toml", &http_with_oid).unwrap_err().to_string();
        assert!(e.contains("reads with pointer, not oid"), "{e}");
    }

    #[test]
    fn filters_and_map_fallbacks_are_checked() {
        let openhab = include_str!("../../drivers/openhab.toml");
        parse("openhab.toml", openhab).unwrap();
        let filter = "filter = { pointer = \"/type\", values = [\"Switch\"] }";
        assert!(openhab.contains(filter));
        for (to, why) in [
            (
                "filter = { pointer = \"/type\" }",
                "exactly one of values (a list) and prefix",
            ),
            (
                "filter = { pointer = \"/type\", values = [\"Switch\"], prefix = \"S\" }",
                "exactly one of values (a list) and prefix",
            ),
            (
                "filter = { pointer = \"type\", values = [\"Switch\"] }",
                "not a JSON pointer",
            ),
            (
                "filter = { oid = \"1.3.6.1\", values = [\"Switch\"] }",
                "with pointer, not oid",
            ),
            (
                "filter = { pointer = \"/type\", value = \"Switch\" }",
                "value",
            ),
        ] {
            let e = parse("o.toml", &openhab.replace(filter, to))
                .unwrap_err()
                .to_string();
            assert!(e.contains(why), "{to}: {e}");
            assert!(e.starts_with("o.toml:"), "{to}: {e}");
        }
        let e = parse(
            "o.toml",
            &openhab.replace(filter, "filter = { pointer = \"/type\" }"),
        )
        .unwrap_err()
        .to_string();
        let line = openhab.lines().position(|l| l.contains(filter)).unwrap() + 1;
        assert!(e.starts_with(&format!("o.toml:{line}:")), "{e}");
        // `_ = "unknown"` is for the state's map; a pending map's `_` is true or false.
        let fallback = "_ = \"unknown\"";
        assert!(openhab.contains(fallback));
        let e = parse("o.toml", &openhab.replace(fallback, "_ = \"maybe\""))
            .unwrap_err()
            .to_string();
        assert!(e.contains("gives true or false"), "{e}");
        let redfish = include_str!("../../drivers/redfish-rackpdu.toml");
        parse("redfish-rackpdu.toml", redfish).unwrap();
        let pending = "PoweringOff = true, _ = false }";
        assert!(redfish.contains(pending));
        let e = parse(
            "r.toml",
            &redfish.replace(pending, "PoweringOff = true, _ = \"unknown\" }"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("state.pending maps \"_\""), "{e}");
        // An SNMP filter names a column; a Modbus device has no list to filter.
        let apc = include_str!("../../drivers/apc.toml");
        let walk = "list = { walk = \"1.3.6.1.4.1.318.1.1.4.4.2.1.3\" }";
        assert!(apc.contains(walk));
        let filtered = walk.replace(
            " }",
            ", filter = { oid = \"1.3.6.1.4.1.318.1.1.4.4.2.1.4\", prefix = \"DUT\" } }",
        );
        parse("apc.toml", &apc.replace(walk, &filtered)).unwrap();
        let by_pointer = walk.replace(" }", ", filter = { pointer = \"/x\", prefix = \"DUT\" } }");
        let e = parse("apc.toml", &apc.replace(walk, &by_pointer))
            .unwrap_err()
            .to_string();
        assert!(e.contains("with oid (a column), not pointer"), "{e}");
        let netio = include_str!("../../drivers/netio-modbus.toml");
        let e = parse(
            "n.toml",
            &netio.replace(
                "list = { count = 4 }",
                "list = { count = 4, filter = { pointer = \"/x\", prefix = \"a\" } }",
            ),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("cannot list its outlets"), "{e}");
    }
}
