//! Which failed requests are sent again, and for how long.
//!
//! Every request a transport sends says what repeating it would do (`Repeat`), and every
//! failure says what it tells of the request's fate (`Delivery`):
//! - a request that surely never reached the device (refused, unreachable, DNS, a TLS
//!   handshake that failed) may be sent again whatever it is;
//! - one that may have reached it (a reset or closed connection, a timeout, a lost UDP
//!   answer) is sent again only when repeating it changes nothing: a read, or a write of an
//!   absolute value. A call whose effect adds up (a cycle, a toggle, an insert) is sent once;
//!   the power verbs settle its fate by reading the outlet.
//!
//! A request's budget is `(1 + retries) x timeout`: each try may take the device's timeout,
//! and tries go on, with backoff and jitter, until one succeeds or the budget is spent. Tries
//! that fail at once (a reset, a closed connection) cost little time, and a flaky path may
//! need more of them than of timeouts: at most `1 + 2 x retries` of them. A device that refuses connections is
//! asked at most `1 + retries` times, so a wrong address is reported in about a second.

use crate::error::{Error, Result};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::time::Instant;

/// Tries beyond the first, unless the profile or `--retries` says otherwise.
pub const DEFAULT_RETRIES: u32 = 3;

/// Most retries a profile may ask for: enough for any network, few enough that a typo
/// cannot keep a command trying for hours.
pub const MAX_RETRIES: u32 = 20;

/// First wait between tries; doubled each time up to `MAX_BACKOFF`, each with jitter.
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(1);

/// What sending a request twice would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// A read (HTTP GET, SNMP GET/GETNEXT/GETBULK, an MQTT query): nothing changes.
    Read,
    /// A write of an absolute value (a state, a name): the second leaves what the first did.
    Write,
    /// A call whose effect adds up (a cycle, a toggle, an insert, a reboot SET): sent again
    /// only when it surely never left.
    Once,
}

impl Repeat {
    /// Whether the request changes something (its tries are counted as a write's).
    pub fn writes(self) -> bool {
        self != Repeat::Read
    }
}

/// What a failure tells of the request's fate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// It never reached the device: connecting failed.
    NotSent,
    /// It may have reached the device, and no whole answer came back.
    MaybeSent,
    /// The device answered (with an error, or something unusable): sending it again would
    /// get the same answer.
    Answered,
}

impl Delivery {
    pub fn of(e: &Error) -> Delivery {
        match e {
            Error::Unreachable(_) => Delivery::NotSent,
            Error::Timeout(_) | Error::HungUp(_) => Delivery::MaybeSent,
            _ => Delivery::Answered,
        }
    }
}

/// How long a device's requests may take, and how often they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// One try's time, connecting included.
    pub timeout: Duration,
    /// Tries beyond the first.
    pub retries: u32,
}

impl Budget {
    /// The most one request may take, all tries together (backoff aside).
    pub fn total(&self) -> Duration {
        self.timeout.saturating_mul(self.retries + 1)
    }
}

/// One device's retry policy, with what `-v` traces and a count of the writes tried.
#[derive(Debug)]
pub struct Retrier {
    pub budget: Budget,
    trace: bool,
    /// Tries of requests that change something, over the transport's life.
    writes: AtomicU32,
}

/// One try: its number (from 1) and the time it may take.
#[derive(Debug, Clone, Copy)]
pub struct Try {
    pub number: u32,
    pub allowed: Duration,
}

impl Retrier {
    pub fn new(budget: Budget, trace: bool) -> Retrier {
        Retrier {
            budget,
            trace,
            writes: AtomicU32::new(0),
        }
    }

    /// Tries of requests that change something so far: the power verbs report how many
    /// tries a switch took.
    pub fn writes(&self) -> u32 {
        self.writes.load(Ordering::SeqCst)
    }

