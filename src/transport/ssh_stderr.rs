//! What the system `ssh` said when it gave up (exit 255), sorted once for every transport
//! that runs it (`dli-ssh`, and session drivers' `connect = "ssh"`); each words its own
//! message from the kind and ssh's last line.

use crate::output::escape_line;

/// Why ssh gave up, by what its stderr says.
#[derive(Debug, PartialEq, Eq)]
pub enum SshFailure {
    /// The host key is not in known_hosts.
    HostKeyUnknown,
    /// The host key differs from the one in known_hosts; `offending` is ssh's line naming
    /// the known_hosts entry (escaped), or empty.
    HostKeyChanged { offending: String },
    /// The device refused the login.
    LoginRefused,
    /// ssh rejected its configuration.
    Config,
    /// The connection broke after it was made: a command may have reached the device.
    Broken,
    /// The device was not reached: nothing was sent.
    Unreachable,
    /// None of the above.
    Other,
}

/// ssh's failure, and its last words (one escaped line, without `ssh: `).
pub struct SshSaid {
    pub failure: SshFailure,
    pub words: String,
}

/// Sorts what ssh wrote to stderr.
pub fn read(stderr: &str) -> SshSaid {
    let said = |needles: &[&str]| needles.iter().any(|n| stderr.contains(n));
    // ssh frames a changed host key in lines of @.
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('@'))
        .collect();
    let last = lines.last().copied().unwrap_or("ssh said nothing");
    let words = escape_line(last.strip_prefix("ssh: ").unwrap_or(last)).into_owned();
    let failure = if said(&[
        "Host key verification failed",
        "REMOTE HOST IDENTIFICATION HAS CHANGED",
        "host key is known for",
        "Host key for ",
    ]) {
        if said(&["REMOTE HOST IDENTIFICATION HAS CHANGED", "has changed"]) {
            SshFailure::HostKeyChanged {
                offending: lines
                    .iter()
                    .find(|l| l.starts_with("Offending "))
                    .map(|l| escape_line(l).into_owned())
                    .unwrap_or_default(),
            }
        } else {
            SshFailure::HostKeyUnknown
        }
    } else if said(&["Permission denied (", "Too many authentication failures"])
        && !said(&["ssh: connect to host"])
    {
        SshFailure::LoginRefused
    } else if said(&[
        "Bad configuration option",
        "bad configuration option",
        "Can't open user config file",
        "no argument after keyword",
    ]) {
        SshFailure::Config
    } else if said(&[
        "closed by remote host",
        "client_loop:",
        "Broken pipe",
        "read from master failed",
        "mux_client_read_packet",
        "packet_write_wait",
    ]) {
        SshFailure::Broken
    } else if said(&[
        "ssh: connect to host",
        "Could not resolve hostname",
        "banner exchange",
        "kex_exchange_identification",
        "Connection refused",
        "Connection timed out",
        "No route to host",
        "Network is unreachable",
        "Name or service not known",
        "Temporary failure in name resolution",
        "Unable to negotiate",
        "Connection closed by ",
        "Connection reset by ",
        "Session open refused",
        "open failed",
    ]) {
        SshFailure::Unreachable
    } else {
        SshFailure::Other
    };
    SshSaid { failure, words }
}
