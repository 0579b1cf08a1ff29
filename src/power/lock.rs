//! One device's requests serialized across processes: an advisory lock on a file per device
//! under the runtime directory, so two cron jobs or CI jobs switching one PDU never
//! interleave (a toggle read by one and written by the other would be lost). The holder
//! writes its pid into the file, so a waiter that gives up can say who holds it.

use crate::error::{Error, Result};
use crate::transport::DeviceConfig;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::time::{Duration, Instant};

/// How often a waiter tries the lock again.
const RETRY: Duration = Duration::from_millis(20);

/// A held device lock; released when dropped (or when the process ends, however it ends).
pub struct DeviceLock {
    _file: File,
}

/// The lock's name for a device: the same device reached under two profile names shares
/// one lock. A built-in demo device is locked by its name (its port changes every run).
pub fn key(device: &DeviceConfig, demo: bool) -> String {
    let raw = if demo {
        device.name.clone()
    } else {
        format!(
            "{}-{}-{}",
            device.protocol.name(),
            device.host,
            device
                .port
                .map_or_else(|| "default".to_string(), |p| p.to_string())
        )
    };
    raw.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' => c,
            _ => '_',
        })
        .collect()
}

/// Takes the lock named `key`, waiting up to `timeout`; `label` names the device in
/// messages.
pub async fn acquire(key: &str, label: &str, timeout: Duration) -> Result<DeviceLock> {
    let dir = crate::paths::locks_dir();
    let cannot = |e: std::io::Error| {
        Error::usage(format!(
            "cannot use the lock directory {}: {e}",
            dir.display()
        ))
    };
    std::fs::create_dir_all(&dir).map_err(cannot)?;
    let path = dir.join(format!("{key}.lock"));
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(cannot)?;
    let deadline = Instant::now() + timeout;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                tokio::time::sleep(RETRY).await;
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.rewind();
                let _ = (&file).take(32).read_to_string(&mut holder);
                let holder = match holder.trim() {
                    "" => "another process".to_string(),
                    pid => format!("process {pid}"),
                };
                return Err(Error::Timeout(format!(
                    "{label} is busy: {holder} holds its lock ({}) and did not let go within \
                     {} (--lock-timeout)",
                    path.display(),
                    crate::output::human_duration(timeout)
                )));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
        }
    }
    // Say who holds it, for those who wait.
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = write!(file, "{}", std::process::id());
    let _ = file.flush();
    Ok(DeviceLock { _file: file })
}
