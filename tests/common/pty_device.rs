//! A serial device on a pseudo-terminal pair: the simulated device reads and writes the
//! master side, and pductl opens the slave's path (`/dev/pts/N`) as it would a USB serial
//! adapter's. The test keeps the slave open too, so the device outlives each pductl run
//! (a master whose slave is closed by everyone reads EIO).
//!
//! A dialect is a function given every byte as it arrives (`pending`: what it has not
//! taken as a command yet) that answers when a command is complete. It records what the
//! tests check: every byte received, the commands, the outlets' states.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::{Arc, Mutex};

/// What the device does after a byte.
pub enum Answer {
    /// Nothing yet (a command is not complete, or needs no answer).
    Nothing,
    /// These bytes.
    Send(Vec<u8>),
    /// Closes its side: the line is gone, as a device unplugged.
    HangUp,
}

/// What the device holds and what it saw.
#[derive(Debug, Default)]
pub struct PtySeen {
    /// Outlet states, outlet 1 first.
    pub outlets: Vec<bool>,
    /// Every byte received.
    pub received: Vec<u8>,
    /// The commands the dialect took, as it wrote them down.
    pub commands: Vec<String>,
    /// How the device misbehaves, as the dialect reads it ("" behaves).
    pub mode: &'static str,
}

pub type Dialect = fn(&mut PtySeen, &mut Vec<u8>) -> Answer;

pub struct PtyDevice {
    /// The slave's path, for the profile's host.
    pub path: String,
    pub seen: Arc<Mutex<PtySeen>>,
    _slave: OwnedFd,
}

impl PtyDevice {
    /// A device of `dialect` with `outlets` outlets, all off.
    pub fn start(outlets: usize, dialect: Dialect) -> PtyDevice {
        let (mut master, mut slave) = (0, 0);
        let mut name = [0 as libc::c_char; 128];
        // SAFETY: openpty writes two descriptors and the slave's name (128 bytes is more
        // than a pty name takes) into the buffers given; the rest are null as allowed.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                name.as_mut_ptr(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // Not inherited by the pductl runs the test starts: the device's side must close
        // when the device does.
        for fd in [master, slave] {
            // SAFETY: fcntl on a descriptor just opened.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        // SAFETY: both descriptors were just opened and are owned here only.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        // SAFETY: openpty wrote a NUL-terminated name into `name`.
        let path = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) }
            .to_string_lossy()
            .into_owned();
        let seen = Arc::new(Mutex::new(PtySeen {
            outlets: vec![false; outlets],
            ..PtySeen::default()
        }));
        let shared = seen.clone();
        std::thread::spawn(move || serve(master, &shared, dialect));
        PtyDevice {
            path,
            seen,
            _slave: slave,
        }
    }

    pub fn seen(&self) -> std::sync::MutexGuard<'_, PtySeen> {
        self.seen.lock().unwrap()
    }

    pub fn set(&self, outlet: usize, on: bool) {
        self.seen().outlets[outlet - 1] = on;
    }

    pub fn states(&self) -> Vec<bool> {
        self.seen().outlets.clone()
    }
}

fn serve(master: OwnedFd, seen: &Mutex<PtySeen>, dialect: Dialect) {
    let fd = master.as_raw_fd();
    let mut pending = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        // SAFETY: `fd` is open for as long as `master` lives (this function's end).
        let got = unsafe { libc::read(fd, byte.as_mut_ptr().cast(), 1) };
        if got <= 0 {
            let error = std::io::Error::last_os_error();
            if got < 0 && error.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        pending.push(byte[0]);
        let answer = {
            let mut s = seen.lock().unwrap();
            s.received.push(byte[0]);
            dialect(&mut s, &mut pending)
        };
        match answer {
            Answer::Nothing => {}
            Answer::HangUp => return,
            Answer::Send(bytes) => {
                let mut rest = &bytes[..];
                while !rest.is_empty() {
                    // SAFETY: as above; `rest` is a valid buffer of its length.
                    let put = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
                    if put <= 0 {
                        return;
                    }
                    rest = &rest[put as usize..];
                }
            }
        }
    }
}

/// The complete line in `pending` (ended by CR), taken out of it, without the CR.
pub fn take_line(pending: &mut Vec<u8>) -> Option<String> {
    if pending.last() != Some(&b'\r') {
        return None;
    }
    let line = String::from_utf8_lossy(&pending[..pending.len() - 1]).into_owned();
    pending.clear();
    Some(line)
}
