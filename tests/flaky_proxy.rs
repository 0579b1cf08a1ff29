//! Self-test of the fault-injecting proxies in tests/common/flaky.rs, against plain std echo
//! servers, so that a retry test failing later can be blamed on pductl and not on the proxy.

mod common;
use common::flaky::{Fate, FlakyTcp, LossyUdp, TcpFaults};
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long "never answers" is watched for.
const SILENCE: Duration = Duration::from_millis(300);

/// A TCP echo server that keeps every byte it received: what reached the "device".
fn tcp_echo() -> (String, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let log = log.clone();
            thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = stream.read(&mut buf) {
                    log.lock().unwrap().extend_from_slice(&buf[..n]);
                    if stream.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            });
        }
    });
    (addr, seen)
}

/// A UDP echo server that keeps every datagram it received.
fn udp_echo() -> (String, Arc<Mutex<Vec<Vec<u8>>>>) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap().to_string();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    thread::spawn(move || {
        let mut buf = [0u8; 2048];
        while let Ok((n, from)) = socket.recv_from(&mut buf) {
            log.lock().unwrap().push(buf[..n].to_vec());
            let _ = socket.send_to(&buf[..n], from);
        }
    });
    (addr, seen)
}

fn connect(proxy: &FlakyTcp, timeout: Duration) -> TcpStream {
    let stream = TcpStream::connect(&proxy.addr).unwrap();
    stream.set_read_timeout(Some(timeout)).unwrap();
    stream
}

/// Sends `text` and reads the echo back through the proxy.
fn echoes(proxy: &FlakyTcp, text: &str) -> bool {
    let mut stream = connect(proxy, Duration::from_secs(2));
    stream.write_all(text.as_bytes()).unwrap();
    let mut back = vec![0u8; text.len()];
    stream.read_exact(&mut back).is_ok() && back == text.as_bytes()
}

fn is_timeout(kind: ErrorKind) -> bool {
    matches!(kind, ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

/// Drops the proxy, which must not take more than about a second.
fn drop_quickly<T>(proxy: T) {
    let started = Instant::now();
    drop(proxy);
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1200), "Drop took {took:?}");
}

#[test]
fn fine_connections_echo_and_are_counted() {
    let (upstream, seen) = tcp_echo();
    let proxy = FlakyTcp::start(&upstream, TcpFaults::none());
    assert_eq!(proxy.addr, format!("127.0.0.1:{}", proxy.port()));
    assert!(echoes(&proxy, "hello"));
    assert!(echoes(&proxy, "world hello"));

    // A needle that crosses two reads of the proxy still counts once.
    let mut stream = connect(&proxy, Duration::from_secs(2));
    stream.write_all(b"POST /outl").unwrap();
    let mut back = [0u8; 10];
    stream.read_exact(&mut back).unwrap();
    stream.write_all(b"ets/0/cycle/").unwrap();
    let mut back = [0u8; 12];
    stream.read_exact(&mut back).unwrap();

    assert_eq!(proxy.count("hello"), 2);
    assert_eq!(proxy.count("POST /outlets/0/cycle/"), 1);
    assert_eq!(proxy.count("absent"), 0);
    assert_eq!(proxy.connections(), 3);
    assert_eq!(proxy.fates(), (0, 0, 3));
    assert_eq!(seen.lock().unwrap().len(), 5 + 11 + 22);

    // The device hanging up is passed on as an end of stream.
    drop(stream);
    drop_quickly(proxy);
}

