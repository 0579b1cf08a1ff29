//! Typed library errors. Each variant carries the class that decides the process exit code,
//! so the binary's edge only has to print the message and call `exit_code()`.

use thiserror::Error;

/// Everything that can go wrong below the CLI, sorted by what the user has to do about it.
#[derive(Debug, Error)]
pub enum Error {
    /// The device understood the request and refused or failed it (exit 1).
    #[error("{0}")]
    Refused(String),
    /// The path names nothing on the device (exit 1).
    #[error("{0}")]
    NotFound(String),
    /// Bad command line, bad value, bad profile (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Wrong or missing credentials (exit 3).
    #[error("{0}")]
    Auth(String),
    /// Credentials accepted, action not allowed for this account (exit 3).
    #[error("{0}")]
    Permission(String),
    /// Could not reach the device (exit 4).
    #[error("{0}")]
    Unreachable(String),
    /// The device did not answer in time (exit 4).
    #[error("{0}")]
    Timeout(String),
    /// The device answered with something we cannot use (exit 5).
    #[error("{0}")]
    BadResponse(String),
    /// The request went out and the connection was reset or closed before a whole answer
    /// came back: the device may have acted on it (exit 5, as any answer that cannot be
    /// used; `retry` sends such a request again only when that is safe).
    #[error("{0}")]
    HungUp(String),
    /// The outlet did not reach the requested state in time (exit 6).
    #[error("{0}")]
    Verify(String),
    /// Some targets failed, others succeeded (exit 7).
    #[error("{0}")]
    Partial(String),
    /// The device or protocol cannot do this (exit 8).
    #[error("{0}")]
    Unsupported(String),
    /// A signal ended the run: Ctrl-C (SIGINT), SIGTERM or SIGHUP; exit 128 + its number
    /// (130, 143, 129).
    #[error("{}", signal_name(*.0))]
    Interrupted(i32),
    /// Failures already reported one per line (the everyday verbs' outlets); only the exit
    /// code is left to give.
    #[error("")]
    Reported(i32),
}

impl Error {
    /// The documented exit code for this error (README, man page).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Refused(_) | Error::NotFound(_) => 1,
            Error::Usage(_) => 2,
            Error::Auth(_) | Error::Permission(_) => 3,
            Error::Unreachable(_) | Error::Timeout(_) => 4,
            Error::BadResponse(_) | Error::HungUp(_) => 5,
            Error::Verify(_) => 6,
            Error::Partial(_) => 7,
            Error::Unsupported(_) => 8,
            Error::Interrupted(signal) => 128 + signal,
            Error::Reported(code) => *code,
        }
    }

    /// The class of failure in one word, for JSON results (`error.kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Refused(_) => "refused",
            Error::NotFound(_) => "not_found",
            Error::Usage(_) => "usage",
            Error::Auth(_) => "auth",
            Error::Permission(_) => "permission",
            Error::Unreachable(_) => "unreachable",
            Error::Timeout(_) => "timeout",
            Error::BadResponse(_) | Error::HungUp(_) => "bad_response",
            Error::Verify(_) => "verify",
            Error::Partial(_) => "partial",
            Error::Unsupported(_) => "unsupported",
            Error::Interrupted(_) => "interrupted",
            Error::Reported(_) => "reported",
        }
    }

    pub fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }

    /// The same error with `note` added to its message (a signal or an already reported
    /// failure has none to add to).
    pub fn noted(self, note: &str) -> Self {
        let add = |m: String| format!("{m}{note}");
        match self {
            Error::Refused(m) => Error::Refused(add(m)),
            Error::NotFound(m) => Error::NotFound(add(m)),
            Error::Usage(m) => Error::Usage(add(m)),
            Error::Auth(m) => Error::Auth(add(m)),
            Error::Permission(m) => Error::Permission(add(m)),
            Error::Unreachable(m) => Error::Unreachable(add(m)),
            Error::Timeout(m) => Error::Timeout(add(m)),
            Error::BadResponse(m) => Error::BadResponse(add(m)),
            Error::HungUp(m) => Error::HungUp(add(m)),
            Error::Verify(m) => Error::Verify(add(m)),
            Error::Partial(m) => Error::Partial(add(m)),
            Error::Unsupported(m) => Error::Unsupported(add(m)),
            other @ (Error::Interrupted(_) | Error::Reported(_)) => other,
        }
    }
}

/// Why a file could not be read or written, in a few words.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Signal numbers as POSIX fixes them.
pub const SIGHUP: i32 = 1;
pub const SIGINT: i32 = 2;
pub const SIGTERM: i32 = 15;

fn signal_name(signal: i32) -> String {
    match signal {
        SIGINT => "interrupted".into(),
        SIGTERM => "terminated (SIGTERM)".into(),
        SIGHUP => "hung up (SIGHUP)".into(),
        n => format!("stopped by signal {n}"),
    }
}
