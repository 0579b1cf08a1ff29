//! Fault-injecting proxies on loopback, for tests of pductl's retry logic on flaky networks.
//!
//! [`FlakyTcp`] sits in front of a TCP device (a simulator) and gives each new connection a
//! fate: *reset* (the request never reaches the device and the client gets a TCP RST),
//! *black hole* (the request reaches the device, the answer never comes back) or *fine*. It
//! can also make one particular request vanish ([`TcpFaults::drop_matching`]).
//! [`LossyUdp`] sits in front of a UDP agent (SNMP) and loses datagrams in either direction.
//!
//! Both decide with a seeded RNG, so a failing run can be replayed with the same seed, and
//! both count what was handed on to the device, so that a test can assert that a request
//! that must not be repeated (an outlet cycle) reached the device at most once.
//!
//! Only std threads and blocking sockets: the proxies must not depend on, or share, the
//! runtime of the code under test. Every thread polls a stop flag through short socket
//! timeouts, so dropping a proxy ends its threads and closes its sockets within a fraction of
//! a second; buffers and logs have fixed limits.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs, UdpSocket};
use std::os::unix::io::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a blocked read or write waits before its thread looks at the stop flag again:
/// short enough for a quick Drop, long enough that idle proxies do not spin.
const POLL: Duration = Duration::from_millis(50);
/// The accept loop is nonblocking (std cannot give `accept` a timeout); this is its nap.
const ACCEPT_NAP: Duration = Duration::from_millis(5);
/// Drop waits at most this long for the proxy's threads, so a stuck socket cannot hang a test.
const DROP_WAIT: Duration = Duration::from_secs(1);
/// A connection fated to be reset waits this long for the client's first bytes, so that the
/// reset hits a request in flight, as a real failure would, rather than an idle connection.
const RESET_WAIT: Duration = Duration::from_secs(2);
/// Bytes kept for `count`; far more than any test sends. Past it `count` panics rather than
/// undercount, since an undercount could let an "at most once" assertion pass by mistake.
const LOG_LIMIT: usize = 16 << 20;
/// Fates kept for `fate_history`.
const HISTORY_LIMIT: usize = 4096;
const TCP_CHUNK: usize = 16 * 1024;
/// The largest UDP payload, so that no datagram is truncated on its way through.
const UDP_CHUNK: usize = 65536;
/// Client mappings (one upstream socket and thread each) a `LossyUdp` keeps at once.
const MAX_UDP_CLIENTS: usize = 256;

// ---------------------------------------------------------------------------------------------
// TCP

/// What `FlakyTcp` does to new connections. Fractions are of connections, decided once per
/// accepted connection, in accept order, from an RNG seeded with `seed`.
#[derive(Debug, Clone, PartialEq)]
pub struct TcpFaults {
    pub seed: u64,
    /// Fraction of connections reset after the client's first bytes, before any reach the device.
    pub reset: f64,
    /// Fraction of connections whose requests reach the device but whose answers are thrown away.
    pub black_hole: f64,
    /// A client chunk containing this, and everything after it on its connection, is neither
    /// forwarded nor answered: the connection turns into a black hole that never reached the
    /// device. (A needle split across two reads is still noticed, but the part in the first
    /// read has gone through by then; on loopback a request head comes in one read.)
    pub drop_matching: Option<String>,
    /// A client chunk containing this is forwarded, and from then on nothing the device
    /// sends on that connection comes back: the request reaches the device, its answer is
    /// lost.
    pub mute_after: Option<String>,
}

impl TcpFaults {
    /// Every connection fine.
    pub fn none() -> TcpFaults {
        TcpFaults::new(0)
    }

    /// No faults yet, with `seed` for the ones the builder methods add.
    pub fn new(seed: u64) -> TcpFaults {
        TcpFaults {
            seed,
            reset: 0.0,
            black_hole: 0.0,
            drop_matching: None,
            mute_after: None,
        }
    }

