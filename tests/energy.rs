//! Metering over time (issue 23): `pductl record` against simulated devices over real
//! sockets fills a real SQLite store, and `pductl energy` reads windows out of it. Energy
//! from a NETIO unit's counters agrees with the counters the simulator itself shows; a
//! counter reset inside a window loses nothing; a device without counters has its power
//! integrated as the trapezoid of the power the simulator is known to draw; concurrent
//! recorders and recorders killed mid-round leave a readable store with whole rounds only;
//! stores that are not pductl's, are corrupt or newer, and values no meter can show are
//! refused as the issue says.

mod common;
use common::*;
use pductl::energy::time::format_rfc3339;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::Duration;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn sleep_ms(ms: u64) {
    std::thread::sleep(Duration::from_millis(ms));
}

/// A home with a profile and a store file.
struct Rig {
    home: Home,
    store: PathBuf,
}

impl Rig {
    fn new(profile: &str) -> Rig {
        let home = Home::new();
        home.write_profile(profile);
        let store = home.dir.path().join("energy.sqlite");
        Rig { home, store }
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = self.home.cmd();
        c.env(PASSWORD_VAR, "1234").args(args);
        c
    }

    /// `pductl record|energy ARGS --store STORE`.
    fn with_store(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = self.cmd(args);
        c.arg("--store").arg(&self.store);
        c
    }

    /// A recorder in the background: `record --every EVERY TARGETS`.
    fn recorder(&self, every: &str, targets: &[&str]) -> Child {
        self.home
            .std_cmd()
            .env(PASSWORD_VAR, "1234")
            .args(["-q", "record", "--every", every, "--store"])
            .arg(&self.store)
            .args(targets)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap()
    }

    /// `energy -o json ARGS`, which must succeed.
    fn energy(&self, args: &[&str]) -> Value {
        let mut c = self.with_store(&["-o", "json", "energy"]);
        c.args(args);
        json(&ok(c))
    }

    /// The `Energy` counters of NETIO device `device` as its simulator shows them now, and
    /// when (the middle of the read).
    fn netio_counters(&self, device: &str) -> (i64, Vec<f64>) {
        let before = now_ms();
        let outputs = json(&ok(self.cmd(&["-d", device, "get", "netio/Outputs"])));
        let after = now_ms();
        let counters = outputs
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["Energy"].as_f64().unwrap())
            .collect();
        ((before + after) / 2, counters)
    }
}

/// Stops a recorder as Ctrl-C would (SIGINT) and waits for it.
fn interrupt(mut child: Child) {
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "interrupted: {status:?}");
}

/// The `-o json` row of `device`'s outlet `outlet` (from 1; `None` for the unit).
fn row<'a>(energy: &'a Value, device: &str, outlet: Option<u64>) -> &'a Value {
    energy["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["device"] == device && r["outlet"].as_u64() == outlet)
        .unwrap_or_else(|| panic!("no row for {device}:{outlet:?} in {energy}"))
}

fn wh(row: &Value) -> f64 {
    row["wh"].as_f64().unwrap()
}

fn netio_profile(name: &str, sim: &Sim) -> String {
    format!(
        "[devices.{name}]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n\n",
        sim.port()
    )
}

fn dli_profile(name: &str, sim: &Sim) -> String {
    format!(
        "[devices.{name}]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n\n",
        sim.port()
    )
}

/// Energy in Wh a NETIO simulator's switched-on output `id` uses from `a` to `b` (ms) with
/// `--energy-rate RATE`: its draw is `3600 x RATE` W give or take 2%, as sim/netio.rs sets
/// it (`load_w`), integrated here in small steps.
fn netio_truth(rate: f64, id: u32, a: i64, b: i64) -> f64 {
    let steps = 1000;
    let dt = (b - a) as f64 / steps as f64;
    (0..steps)
        .map(|k| {
            let t = a as f64 + (k as f64 + 0.5) * dt;
            rate * (1.0 + 0.02 * (t / 20_000.0 + id as f64).sin()) * dt / 1000.0
        })
        .sum()
}