#[test]
fn reset_connections_reach_nobody() {
    let (upstream, seen) = tcp_echo();
    let proxy = FlakyTcp::start(&upstream, TcpFaults::new(1).reset(1.0));
    let mut stream = connect(&proxy, Duration::from_secs(2));
    let started = Instant::now();
    stream.write_all(b"GET /restapi/relay/").unwrap();
    let mut buf = [0u8; 64];
    let got = stream.read(&mut buf);
    // SO_LINGER 0 makes it a real RST, not an orderly end of stream.
    assert_eq!(
        got.as_ref().map_err(|e| e.kind()),
        Err(ErrorKind::ConnectionReset),
        "{got:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(proxy.count("GET"), 0);
    assert_eq!(proxy.fates(), (1, 0, 0));
    assert!(seen.lock().unwrap().is_empty());
    drop_quickly(proxy);
}

#[test]
fn black_hole_delivers_but_never_answers() {
    let (upstream, seen) = tcp_echo();
    let proxy = FlakyTcp::start(&upstream, TcpFaults::new(1).black_hole(1.0));
    let mut stream = connect(&proxy, SILENCE);
    stream.write_all(b"ping").unwrap();
    let mut buf = [0u8; 64];
    let got = stream.read(&mut buf);
    assert!(matches!(&got, Err(e) if is_timeout(e.kind())), "{got:?}");
    assert_eq!(proxy.count("ping"), 1);
    assert_eq!(*seen.lock().unwrap(), b"ping");
    assert_eq!(proxy.fates(), (0, 1, 0));

    // Held open until the proxy goes; then the client sees the end of stream.
    drop_quickly(proxy);
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    assert_eq!(stream.read(&mut buf).unwrap(), 0);
}

#[test]
fn drop_matching_swallows_one_request() {
    let (upstream, seen) = tcp_echo();
    let cycle = "POST /restapi/relay/outlets/1/cycle/";
    let proxy = FlakyTcp::start(&upstream, TcpFaults::new(1).drop_matching(cycle));
    assert!(echoes(&proxy, "GET /restapi/relay/outlets/1/"));

    let mut stream = connect(&proxy, SILENCE);
    stream
        .write_all(format!("{cycle} HTTP/1.1\r\n\r\n").as_bytes())
        .unwrap();
    let mut buf = [0u8; 64];
    let got = stream.read(&mut buf);
    assert!(matches!(&got, Err(e) if is_timeout(e.kind())), "{got:?}");
    // Nothing after it on that connection gets through either.
    stream.write_all(b"GET /after").unwrap();
    let got = stream.read(&mut buf);
    assert!(matches!(&got, Err(e) if is_timeout(e.kind())), "{got:?}");

    assert_eq!(proxy.count(cycle), 0);
    assert_eq!(proxy.count("GET /after"), 0);
    assert_eq!(proxy.count("GET /restapi/relay/outlets/1/"), 1);
    assert_eq!(proxy.fates(), (0, 0, 2));
    assert!(!String::from_utf8_lossy(&seen.lock().unwrap()).contains("cycle"));
    drop_quickly(proxy);
}

#[test]
fn same_seed_same_fates() {
    const N: usize = 12;
    let (upstream, _) = tcp_echo();
    let faults = TcpFaults::new(42).reset(0.3).black_hole(0.3);
    let a = FlakyTcp::start(&upstream, faults.clone());

    // Connect all first: the accept queue keeps connect order, so connection i has fate i.
    let mut streams: Vec<TcpStream> = (0..N)
        .map(|_| TcpStream::connect(&a.addr).unwrap())
        .collect();
    for stream in &mut streams {
        stream.write_all(b"x").unwrap();
    }
    thread::sleep(SILENCE);
    let seen: Vec<Fate> = streams
        .iter_mut()
        .map(|stream| {
            stream.set_nonblocking(true).unwrap();
            match stream.read(&mut [0u8; 8]) {
                Ok(1) => Fate::Fine,
                Err(e) if is_timeout(e.kind()) => Fate::BlackHole,
                Ok(0) | Err(_) => Fate::Reset,
                Ok(n) => panic!("{n} bytes echoed for 1"),
            }
        })
        .collect();
    let history = a.fate_history();
    assert_eq!(seen, history);
    for fate in [Fate::Reset, Fate::BlackHole, Fate::Fine] {
        assert!(
            history.contains(&fate),
            "seed 42 gives no {fate:?}: {history:?}"
        );
    }
    let count = |fate| history.iter().filter(|f| **f == fate).count();
    assert_eq!(
        a.fates(),
        (
            count(Fate::Reset),
            count(Fate::BlackHole),
            count(Fate::Fine)
        )
    );

    // Another proxy with the same seed deals the same fates; another seed does not.
    let draw = |faults: TcpFaults| {
        let proxy = FlakyTcp::start(&upstream, faults);
        for _ in 0..N {
            drop(TcpStream::connect(&proxy.addr).unwrap());
        }
        assert!(common::eventually(2.0, || proxy.connections() == N));
        proxy.fate_history()
    };
    assert_eq!(draw(faults.clone()), history);
    assert_ne!(draw(TcpFaults { seed: 7, ..faults }), history);
    drop_quickly(a);
}

#[test]
fn set_faults_applies_to_new_connections() {
    let (upstream, _) = tcp_echo();
    let proxy = FlakyTcp::start(&upstream, TcpFaults::none());
    assert!(echoes(&proxy, "setup"));
    proxy.set_faults(TcpFaults::new(3).reset(1.0));
    assert!(!echoes(&proxy, "doomed"));
    assert_eq!(proxy.fates(), (1, 0, 1));
    assert_eq!(proxy.count("doomed"), 0);
    drop_quickly(proxy);
}

fn udp_client() -> UdpSocket {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_read_timeout(Some(SILENCE)).unwrap();
    socket
}

fn ask(client: &UdpSocket, proxy: &LossyUdp, text: &[u8]) -> Option<Vec<u8>> {
    client.send_to(text, &proxy.addr).unwrap();
    let mut buf = [0u8; 2048];
    match client.recv(&mut buf) {
        Ok(n) => Some(buf[..n].to_vec()),
        Err(e) if is_timeout(e.kind()) => None,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn udp_without_loss_echoes_to_each_client_and_counts() {
    let (upstream, seen) = udp_echo();
    let proxy = LossyUdp::start(&upstream, 5, 0.0, 0.0);
    assert_eq!(proxy.addr, format!("127.0.0.1:{}", proxy.port()));
    let (one, two) = (udp_client(), udp_client());
    assert_eq!(ask(&one, &proxy, b"hello").as_deref(), Some(&b"hello"[..]));
    assert_eq!(ask(&two, &proxy, b"other").as_deref(), Some(&b"other"[..]));
    assert_eq!(
        ask(&one, &proxy, b"hello again").as_deref(),
        Some(&b"hello again"[..])
    );
    assert_eq!(proxy.count(b"hello"), 2);
    assert_eq!(proxy.count(b"the"), 1);
    assert_eq!(proxy.count(b"absent"), 0);
    assert_eq!(proxy.forwarded(), (3, 3));
    assert_eq!(seen.lock().unwrap().len(), 3);
    drop_quickly(proxy);
}

#[test]
fn udp_loss_to_device_forwards_nothing() {
    let (upstream, seen) = udp_echo();
    let proxy = LossyUdp::start(&upstream, 5, 1.0, 0.0);
    let client = udp_client();
    assert_eq!(ask(&client, &proxy, b"lost"), None);
    assert_eq!(proxy.count(b"lost"), 0);
    assert_eq!(proxy.forwarded(), (0, 0));
    assert!(seen.lock().unwrap().is_empty());

    proxy.set_loss(0.0, 0.0);
    assert_eq!(
        ask(&client, &proxy, b"found").as_deref(),
        Some(&b"found"[..])
    );
    assert_eq!(proxy.forwarded(), (1, 1));
    drop_quickly(proxy);
}

#[test]
fn udp_loss_from_device_delivers_but_never_answers() {
    let (upstream, seen) = udp_echo();
    let proxy = LossyUdp::start(&upstream, 5, 0.0, 1.0);
    let client = udp_client();
    assert_eq!(ask(&client, &proxy, b"set outlet"), None);
    assert_eq!(proxy.count(b"outlet"), 1);
    assert_eq!(proxy.forwarded(), (1, 0));
    assert_eq!(*seen.lock().unwrap(), vec![b"set outlet".to_vec()]);
    drop_quickly(proxy);
}