    pub fn reset(mut self, fraction: f64) -> TcpFaults {
        self.reset = fraction;
        self
    }

    pub fn black_hole(mut self, fraction: f64) -> TcpFaults {
        self.black_hole = fraction;
        self
    }

    pub fn drop_matching(mut self, needle: &str) -> TcpFaults {
        self.drop_matching = Some(needle.to_string());
        self
    }

    pub fn mute_after(mut self, needle: &str) -> TcpFaults {
        self.mute_after = Some(needle.to_string());
        self
    }

    fn check(&self) {
        let fraction = 0.0..=1.0;
        assert!(
            fraction.contains(&self.reset)
                && fraction.contains(&self.black_hole)
                && self.reset + self.black_hole <= 1.0 + 1e-9,
            "fractions of connections must be within 0..=1 and add up to at most 1: {self:?}"
        );
    }
}

/// The fate of one connection through a `FlakyTcp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Reset,
    BlackHole,
    Fine,
}

/// A TCP proxy on 127.0.0.1 in front of `upstream` that injects faults; its threads end and
/// its connections close when it is dropped.
pub struct FlakyTcp {
    /// "127.0.0.1:PORT": point pductl here instead of at the device.
    pub addr: String,
    shared: Arc<TcpShared>,
    accept: Option<JoinHandle<()>>,
}

struct TcpShared {
    upstream: SocketAddr,
    stop: AtomicBool,
    live: Arc<AtomicUsize>,
    plan: Mutex<Plan>,
    connections: AtomicUsize,
    resets: AtomicUsize,
    black_holes: AtomicUsize,
    fine: AtomicUsize,
    history: Mutex<Vec<Fate>>,
    sent: Mutex<Log>,
}

/// The faults in force with their RNG: kept together so that `set_faults` restarts the
/// sequence from the new seed, which keeps a run reproducible however it was set up.
struct Plan {
    faults: TcpFaults,
    rng: StdRng,
}

impl Plan {
    fn new(faults: TcpFaults) -> Plan {
        faults.check();
        Plan {
            rng: StdRng::seed_from_u64(faults.seed),
            faults,
        }
    }
}