#[test]
fn counter_windows_agree_with_the_simulators_own_counters() {
    // 1 Wh a second on each output that is on: 3600 W, within an outlet's rating.
    let sim = Sim::start("netio", &["--model", "netio-4all", "--energy-rate", "1"]);
    let rig = Rig::new(&netio_profile("desk", &sim));
    ok(rig.cmd(&["on", "desk:1,3"]));
    let recorder = rig.recorder("200ms", &["desk"]);
    sleep_ms(800);
    let (t0, c0) = rig.netio_counters("desk");
    sleep_ms(5000);
    let (t1, c1) = rig.netio_counters("desk");
    sleep_ms(600);
    interrupt(recorder);

    let since = format_rfc3339(t0);
    let until = format_rfc3339(t1);
    let e = rig.energy(&["--since", &since, "--until", &until, "desk"]);
    // One sample's worth: 0.2 s at 1 Wh/s (plus scheduling); the counters are whole Wh, so
    // each edge may be off by up to 1 Wh besides.
    let tolerance = 2.0 + 0.3;
    for outlet in 1..=4u64 {
        let r = row(&e, "desk", Some(outlet));
        let expected = c1[outlet as usize - 1] - c0[outlet as usize - 1];
        assert!(
            (wh(r) - expected).abs() <= tolerance,
            "outlet {outlet}: {} Wh from the store, {expected} Wh by the simulator's counters",
            wh(r)
        );
        assert_eq!(r["method"], "counter");
        assert_eq!(r["coverage"], 1.0);
        assert!(r["samples"].as_u64().unwrap() >= 20, "{r}");
        assert_eq!(r["window_s"].as_f64().unwrap(), (t1 - t0) as f64 / 1000.0);
    }
    assert!(wh(row(&e, "desk", Some(1))) > 3.0, "{e}");
    assert_eq!(wh(row(&e, "desk", Some(2))), 0.0, "outlet 2 is off");
    let sum: f64 = (1..=4).map(|o| wh(row(&e, "desk", Some(o)))).sum();
    assert!((e["devices"][0]["wh"].as_f64().unwrap() - sum).abs() < 0.01);
    assert!((e["total"][0]["wh"].as_f64().unwrap() - sum).abs() < 0.01);
    assert_eq!(row(&e, "desk", Some(1))["name"], "output_1");

    // A window longer than the store's history is reported with its coverage, not scaled.
    let long = rig.energy(&["--window", "1h,4s"]);
    let r = &long["outlets"][0];
    assert_eq!(r["window_s"], 3600);
    assert!(r["coverage"].as_f64().unwrap() < 0.01, "{r}");
    assert!(
        wh(r) > 3.0 && wh(r) < 10.0,
        "the whole recording, no more: {r}"
    );
    assert_eq!(long["windows"].as_array().unwrap().len(), 2);

    // A table for people: a column per window, in kWh.
    let table = ok(rig.with_store(&["-o", "table", "energy", "--window", "1h,90m"]));
    assert!(table.contains("1h30m") && table.contains("kWh"), "{table}");
    assert!(
        table.contains("output_1") && table.contains("counter"),
        "{table}"
    );
    assert!(table.contains("total"), "{table}");
}