    /// Runs `attempt` until it succeeds, fails in a way that repeating cannot mend, or the
    /// budget is spent; each try may take the device's timeout. `what` names the request in
    /// `-v` traces ("PUT /restapi/...").
    pub async fn run<T, F, Fut>(&self, repeat: Repeat, what: &str, attempt: F) -> Result<T>
    where
        F: FnMut(Try) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        self.run_spaced(repeat, what, self.budget.timeout, attempt)
            .await
    }

    /// The same, with tries of a repeatable request `interval` apart when they get no
    /// answer: over UDP a datagram is sent again sooner than a device's timeout, as
    /// net-snmp's `-t`/`-r` do. A request that is not repeatable gets the whole timeout.
    pub async fn run_spaced<T, F, Fut>(
        &self,
        repeat: Repeat,
        what: &str,
        interval: Duration,
        mut attempt: F,
    ) -> Result<T>
    where
        F: FnMut(Try) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let started = Instant::now();
        let deadline = started + self.budget.total();
        let per_try = if repeat == Repeat::Once {
            self.budget.timeout
        } else {
            interval.min(self.budget.timeout)
        };
        let mut refused = 0u32;
        let mut quick = 0u32;
        let mut number = 0u32;
        loop {
            number += 1;
            if repeat.writes() {
                self.writes.fetch_add(1, Ordering::SeqCst);
            }
            let began = Instant::now();
            let left = deadline.saturating_duration_since(began);
            let allowed = per_try.min(left).max(Duration::from_millis(1));
            let error = match attempt(Try { number, allowed }).await {
                Ok(value) => return Ok(value),
                Err(e) => e,
            };
            let delivery = Delivery::of(&error);
            if delivery == Delivery::NotSent {
                refused += 1;
            }
            // A try that waited out its time has waited enough; one that failed at once
            // (refused, reset) backs off before the next.
            let wait = if began.elapsed() >= allowed {
                Duration::ZERO
            } else {
                quick += 1;
                backoff(number)
            };
            let why_not = match delivery {
                Delivery::Answered => Some("the device answered"),
                Delivery::MaybeSent if repeat == Repeat::Once => {
                    Some("it may have reached the device, and doing it twice is not doing it once")
                }
                Delivery::NotSent if refused > self.budget.retries => Some("no retries left"),
                _ if quick > 2 * self.budget.retries => Some("no retries left"),
                _ if Instant::now() + wait + Duration::from_millis(1) >= deadline => {
                    Some("its time is spent")
                }
                _ => None,
            };
            if self.trace && delivery != Delivery::Answered {
                let text = error.to_string();
                let message = crate::output::escape_line(&text);
                match why_not {
                    Some(why) => eprintln!(
                        "pductl: {what}: try {number} failed ({message}); not repeated: {why}"
                    ),
                    None => eprintln!(
                        "pductl: {what}: try {number} failed ({message}); again in {} ms",
                        wait.as_millis()
                    ),
                }
            }
            if why_not.is_some() {
                if number == 1 {
                    return Err(error);
                }
                let spent = crate::output::human_duration(started.elapsed());
                return Err(error.noted(&format!(" ({number} tries in {spent})")));
            }
            tokio::time::sleep(wait).await;
        }
    }
}

/// The wait after try `number` (from 1): 100 ms doubling to 1 s, each between half and all
/// of it, so that many clients that failed together do not come back together.
pub fn backoff(number: u32) -> Duration {
    let full = FIRST_BACKOFF
        .saturating_mul(1 << number.saturating_sub(1).min(10))
        .min(MAX_BACKOFF);
    let half = full / 2;
    half + Duration::from_millis(rand::random::<u64>() % (half.as_millis() as u64 + 1))
}

/// The most a command waits for one request that never succeeds, backoff included: for
/// `--help` and messages.
pub fn worst_case(budget: Budget) -> Duration {
    budget.total() + MAX_BACKOFF
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn budget(ms: u64, retries: u32) -> Budget {
        Budget {
            timeout: Duration::from_millis(ms),
            retries,
        }
    }

    async fn tries_of(repeat: Repeat, fail: impl Fn() -> Error) -> (u32, u32) {
        let retrier = Retrier::new(budget(1000, 3), false);
        let tries = Cell::new(0);
        let _ = retrier
            .run(repeat, "test", |_| {
                tries.set(tries.get() + 1);
                let e = fail();
                async move { Err::<(), _>(e) }
            })
            .await;
        (tries.get(), retrier.writes())
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn what_is_sent_again() {
        let refused = || Error::Unreachable("refused".into());
        let reset = || Error::HungUp("reset".into());
        let denied = || Error::Auth("no".into());
        // Refused: any request, 1 + retries times.
        assert_eq!(tries_of(Repeat::Once, refused).await, (4, 4));
        assert_eq!(tries_of(Repeat::Read, refused).await.0, 4);
        // Reset after sending: a cycle once; a read or write 1 + 2 x retries times.
        assert_eq!(tries_of(Repeat::Once, reset).await, (1, 1));
        assert_eq!(tries_of(Repeat::Write, reset).await, (7, 7));
        assert_eq!(tries_of(Repeat::Read, reset).await, (7, 0));
        // An answer is an answer.
        assert_eq!(tries_of(Repeat::Read, denied).await.0, 1);
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn a_device_that_never_answers_ends_within_the_budget() {
        let retrier = Retrier::new(budget(1000, 3), false);
        let started = tokio::time::Instant::now();
        let result: Result<()> = retrier
            .run(Repeat::Read, "test", |t| async move {
                tokio::time::sleep(t.allowed).await;
                Err(Error::Timeout("silent".into()))
            })
            .await;
        assert!(result.is_err());
        assert!(started.elapsed() <= worst_case(retrier.budget));
        assert!(started.elapsed() >= Duration::from_secs(3));
    }

    #[test]
    fn backoff_grows_and_stays_bounded() {
        for n in 1..40 {
            let b = backoff(n);
            assert!(b <= MAX_BACKOFF, "{n}: {b:?}");
            assert!(b >= FIRST_BACKOFF / 2);
        }
        assert!(backoff(1) <= FIRST_BACKOFF);
    }
}