impl FlakyTcp {
    /// Listens on 127.0.0.1:0; `upstream` is the device's "host:port".
    pub fn start(upstream: &str, faults: TcpFaults) -> FlakyTcp {
        let upstream = resolve(upstream);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the TCP proxy");
        let addr = listener.local_addr().unwrap().to_string();
        listener.set_nonblocking(true).unwrap();
        let shared = Arc::new(TcpShared {
            upstream,
            stop: AtomicBool::new(false),
            live: Arc::new(AtomicUsize::new(0)),
            plan: Mutex::new(Plan::new(faults)),
            connections: AtomicUsize::new(0),
            resets: AtomicUsize::new(0),
            black_holes: AtomicUsize::new(0),
            fine: AtomicUsize::new(0),
            history: Mutex::new(Vec::new()),
            sent: Mutex::new(Log::default()),
        });
        let accept = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("flaky-tcp-accept".into())
                .spawn(move || accept_loop(listener, shared))
                .expect("spawn the proxy's accept thread")
        };
        FlakyTcp {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    pub fn port(&self) -> &str {
        self.addr.rsplit(':').next().unwrap()
    }

    /// Replaces the faults (and restarts the RNG from their seed) for connections accepted
    /// from now on; connections already open keep their fate.
    pub fn set_faults(&self, faults: TcpFaults) {
        *self.shared.plan.lock().unwrap() = Plan::new(faults);
    }

    /// How many times `needle` occurs in the bytes handed on to the device, over all
    /// connections so far. Each connection's bytes are searched as one stream, so a needle
    /// split across reads counts. Bytes are logged just before they are written upstream, so
    /// once the client has its answer the request is counted; a write that then fails still
    /// counts, erring towards "reached the device".
    pub fn count(&self, needle: &str) -> usize {
        let sent = self.shared.sent.lock().unwrap();
        sent.check("FlakyTcp");
        sent.items
            .iter()
            .map(|stream| occurrences(stream, needle.as_bytes()))
            .sum()
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(SeqCst)
    }

    /// Connections so far that were (reset, black-holed, fine). A fine connection later
    /// swallowed by `drop_matching` still counts as fine.
    pub fn fates(&self) -> (usize, usize, usize) {
        (
            self.shared.resets.load(SeqCst),
            self.shared.black_holes.load(SeqCst),
            self.shared.fine.load(SeqCst),
        )
    }

    /// The fates of the first connections (up to 4096), in accept order.
    pub fn fate_history(&self) -> Vec<Fate> {
        self.shared.history.lock().unwrap().clone()
    }
}

impl Drop for FlakyTcp {
    fn drop(&mut self) {
        self.shared.stop.store(true, SeqCst);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        wait_for_threads(&self.shared.live);
    }
}

impl TcpShared {
    /// One draw per connection whatever the faults, so that connection N always gets draw N.
    fn next_fate(&self) -> (Fate, TcpFaults) {
        let mut plan = self.plan.lock().unwrap();
        let draw: f64 = plan.rng.gen();
        let fate = if draw < plan.faults.reset {
            Fate::Reset
        } else if draw < plan.faults.reset + plan.faults.black_hole {
            Fate::BlackHole
        } else {
            Fate::Fine
        };
        let counter = match fate {
            Fate::Reset => &self.resets,
            Fate::BlackHole => &self.black_holes,
            Fate::Fine => &self.fine,
        };
        counter.fetch_add(1, SeqCst);
        let mut history = self.history.lock().unwrap();
        if history.len() < HISTORY_LIMIT {
            history.push(fate);
        }
        (fate, plan.faults.clone())
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<TcpShared>) {
    while !shared.stop.load(SeqCst) {
        match listener.accept() {
            Ok((client, _)) => {
                // Fates are drawn here, on the one accept thread, so they follow accept order.
                let id = shared.connections.fetch_add(1, SeqCst);
                let (fate, faults) = shared.next_fate();
                let shared = shared.clone();
                spawn_tracked(&shared.live.clone(), "flaky-tcp-conn", move || {
                    connection(client, id, fate, faults, &shared)
                });
            }
            // Nothing waiting, or a transient failure such as running out of descriptors:
            // either way, try again shortly rather than spin or give up.
            Err(_) => thread::sleep(ACCEPT_NAP),
        }
    }
}

fn connection(
    client: TcpStream,
    id: usize,
    fate: Fate,
    faults: TcpFaults,
    shared: &Arc<TcpShared>,
) {
    // Accepted sockets inherit the listener's nonblocking mode on some platforms.
    if client.set_nonblocking(false).is_err() || prepare(&client).is_err() {
        return;
    }
    match fate {
        Fate::Reset => reset(client, shared),
        Fate::BlackHole => relay(client, id, false, faults, shared),
        Fate::Fine => relay(client, id, true, faults, shared),
    }
}

/// Timeouts so that every blocking call comes back to look at the stop flag, and no Nagle
/// delay, so that the proxy adds no latency of its own to small requests.
fn prepare(stream: &TcpStream) -> io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(POLL))?;
    stream.set_write_timeout(Some(POLL))
}

fn reset(mut client: TcpStream, shared: &TcpShared) {
    let deadline = Instant::now() + RESET_WAIT;
    let mut buf = [0u8; 1024];
    while !shared.stop.load(SeqCst) && Instant::now() < deadline {
        match client.read(&mut buf) {
            Err(e) if is_timeout(&e) => continue,
            _ => break,
        }
    }
    set_linger_zero(&client);
    // Dropping `client` now closes it with RST instead of FIN.
}