#[test]
fn a_counter_reset_inside_the_window_loses_nothing() {
    // The resettable counter goes back to 0 every 3 s (the unit has no never-reset one).
    let sim = Sim::start(
        "netio",
        &[
            "--model",
            "netio-4all",
            "--energy-rate",
            "1",
            "--reset-energy-after",
            "3",
        ],
    );
    let rig = Rig::new(&netio_profile("desk", &sim));
    ok(rig.cmd(&["on", "desk:1"]));
    let recorder = rig.recorder("200ms", &["desk"]);
    sleep_ms(800);
    let t0 = now_ms();
    sleep_ms(7000);
    let t1 = now_ms();
    sleep_ms(600);
    interrupt(recorder);

    let e = rig.energy(&[
        "--since",
        &format_rfc3339(t0),
        "--until",
        &format_rfc3339(t1),
    ]);
    let r = row(&e, "desk", Some(1));
    assert_eq!(r["method"], "counter");
    // The counter never shows more than 2 Wh (whole Wh, reset every 3 s), yet the window
    // holds about 7. Each edge may be off by up to a step of the counter, and each reset
    // by what its time (whole seconds) and the last step leave unknown.
    let truth = netio_truth(1.0, 1, t0, t1);
    let resets = 3.0;
    assert!(
        (wh(r) - truth).abs() <= 1.0 + 0.3 * resets + 0.3,
        "{} Wh across counter resets, {truth:.2} Wh drawn",
        wh(r)
    );
    // Resets did happen in the window: EnergyStart moved.
    let db = rusqlite::Connection::open(&rig.store).unwrap();
    let starts: i64 = db
        .query_row(
            "SELECT count(DISTINCT value) FROM samples JOIN series ON series.id = samples.series \
             WHERE series.key = 'energy_start' AND t_ms BETWEEN ?1 AND ?2",
            [t0, t1],
            |r| r.get(0),
        )
        .unwrap();
    assert!(starts >= 2, "{starts} reset times");
}

#[test]
fn power_is_integrated_where_the_device_has_no_counter() {
    // A DLI controller meters only the whole unit: 0.42 A at 120 V per outlet that is on.
    let sim = Sim::dli(&["--outlets", "8"]);
    let rig = Rig::new(&dli_profile("lab", &sim));
    ok(rig.cmd(&["-d", "lab", "set", "relay/sequence_delay", "0"]));
    ok(rig.cmd(&["on", "lab:1,2"])); // 0.84 A: 101 W
    let recorder = rig.recorder("200ms", &["lab"]);
    sleep_ms(800);
    let t0 = now_ms();
    sleep_ms(2000);
    let switch_from = now_ms();
    ok(rig.cmd(&["on", "lab:3"])); // 1.26 A: 151 W
    let switch_to = now_ms();
    sleep_ms(2000);
    let t1 = now_ms();
    sleep_ms(600);
    interrupt(recorder);

    let e = rig.energy(&[
        "--since",
        &format_rfc3339(t0),
        "--until",
        &format_rfc3339(t1),
        "lab",
    ]);
    let r = row(&e, "lab", None);
    assert_eq!(r["outlet"], Value::Null);
    assert_eq!(r["name"], "whole unit");
    assert_eq!(r["method"], "integrated");
    assert_eq!(r["coverage"], 1.0);
    // The known power: 101 W, then 151 W from the switch on; the trapezoid across the
    // switch may differ by half a step over one sample interval.
    let known = |switch: i64| (101.0 * (switch - t0) as f64 + 151.0 * (t1 - switch) as f64) / 3.6e6;
    let (low, high) = (known(switch_to), known(switch_from));
    let one_sample = 50.0 * 0.3 / 3600.0;
    assert!(
        wh(r) >= low - one_sample - 0.001 && wh(r) <= high + one_sample + 0.001,
        "{} Wh integrated, {low:.4}..{high:.4} Wh drawn",
        wh(r)
    );
    // `lab:1` names an outlet this unit does not meter by itself.
    fails(rig.with_store(&["energy", "lab:1"]), 1, "lab has samples");
}

#[test]
fn per_outlet_meters_of_a_dli_controller_are_counters() {
    let sim = Sim::dli(&["--outlets", "4", "--energy-rate", "0.5"]);
    let rig = Rig::new(&dli_profile("rack", &sim));
    ok(rig.cmd(&["-d", "rack", "set", "relay/sequence_delay", "0"]));
    ok(rig.cmd(&["on", "rack:2"]));
    let recorder = rig.recorder("200ms", &["rack:1-2"]);
    sleep_ms(3000);
    interrupt(recorder);
    let e = rig.energy(&["--window", "1h"]);
    let rows = e["outlets"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "only the outlets named were recorded: {e}");
    let r = row(&e, "rack", Some(2));
    assert_eq!(r["method"], "counter");
    assert!(wh(r) >= 0.5 && wh(r) <= 2.0, "about 1.2 Wh in 2.4 s: {r}");
    assert_eq!(wh(row(&e, "rack", Some(1))), 0.0);
}