/// SO_LINGER on with a zero timeout: closing the socket then sends RST and discards anything
/// unsent, which is how a crashed peer or a middlebox looks to the client. std has no API
/// for it. Should it fail, the close is an ordinary FIN, which clients also see as a fault.
fn set_linger_zero(stream: &TcpStream) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: the descriptor is open for the duration of the call (we borrow its owner), and
    // the option value is a live `libc::linger` whose exact size is passed along with it.
    unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &linger as *const libc::linger as *const libc::c_void,
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
}

/// Forwards the client's bytes upstream, and the device's answers back if `answer`; the
/// device-to-client direction runs on a second thread.
fn relay(client: TcpStream, id: usize, answer: bool, faults: TcpFaults, shared: &Arc<TcpShared>) {
    // Like a proxy whose backend is down: the client sees its connection closed.
    let Ok(upstream) = TcpStream::connect_timeout(&shared.upstream, Duration::from_secs(1)) else {
        return;
    };
    if prepare(&upstream).is_err() {
        return;
    }
    let (Ok(upstream_reader), Ok(client_writer)) = (upstream.try_clone(), client.try_clone())
    else {
        return;
    };
    // Set once `drop_matching` hits; from then on nothing passes in either direction.
    let swallowed = Arc::new(AtomicBool::new(false));
    // Set once `mute_after` hits; from then on the device's answers are thrown away.
    let muted = Arc::new(AtomicBool::new(false));
    {
        let swallowed = swallowed.clone();
        let muted = muted.clone();
        let shared = shared.clone();
        spawn_tracked(&shared.live.clone(), "flaky-tcp-down", move || {
            device_to_client(
                upstream_reader,
                client_writer,
                answer,
                &swallowed,
                &muted,
                &shared,
            )
        });
    }
    client_to_device(client, upstream, id, &faults, &swallowed, &muted, shared);
}

/// Runs until the client closes or the proxy stops, so a black-holed client is held open
/// (and silent) for as long as it cares to wait, even after the device has hung up.
fn client_to_device(
    mut client: TcpStream,
    mut upstream: TcpStream,
    id: usize,
    faults: &TcpFaults,
    swallowed: &AtomicBool,
    muted: &AtomicBool,
    shared: &TcpShared,
) {
    let drop_matching = &faults.drop_matching;
    let mut buf = vec![0u8; TCP_CHUNK];
    // The last bytes seen, so that a `drop_matching` needle split across two reads is found.
    let mut tail: Vec<u8> = Vec::new();
    let mut upstream_open = true;
    while !shared.stop.load(SeqCst) {
        let chunk = match client.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => &buf[..n],
            Err(e) if is_timeout(&e) => continue,
            Err(_) => break,
        };
        if let Some(needle) = &drop_matching {
            tail.extend_from_slice(chunk);
            if occurrences(&tail, needle.as_bytes()) > 0 {
                swallowed.store(true, SeqCst);
            }
            let keep = needle.len().saturating_sub(1).min(tail.len());
            tail.drain(..tail.len() - keep);
        }
        if swallowed.load(SeqCst) || !upstream_open {
            continue;
        }
        if let Some(needle) = &faults.mute_after {
            if occurrences(chunk, needle.as_bytes()) > 0 {
                muted.store(true, SeqCst);
            }
        }
        shared.sent.lock().unwrap().append(id, chunk);
        upstream_open = write_all(&mut upstream, chunk, &shared.stop).is_ok();
    }
    // Pass the client's end of stream on, so that a device waiting for it answers and closes.
    let _ = upstream.shutdown(Shutdown::Write);
}

fn device_to_client(
    mut upstream: TcpStream,
    mut client: TcpStream,
    answer: bool,
    swallowed: &AtomicBool,
    muted: &AtomicBool,
    shared: &TcpShared,
) {
    let passing = || answer && !swallowed.load(SeqCst) && !muted.load(SeqCst);
    let mut buf = vec![0u8; TCP_CHUNK];
    while !shared.stop.load(SeqCst) {
        match upstream.read(&mut buf) {
            Ok(0) => {
                // The device is done. A fine connection passes the end of stream on; a black
                // hole stays open and silent (client_to_device holds it).
                if passing() {
                    let _ = client.shutdown(Shutdown::Write);
                }
                return;
            }
            Ok(n) => {
                if passing() && write_all(&mut client, &buf[..n], &shared.stop).is_err() {
                    // The client is gone: hang up on the device too.
                    let _ = upstream.shutdown(Shutdown::Both);
                    return;
                }
            }
            Err(e) if is_timeout(&e) => continue,
            Err(_) => {
                if passing() {
                    let _ = client.shutdown(Shutdown::Both);
                }
                return;
            }
        }
    }
}