#[test]
fn concurrent_recorders_and_kills_leave_whole_rounds_counted_once() {
    let desk = Sim::start("netio", &["--model", "netio-4all", "--energy-rate", "1"]);
    let rack = Sim::dli(&["--outlets", "4", "--energy-rate", "0.2"]);
    let rig = Rig::new(&format!(
        "{}{}",
        netio_profile("desk", &desk),
        dli_profile("rack", &rack)
    ));
    ok(rig.cmd(&["on", "desk:1"]));
    ok(rig.cmd(&["-d", "rack", "set", "relay/sequence_delay", "0"]));
    ok(rig.cmd(&["on", "rack:all"]));
    // A first round creates the store, so the loops below race on writing, not on creating.
    ok(rig.with_store(&["-q", "record", "desk", "rack"]));
    let (t0, c0) = rig.netio_counters("desk");
    let a = rig.recorder("100ms", &["desk", "rack"]);
    let b = rig.recorder("150ms", &["desk", "rack"]);
    // Recorders killed at any point of their rounds, again and again.
    for i in 0..8u64 {
        let mut victim = rig.recorder("20ms", &["desk", "rack"]);
        sleep_ms(90 + (i * 37) % 200);
        victim.kill().unwrap();
        victim.wait().unwrap();
    }
    let (t1, c1) = rig.netio_counters("desk");
    sleep_ms(300);
    interrupt(a);
    interrupt(b);

    let e = rig.energy(&[
        "--since",
        &format_rfc3339(t0),
        "--until",
        &format_rfc3339(t1),
    ]);
    // Interleaved samples of two recorders are still one counter: counted once.
    let expected = c1[0] - c0[0];
    let got = wh(row(&e, "desk", Some(1)));
    assert!(
        (got - expected).abs() <= 2.3,
        "{got} Wh from the store, {expected} Wh by the counters"
    );
    assert_eq!(e["outlets"].as_array().unwrap().len(), 4 + 4);

    let db = rusqlite::Connection::open(&rig.store).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // Every round is whole: at each sample time of a device, every value it meters.
    for device in ["desk", "rack"] {
        let series: i64 = db
            .query_row(
                "SELECT count(*) FROM series WHERE device = ?1",
                [device],
                |r| r.get(0),
            )
            .unwrap();
        let partial: Vec<(i64, i64)> = db
            .prepare(
                "SELECT t_ms, count(*) FROM samples JOIN series ON series.id = samples.series \
                 WHERE device = ?1 GROUP BY t_ms HAVING count(*) != ?2",
            )
            .unwrap()
            .query_map(rusqlite::params![device, series], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(partial.is_empty(), "{device}: partial rounds {partial:?}");
        let rounds: i64 = db
            .query_row(
                "SELECT count(DISTINCT t_ms) FROM samples JOIN series ON series.id = samples.series \
                 WHERE device = ?1",
                [device],
                |r| r.get(0),
            )
            .unwrap();
        assert!(rounds > 20, "{device}: {rounds} rounds");
    }
    let (all, distinct): (i64, i64) = db
        .query_row(
            "SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT series, t_ms FROM samples)) \
             FROM samples",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(all, distinct, "no sample twice");
}

#[test]
fn a_failing_device_is_warned_about_and_the_others_recorded() {
    let desk = Sim::start("netio", &["--model", "netio-4all"]);
    let plain = Sim::start("netio", &["--model", "netio-4"]);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = closed.local_addr().unwrap().port();
    drop(closed);
    let rig = Rig::new(&format!(
        "{}[devices.dead]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {dead_port}\ntimeout = 1\nretries = 0\n\n\
         [devices.plain]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n",
        netio_profile("desk", &desk),
        plain.port(),
    ));
    // Every profile device that meters: desk recorded, dead warned about, plain (no
    // metering) passed over; some failed, so exit 7.
    let (code, stdout, stderr) = run(rig.with_store(&["record"]));
    assert_eq!(code, 7, "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("warning: dead: not recorded"), "{stderr}");
    assert!(!stderr.contains("plain"), "{stderr}");
    assert!(stderr.contains("of 1 device"), "{stderr}");
    // -q: quiet for cron.
    let (code, _, stderr) = run(rig.with_store(&["-q", "record"]));
    assert_eq!((code, stderr.as_str()), (7, ""));
    let e = rig.energy(&[]);
    assert!(
        e["outlets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["device"] == "desk"),
        "{e}"
    );
    // Named, a device that meters nothing is a failure of its own.
    fails(rig.with_store(&["record", "plain"]), 8, "meter");
}

#[test]
fn values_no_meter_can_show_are_not_recorded() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let reads = std::sync::Arc::new(AtomicUsize::new(0));
    let count = reads.clone();
    let server = RawServer::start(move |_| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        // Output 4's counter jumps 100 kWh in the second read: more than an outlet can draw.
        let jump = if n >= 1 { 100_000 } else { 10 };
        let body = format!(
            r#"{{"Agent":{{"Model":"NETIO 4All","DeviceName":"odd","NumOutputs":4}},
            "GlobalMeasure":{{"Voltage":230.0,"TotalLoad":50,"TotalEnergy":5,"EnergyStart":"2024-01-01T00:00:00+00:00"}},
            "Outputs":[{{"ID":1,"Name":"a","State":1,"Load":-5,"Energy":1}},
                       {{"ID":2,"Name":"b","State":1,"Load":2000000000,"Energy":2}},
                       {{"ID":3,"Name":"c","State":1,"Load":7,"Energy":10000000000000}},
                       {{"ID":4,"Name":"d","State":1,"Load":40,"Energy":{jump}}}]}}"#
        );
        http_answer("200 OK", &["Content-Type: application/json"], &body)
    });
    let rig = Rig::new(&format!(
        "[devices.odd]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n",
        server.port
    ));
    let (code, _, stderr) = run(rig.with_store(&["record", "odd"]));
    assert_eq!(code, 0, "{stderr}");
    for needle in [
        "odd: not recorded: outlets.0.power: -5 is negative",
        "outlets.1.power: 2000000000 W is more than any meter reads",
        "outlets.2.energy: 10000000000000 Wh is more than any counter holds",
    ] {
        assert!(stderr.contains(needle), "{needle:?} in {stderr}");
    }
    let (code, _, stderr) = run(rig.with_store(&["record", "odd"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("outlets.3.energy rose 99990 Wh"),
        "{stderr}"
    );
    let db = rusqlite::Connection::open(&rig.store).unwrap();
    let kept: Vec<f64> = db
        .prepare(
            "SELECT value FROM samples JOIN series ON series.id = samples.series \
             WHERE key = 'outlets.3.energy' ORDER BY t_ms",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kept, [10.0], "the jump is not taken as truth");
    let bad: i64 = db
        .query_row(
            "SELECT count(*) FROM samples JOIN series ON series.id = samples.series \
             WHERE kind != 'energy_start' AND (value < 0 OR value > 1e9)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
}

#[test]
fn stores_that_are_not_pductls_are_refused_untouched() {
    let home = Home::new();
    let dir = home.dir.path();
    let cmd = |args: &[&str], store: &PathBuf| {
        let mut c = home.cmd();
        c.args(args).arg("--store").arg(store);
        c
    };
    // Text.
    let text = dir.join("notes.txt");
    std::fs::write(&text, "shopping list\n".repeat(400)).unwrap();
    fails(
        cmd(&["record", "--host", "127.0.0.1"], &text),
        2,
        "notes.txt is not a pductl store",
    );
    fails(
        cmd(&["energy"], &text),
        2,
        "notes.txt is not a pductl store",
    );
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "shopping list\n".repeat(400)
    );
    // Another program's SQLite database.
    let other = dir.join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('cat');")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    fails(
        cmd(&["record", "--host", "127.0.0.1"], &other),
        2,
        "other.db is not a pductl store",
    );
    fails(
        cmd(&["energy"], &other),
        2,
        "other.db is not a pductl store",
    );
    assert_eq!(std::fs::read(&other).unwrap(), before);

    // A store of a newer pductl; then a corrupt one.
    let sim = Sim::start("netio", &["--model", "netio-4all"]);
    let rig = Rig::new(&netio_profile("desk", &sim));
    ok(rig.with_store(&["-q", "record"]));
    ok(rig.with_store(&["-q", "record"]));
    let newer = rig.home.dir.path().join("newer.sqlite");
    std::fs::copy(&rig.store, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&newer).unwrap();
    let mut c = rig.cmd(&["record"]);
    c.arg("--store").arg(&newer);
    fails(c, 2, "newer pductl");
    let mut c = rig.cmd(&["energy"]);
    c.arg("--store").arg(&newer);
    fails(c, 2, "newer.sqlite was written by a newer pductl");
    assert_eq!(std::fs::read(&newer).unwrap(), before);

    let mut bytes = std::fs::read(&rig.store).unwrap();
    let page = 4096;
    assert!(bytes.len() > 2 * page, "{} bytes", bytes.len());
    for b in &mut bytes[page..] {
        *b = 0x5a;
    }
    std::fs::write(&rig.store, &bytes).unwrap();
    fails(rig.with_store(&["record"]), 2, "is corrupt");
    fails(rig.with_store(&["energy"]), 2, "energy.sqlite");
    assert_eq!(
        std::fs::read(&rig.store).unwrap(),
        bytes,
        "nothing overwritten"
    );

    // Read-only (root may write anyway: nothing to test there).
    if unsafe { libc::geteuid() } != 0 {
        use std::os::unix::fs::PermissionsExt;
        let ro = rig.home.dir.path().join("ro.sqlite");
        std::fs::copy(&newer, &ro).unwrap();
        rusqlite::Connection::open(&ro)
            .unwrap()
            .pragma_update(None, "user_version", 1)
            .unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
        let mut c = rig.cmd(&["record"]);
        c.arg("--store").arg(&ro);
        fails(c, 2, "read-only");
        // Reading needs no writing.
        let mut c = rig.cmd(&["energy"]);
        c.arg("--store").arg(&ro);
        ok(c);
    }
}

#[test]
fn energy_without_samples_says_how_to_record() {
    let sim = Sim::start("netio", &["--model", "netio-4all"]);
    let rig = Rig::new(&netio_profile("desk", &sim));
    fails(rig.with_store(&["energy"]), 1, "pductl record");
    fails(rig.with_store(&["energy", "desk"]), 1, "pductl record desk");
    ok(rig.with_store(&["-q", "record", "desk"]));
    // Samples older than --keep go before a round is added.
    sleep_ms(5);
    ok(rig.with_store(&["-q", "record", "desk", "--keep", "1ms"]));
    let rounds: i64 = rusqlite::Connection::open(&rig.store)
        .unwrap()
        .query_row("SELECT count(DISTINCT t_ms) FROM samples", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rounds, 1, "the first round was pruned");
    // In the profile, but never recorded.
    let rig2 = Rig {
        home: Home::new(),
        store: rig.store.clone(),
    };
    rig2.home.write_profile(&format!(
        "{}[devices.other]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = 9\n",
        netio_profile("desk", &sim)
    ));
    let line = fails(
        rig2.with_store(&["energy", "desk", "other"]),
        1,
        "no samples of other",
    );
    assert!(line.contains("pductl record other"), "{line}");
    fails(
        rig.with_store(&["energy", "nosuch:1"]),
        2,
        "unknown device 'nosuch'",
    );
    for args in [
        &["energy", "--window", "5"][..],
        &["record", "--every", "5 minutes"],
    ] {
        let (code, _, stderr) = run(rig.with_store(args));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("is not a duration"), "{stderr}");
    }
    fails(
        rig.with_store(&["energy", "--since", "yesterday"]),
        2,
        "not a time",
    );
    fails(
        rig.with_store(&["energy", "--since", "1h", "--until", "2h"]),
        2,
        "is not before",
    );
    fails(
        rig.with_store(&["-o", "text", "energy"]),
        2,
        "-o json or -o table",
    );
}