/// `Write::write_all` that gives up once the proxy stops, so a client that never reads
/// cannot hold a thread past Drop.
fn write_all(stream: &mut TcpStream, mut data: &[u8], stop: &AtomicBool) -> io::Result<()> {
    while !data.is_empty() {
        if stop.load(SeqCst) {
            return Err(io::Error::other("proxy stopped"));
        }
        match stream.write(data) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => data = &data[n..],
            Err(e) if is_timeout(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// UDP

/// A UDP proxy on 127.0.0.1 in front of `upstream` that loses datagrams; its threads end when
/// it is dropped.
pub struct LossyUdp {
    /// "127.0.0.1:PORT": point pductl here instead of at the agent.
    pub addr: String,
    shared: Arc<UdpShared>,
    main: Option<JoinHandle<()>>,
}

struct UdpShared {
    upstream: SocketAddr,
    stop: AtomicBool,
    live: Arc<AtomicUsize>,
    loss: Mutex<Loss>,
    to_device: AtomicUsize,
    from_device: AtomicUsize,
    sent: Mutex<Log>,
}

/// One RNG per direction, so that the fate of the Nth request does not depend on how many
/// answers came back before it (answers come in on several threads, in no fixed order).
struct Loss {
    to_device: f64,
    from_device: f64,
    rng_to: StdRng,
    rng_from: StdRng,
}

impl Loss {
    /// One draw per datagram whatever the loss, so that datagram N always gets draw N.
    fn lose_to_device(&mut self) -> bool {
        self.rng_to.gen::<f64>() < self.to_device
    }

    fn lose_from_device(&mut self) -> bool {
        self.rng_from.gen::<f64>() < self.from_device
    }
}

/// One client's way to the agent: its own upstream socket, so that the agent's answers can
/// be told apart and sent back to the right client.
struct UdpClient {
    socket: Arc<UdpSocket>,
    stop: Arc<AtomicBool>,
    last_used: Instant,
}

impl LossyUdp {
    /// Listens on 127.0.0.1:0; `upstream` is the agent's "host:port". Datagrams to the agent
    /// are lost with probability `loss_to_device`, answers with `loss_from_device`.
    pub fn start(
        upstream: &str,
        seed: u64,
        loss_to_device: f64,
        loss_from_device: f64,
    ) -> LossyUdp {
        check_loss(loss_to_device, loss_from_device);
        let upstream = resolve(upstream);
        let listen = UdpSocket::bind("127.0.0.1:0").expect("bind the UDP proxy");
        let addr = listen.local_addr().unwrap().to_string();
        listen.set_read_timeout(Some(POLL)).unwrap();
        let shared = Arc::new(UdpShared {
            upstream,
            stop: AtomicBool::new(false),
            live: Arc::new(AtomicUsize::new(0)),
            loss: Mutex::new(Loss {
                to_device: loss_to_device,
                from_device: loss_from_device,
                rng_to: StdRng::seed_from_u64(seed),
                // Any fixed, different seed: the two directions must not draw the same numbers.
                rng_from: StdRng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15),
            }),
            to_device: AtomicUsize::new(0),
            from_device: AtomicUsize::new(0),
            sent: Mutex::new(Log::default()),
        });
        let main = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("lossy-udp".into())
                .spawn(move || udp_loop(listen, shared))
                .expect("spawn the UDP proxy's thread")
        };
        LossyUdp {
            addr,
            shared,
            main: Some(main),
        }
    }

    pub fn port(&self) -> &str {
        self.addr.rsplit(':').next().unwrap()
    }

    /// New loss probabilities from now on; the RNGs go on where they were.
    pub fn set_loss(&self, to_device: f64, from_device: f64) {
        check_loss(to_device, from_device);
        let mut loss = self.shared.loss.lock().unwrap();
        loss.to_device = to_device;
        loss.from_device = from_device;
    }

    /// How many datagrams handed on to the agent contain `needle`. Logged just before they
    /// are sent, so once the client has its answer the request is counted.
    pub fn count(&self, needle: &[u8]) -> usize {
        let sent = self.shared.sent.lock().unwrap();
        sent.check("LossyUdp");
        sent.items
            .iter()
            .filter(|datagram| occurrences(datagram, needle) > 0)
            .count()
    }

    /// Datagrams handed on (to the agent, from the agent back to clients).
    pub fn forwarded(&self) -> (usize, usize) {
        (
            self.shared.to_device.load(SeqCst),
            self.shared.from_device.load(SeqCst),
        )
    }
}

impl Drop for LossyUdp {
    fn drop(&mut self) {
        self.shared.stop.store(true, SeqCst);
        if let Some(main) = self.main.take() {
            let _ = main.join();
        }
        wait_for_threads(&self.shared.live);
    }
}

fn check_loss(to_device: f64, from_device: f64) {
    assert!(
        (0.0..=1.0).contains(&to_device) && (0.0..=1.0).contains(&from_device),
        "loss probabilities must be within 0..=1: {to_device}, {from_device}"
    );
}

fn udp_loop(listen: UdpSocket, shared: Arc<UdpShared>) {
    let listen = Arc::new(listen);
    // Only this thread touches the mappings, so they need no lock.
    let mut clients: HashMap<SocketAddr, UdpClient> = HashMap::new();
    let mut buf = vec![0u8; UDP_CHUNK];
    while !shared.stop.load(SeqCst) {
        let (n, from) = match listen.recv_from(&mut buf) {
            Ok(received) => received,
            Err(e) if is_timeout(&e) => continue,
            // Unexpected, and possibly persistent: wait rather than spin.
            Err(_) => {
                thread::sleep(POLL);
                continue;
            }
        };
        let Some(upstream) = client_socket(&mut clients, from, &listen, &shared) else {
            continue;
        };
        if shared.loss.lock().unwrap().lose_to_device() {
            continue;
        }
        let datagram = &buf[..n];
        shared.to_device.fetch_add(1, SeqCst);
        shared.sent.lock().unwrap().push(datagram);
        let _ = upstream.send(datagram);
    }
    for client in clients.values() {
        client.stop.store(true, SeqCst);
    }
}

/// The upstream socket for client `from`, made (with its answering thread) on first use.
fn client_socket(
    clients: &mut HashMap<SocketAddr, UdpClient>,
    from: SocketAddr,
    listen: &Arc<UdpSocket>,
    shared: &Arc<UdpShared>,
) -> Option<Arc<UdpSocket>> {
    if let Some(client) = clients.get_mut(&from) {
        client.last_used = Instant::now();
        return Some(client.socket.clone());
    }
    if clients.len() >= MAX_UDP_CLIENTS {
        // Each pductl run is a new client (a new source port), so over a long benchmark the
        // least recently used mapping belongs to a process that has long exited.
        let oldest = clients
            .iter()
            .min_by_key(|(_, client)| client.last_used)
            .map(|(addr, _)| *addr);
        if let Some(client) = oldest.and_then(|addr| clients.remove(&addr)) {
            client.stop.store(true, SeqCst);
        }
    }
    let socket = UdpSocket::bind("127.0.0.1:0").ok()?;
    socket.connect(shared.upstream).ok()?;
    socket.set_read_timeout(Some(POLL)).ok()?;
    let socket = Arc::new(socket);
    let stop = Arc::new(AtomicBool::new(false));
    {
        let (socket, stop, listen, shared) =
            (socket.clone(), stop.clone(), listen.clone(), shared.clone());
        spawn_tracked(&shared.live.clone(), "lossy-udp-answers", move || {
            answers(&socket, &listen, from, &stop, &shared)
        });
    }
    clients.insert(
        from,
        UdpClient {
            socket: socket.clone(),
            stop,
            last_used: Instant::now(),
        },
    );
    Some(socket)
}

/// Carries the agent's answers back to one client.
fn answers(
    upstream: &UdpSocket,
    listen: &UdpSocket,
    client: SocketAddr,
    evicted: &AtomicBool,
    shared: &UdpShared,
) {
    let mut buf = vec![0u8; UDP_CHUNK];
    while !shared.stop.load(SeqCst) && !evicted.load(SeqCst) {
        match upstream.recv(&mut buf) {
            Ok(n) => {
                if shared.loss.lock().unwrap().lose_from_device() {
                    continue;
                }
                shared.from_device.fetch_add(1, SeqCst);
                let _ = listen.send_to(&buf[..n], client);
            }
            Err(e) if is_timeout(&e) => {}
            // Typically "connection refused": the ICMP answer to a datagram sent while the
            // agent was not listening. Carry on, as the network would; the nap keeps a
            // persistent error from spinning.
            Err(_) => thread::sleep(POLL),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared by both proxies

/// What was handed on to the device: per connection (TCP, indexed by accept order, each one
/// contiguous so that needles split across reads are found) or per datagram (UDP).
#[derive(Default)]
struct Log {
    items: Vec<Vec<u8>>,
    bytes: usize,
    overflowed: bool,
}

impl Log {
    fn room_for(&mut self, n: usize) -> bool {
        if self.bytes + n > LOG_LIMIT {
            self.overflowed = true;
            return false;
        }
        self.bytes += n;
        true
    }

    fn append(&mut self, connection: usize, data: &[u8]) {
        if self.room_for(data.len()) {
            if self.items.len() <= connection {
                self.items.resize_with(connection + 1, Vec::new);
            }
            self.items[connection].extend_from_slice(data);
        }
    }

    fn push(&mut self, datagram: &[u8]) {
        if self.room_for(datagram.len()) {
            self.items.push(datagram.to_vec());
        }
    }

    fn check(&self, proxy: &str) {
        assert!(
            !self.overflowed,
            "{proxy} forwarded more than {LOG_LIMIT} bytes and stopped logging them; count() would undercount"
        );
    }
}

/// Start positions of `needle` in `haystack` (0 for an empty needle).
fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() {
        return 0;
    }
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Read and write timeouts surface as WouldBlock on Unix and TimedOut elsewhere; a signal
/// interrupting the call is just as harmless.
fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    )
}

fn resolve(addr: &str) -> SocketAddr {
    addr.to_socket_addrs()
        .unwrap_or_else(|e| panic!("upstream {addr:?}: {e}"))
        .next()
        .unwrap_or_else(|| panic!("upstream {addr:?} resolves to nothing"))
}

/// Spawns a thread that Drop can wait for: `live` counts it until it ends, even by panic.
fn spawn_tracked(live: &Arc<AtomicUsize>, name: &str, f: impl FnOnce() + Send + 'static) {
    struct Alive(Arc<AtomicUsize>);
    impl Drop for Alive {
        fn drop(&mut self) {
            self.0.fetch_sub(1, SeqCst);
        }
    }
    live.fetch_add(1, SeqCst);
    let alive = Alive(live.clone());
    thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let _alive = alive;
            f()
        })
        .expect("spawn a proxy thread");
}

/// Waits, for DROP_WAIT at most, until the threads counted in `live` have seen the stop flag.
fn wait_for_threads(live: &AtomicUsize) {
    let deadline = Instant::now() + DROP_WAIT;
    while live.load(SeqCst) > 0 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
}
