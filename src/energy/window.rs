//! Energy over a window of time from sampled values, without the store: a `Curve` is the
//! energy used since the first sample, known at each sample time, built either from a
//! device's cumulative counter (`counter`) or by integrating power samples (`integrated`,
//! trapezoids). A window's energy is the curve's rise between its edges, each edge
//! interpolated between the samples around it; where the samples do not reach an edge the
//! window is reported as covered in part (`coverage`), never scaled up.
//!
//! Counter resets (a user resetting NETIO's `Energy`, a new `EnergyStart`, a driver's counter
//! starting again) are found and bridged so that nothing is lost or counted twice: after a
//! reset the counter holds what was used since the reset, and what was used between the last
//! sample before it and the reset itself is estimated from the outlet's power (its power
//! samples, else the rate of the neighbouring samples).

/// One sample: milliseconds since 1970, and the value (W, Wh, or seconds for a reset time).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub t: i64,
    pub v: f64,
}

/// How a figure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The difference of the device's own cumulative counter.
    Counter,
    /// Power samples integrated over time.
    Integrated,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Counter => "counter",
            Method::Integrated => "integrated",
        }
    }
}

/// The energy of one outlet over one window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub wh: f64,
    /// The part of the window the samples cover, 0 to 1.
    pub coverage: f64,
    /// How many sample times the figure rests on (those inside the window, and the ones
    /// just outside that its edges are interpolated from).
    pub samples: usize,
}

/// A counter that falls by more than this (and to more than half of what it held) without
/// a new reset time is taken as two reads that crossed in flight (two `record` runs reading
/// the same unit at once), not as a reset: counters are read in whole Wh.
const JITTER_WH: f64 = 1.0;

/// Power samples further apart than this many times the usual spacing leave the time
/// between them uncovered: nobody knows what the outlet drew while nobody looked (a counter
/// knows, so counters have no such gaps).
const GAP_FACTOR: i64 = 3;

/// Energy used since the first sample, at each sample time.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub method: Method,
    t: Vec<i64>,
    /// Wh since `t[0]`, at each `t`.
    c: Vec<f64>,
    /// Power at each `t` (integrated curves): the edges of a window are interpolated along
    /// the trapezoid rather than along a straight line of energy.
    p: Option<Vec<f64>>,
    /// Whether the interval from `t[i]` to `t[i + 1]` is known.
    covered: Vec<bool>,
}

/// Wh from watts over milliseconds.
fn wh(watts: f64, ms: i64) -> f64 {
    watts * ms as f64 / 3.6e6
}

impl Curve {
    /// Integrates power samples (W), trapezoid by trapezoid. Intervals much longer than the
    /// usual spacing are left uncovered.
    pub fn integrated(power: &[Point]) -> Curve {
        let power = ordered(power);
        let limit = gap_limit(&power);
        let mut c = Vec::with_capacity(power.len());
        let mut covered = Vec::with_capacity(power.len().saturating_sub(1));
        let mut sum = 0.0;
        for (i, s) in power.iter().enumerate() {
            if i > 0 {
                let prev = power[i - 1];
                let dt = s.t - prev.t;
                let known = dt <= limit;
                if known {
                    sum += wh((prev.v + s.v) / 2.0, dt);
                }
                covered.push(known);
            }
            c.push(sum);
        }
        Curve {
            method: Method::Integrated,
            t: power.iter().map(|p| p.t).collect(),
            p: Some(power.iter().map(|p| p.v).collect()),
            c,
            covered,
        }
    }

    /// The rise of a cumulative counter (Wh), resets bridged. `epochs` are the unit's reset
    /// times (seconds since 1970, NETIO `EnergyStart`) recorded with the counter, matched by
    /// sample time; `power` the outlet's power samples, for what a reset hides.
    pub fn counter(counter: &[Point], epochs: &[Point], power: &[Point]) -> Curve {
        let counter = ordered(counter);
        let epoch_at = |t: i64| -> Option<f64> {
            epochs
                .binary_search_by_key(&t, |p| p.t)
                .ok()
                .map(|i| epochs[i].v)
                .filter(|s| super::sample::known_reset_time(*s))
        };
        let power_curve = (power.len() >= 2).then(|| Curve::integrated(power));
        let mut c: Vec<f64> = Vec::with_capacity(counter.len());
        let mut resets = Vec::with_capacity(counter.len());
        let mut high = counter.first().map_or(0.0, |p| p.v);
        // When the counter last stepped up (the samples either side), and by how much: a
        // counter read in whole steps shows less than it has counted, by what was used since.
        let mut last_step: Option<(i64, i64, f64)> = None;
        for (i, s) in counter.iter().enumerate() {
            if i == 0 {
                c.push(0.0);
                resets.push(false);
                continue;
            }
            let prev = counter[i - 1];
            let dt = s.t - prev.t;
            let (e0, e1) = (epoch_at(prev.t), epoch_at(s.t));
            let new_epoch = matches!((e0, e1), (Some(a), Some(b)) if (b - a).abs() >= 1.0);
            let fell = s.v < high && (s.v <= high / 2.0 || high - s.v > JITTER_WH);
            let reset = new_epoch || fell;
            let rise = if reset {
                // What was used between the sample before and the reset: the outlet's power
                // over the interval, else the rate just before (or after) it.
                let watts = power_curve
                    .as_ref()
                    .and_then(|pc| pc.mean_power(prev.t, s.t))
                    .or_else(|| rate_before(&counter, &c, &resets, i))
                    .or_else(|| rate_after(&counter, i, epoch_at));
                // What the counter had counted beyond its last whole step when it was read
                // before the reset, lost with the reset: the power since that step, at most
                // one step. (A counter that moved at the last read showed what it held.)
                let unshown = match (last_step, watts) {
                    (Some((a, b, step)), Some(w)) if b < prev.t => {
                        wh(w, prev.t - (a + b) / 2).clamp(0.0, step)
                    }
                    _ => 0.0,
                };
                let reset_ms = e1.map(|e| reset_time(e, prev.t, s.t));
                unshown
                    + match (reset_ms, watts) {
                        (Some(r), Some(w)) => s.v + wh(w, r - prev.t),
                        (Some(r), None) => {
                            // The counter held s.v after running since r: the same pace
                            // before.
                            let since = s.t - r;
                            if since > 0 && since * 2 >= dt {
                                s.v * dt as f64 / since as f64
                            } else {
                                s.v
                            }
                        }
                        (None, Some(w)) => s.v.max(wh(w, dt)),
                        (None, None) => s.v,
                    }
            } else {
                if s.v > high {
                    last_step = Some((prev.t, s.t, s.v - high));
                }
                (s.v - high).max(0.0)
            };
            if reset {
                last_step = None;
            }
            resets.push(reset);
            high = if reset { s.v } else { high.max(s.v) };
            c.push(c[i - 1] + rise);
        }
        Curve {
            method: Method::Counter,
            t: counter.iter().map(|p| p.t).collect(),
            covered: vec![true; counter.len().saturating_sub(1)],
            c,
            p: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.t.is_empty()
    }

    /// Mean power over `[a, b]` in W, where the curve covers all of it.
    fn mean_power(&self, a: i64, b: i64) -> Option<f64> {
        let f = self.window(a, b);
        (b > a && f.coverage >= 0.999).then(|| f.wh * 3.6e6 / (b - a) as f64)
    }

    /// Energy at time `x`, inside the curve's span, interpolated within interval `k`.
    fn at(&self, x: i64, k: usize) -> f64 {
        if k + 1 >= self.t.len() || x <= self.t[k] {
            return self.c[k.min(self.c.len() - 1)];
        }
        let (t0, t1) = (self.t[k], self.t[k + 1]);
        if x >= t1 {
            return self.c[k + 1];
        }
        let f = (x - t0) as f64 / (t1 - t0) as f64;
        match &self.p {
            Some(p) if self.covered[k] => {
                let px = p[k] + (p[k + 1] - p[k]) * f;
                self.c[k] + wh((p[k] + px) / 2.0, x - t0)
            }
            Some(_) => self.c[k],
            None => self.c[k] + (self.c[k + 1] - self.c[k]) * f,
        }
    }

    /// The interval holding `x`: the last `k` with `t[k] <= x` (the curve's span holds `x`).
    fn interval(&self, x: i64) -> usize {
        self.t.partition_point(|t| *t <= x).saturating_sub(1)
    }

    /// The energy over `[a, b]` (milliseconds since 1970).
    pub fn window(&self, a: i64, b: i64) -> Figure {
        let n = self.t.len();
        let inside = |lo: i64, hi: i64| self.t.iter().filter(|t| (lo..=hi).contains(*t)).count();
        if n == 0 || b <= a {
            return Figure {
                wh: 0.0,
                coverage: 0.0,
                samples: 0,
            };
        }
        let lo = a.max(self.t[0]);
        let hi = b.min(self.t[n - 1]);
        if hi <= lo {
            return Figure {
                wh: 0.0,
                coverage: 0.0,
                samples: inside(a, b),
            };
        }
        let (k_lo, k_hi) = (self.interval(lo), self.interval(hi));
        let wh = (self.at(hi, k_hi) - self.at(lo, k_lo)).max(0.0);
        let mut covered_ms = 0i64;
        for k in k_lo..n - 1 {
            let (t0, t1) = (self.t[k].max(lo), self.t[k + 1].min(hi));
            if t0 >= hi {
                break;
            }
            if self.covered[k] && t1 > t0 {
                covered_ms += t1 - t0;
            }
        }
        // The samples inside, and the ones outside an edge that it is interpolated from.
        let mut samples = inside(lo, hi);
        if self.t[k_lo] < lo {
            samples += 1;
        }
        if self.t[k_hi] < hi && k_hi + 1 < n {
            samples += 1;
        }
        Figure {
            wh,
            coverage: (covered_ms as f64 / (b - a) as f64).clamp(0.0, 1.0),
            samples,
        }
    }
}

/// Reset times (NETIO `EnergyStart`) are whole seconds: the reset happened in the second
/// they name.
const RESET_TIME_RESOLUTION_MS: i64 = 1000;

/// When a reset that `epoch` (seconds since 1970) names happened, between the samples at
/// `a` and `b` (ms): the middle of what both allow.
fn reset_time(epoch: f64, a: i64, b: i64) -> i64 {
    let from = (epoch * 1000.0) as i64;
    let (lo, hi) = (from.max(a), (from + RESET_TIME_RESOLUTION_MS).min(b));
    match lo <= hi {
        true => lo + (hi - lo) / 2,
        false => from.clamp(a, b),
    }
}

/// Samples in time order, one per time.
fn ordered(points: &[Point]) -> Vec<Point> {
    let mut p: Vec<Point> = points.iter().copied().filter(|p| p.v.is_finite()).collect();
    p.sort_by_key(|p| p.t);
    p.dedup_by_key(|p| p.t);
    p
}

/// The longest interval between power samples that still counts as covered.
fn gap_limit(points: &[Point]) -> i64 {
    let mut gaps: Vec<i64> = points.windows(2).map(|w| w[1].t - w[0].t).collect();
    if gaps.is_empty() {
        return 0;
    }
    gaps.sort_unstable();
    gaps[gaps.len() / 2].saturating_mul(GAP_FACTOR)
}

/// The counter's pace (W) in the interval before interval `i`, unless that one was a reset.
fn rate_before(counter: &[Point], c: &[f64], resets: &[bool], i: usize) -> Option<f64> {
    if i < 2 || resets[i - 1] {
        return None;
    }
    let dt = counter[i - 1].t - counter[i - 2].t;
    (dt > 0).then(|| (c[i - 1] - c[i - 2]) * 3.6e6 / dt as f64)
}

/// The counter's pace (W) in the interval after interval `i`, unless that one is a reset too.
fn rate_after(counter: &[Point], i: usize, epoch_at: impl Fn(i64) -> Option<f64>) -> Option<f64> {
    let (a, b) = (counter.get(i)?, counter.get(i + 1)?);
    let same_epoch = match (epoch_at(a.t), epoch_at(b.t)) {
        (Some(x), Some(y)) => (x - y).abs() < 1.0,
        _ => true,
    };
    let dt = b.t - a.t;
    (same_epoch && b.v >= a.v && dt > 0).then(|| (b.v - a.v) * 3.6e6 / dt as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(i64, f64)]) -> Vec<Point> {
        v.iter().map(|&(t, v)| Point { t, v }).collect()
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// A counter read every `step` ms from 0 to `end`, growing `w` watts.
    fn steady(w: f64, step: i64, end: i64) -> Vec<Point> {
        (0..=end / step)
            .map(|k| Point {
                t: k * step,
                v: 100.0 + wh(w, k * step),
            })
            .collect()
    }

    #[test]
    fn a_counter_window_is_the_difference_with_interpolated_edges() {
        // 3600 W: one Wh a second, read every 10 s.
        let curve = Curve::counter(&steady(3600.0, 10_000, 100_000), &[], &[]);
        let f = curve.window(15_000, 45_000);
        assert!(close(f.wh, 30.0, 1e-9), "{f:?}");
        assert_eq!(f.coverage, 1.0);
        // 20, 30, 40 inside; 10 and 50 for the edges.
        assert_eq!(f.samples, 5);
        let exact = curve.window(20_000, 40_000);
        assert_eq!(exact.samples, 3);
    }

    #[test]
    fn a_window_beyond_the_samples_says_how_much_it_covers() {
        let curve = Curve::counter(&steady(3600.0, 10_000, 100_000), &[], &[]);
        let f = curve.window(50_000, 150_000);
        assert!(close(f.wh, 50.0, 1e-9), "not scaled up: {f:?}");
        assert!(close(f.coverage, 0.5, 1e-9));
        let before = curve.window(-100_000, -50_000);
        assert_eq!((before.wh, before.coverage, before.samples), (0.0, 0.0, 0));
        let empty = Curve::counter(&[], &[], &[]).window(0, 10);
        assert_eq!(empty.coverage, 0.0);
        let one = Curve::counter(&pts(&[(5, 3.0)]), &[], &[]).window(0, 10);
        assert_eq!((one.wh, one.coverage, one.samples), (0.0, 0.0, 1));
    }

    #[test]
    fn a_reset_loses_nothing_when_the_reset_time_and_power_are_known() {
        // 3600 W (1 Wh/s), read every 10 s from t0; the user resets at t0 + 14.5 s, which
        // EnergyStart gives as the whole second.
        let t0 = 1_700_000_000_000;
        let at = |v: &[(i64, f64)]| -> Vec<Point> {
            v.iter().map(|&(t, v)| Point { t: t0 + t, v }).collect()
        };
        let counter = at(&[(0, 50.0), (10_000, 60.0), (20_000, 5.5), (30_000, 15.5)]);
        let start = t0 as f64 / 1000.0;
        let epochs = at(&[
            (0, start),
            (10_000, start),
            (20_000, start + 14.0),
            (30_000, start + 14.0),
        ]);
        let power = at(&[
            (0, 3600.0),
            (10_000, 3600.0),
            (20_000, 3600.0),
            (30_000, 3600.0),
        ]);
        let curve = Curve::counter(&counter, &epochs, &power);
        let f = curve.window(t0, t0 + 30_000);
        assert!(close(f.wh, 30.0, 1e-9), "{f:?}");
        // Without power samples, the counter's pace before the reset bridges it.
        let curve = Curve::counter(&counter, &epochs, &[]);
        assert!(close(curve.window(t0, t0 + 30_000).wh, 30.0, 1e-9));
        // A reset in the first interval: the counter's pace after it bridges it.
        let first = at(&[(10_000, 60.0), (20_000, 5.5), (30_000, 15.5)]);
        let curve = Curve::counter(&first, &epochs, &[]);
        assert!(close(curve.window(t0 + 10_000, t0 + 30_000).wh, 20.0, 1e-9));
    }

    #[test]
    fn a_reset_without_a_reset_time_is_found_by_the_fall() {
        // A driver's counter starting again from 0: the pace before it bridges the gap.
        let counter = pts(&[
            (0, 500.0),
            (10_000, 510.0),
            (20_000, 520.0),
            (30_000, 4.0),
            (40_000, 14.0),
        ]);
        let curve = Curve::counter(&counter, &[], &[]);
        let f = curve.window(0, 40_000);
        assert!(close(f.wh, 40.0, 1e-9), "{f:?}");
        // A 1970 EnergyStart says nothing.
        let epochs = pts(&[
            (0, 3600.0),
            (10_000, 3600.0),
            (20_000, 3600.0),
            (30_000, 3601.0),
            (40_000, 3601.0),
        ]);
        assert!(close(
            Curve::counter(&counter, &epochs, &[]).window(0, 40_000).wh,
            40.0,
            1e-9
        ));
    }

    #[test]
    fn a_new_reset_time_is_a_reset_even_when_the_counter_grew_past_its_old_value() {
        // Read every 5 min at 1 kW; reset at 150 s into the second interval: the counter
        // shows 41.67 Wh after, more than the 10 it held.
        let t0 = 1_700_000_000_000;
        let counter = pts(&[(t0, 0.0), (t0 + 300_000, 83.333), (t0 + 600_000, 41.667)]);
        let epochs = pts(&[
            (t0, 1.6e9),
            (t0 + 300_000, 1.6e9),
            (t0 + 600_000, (t0 + 449_500) as f64 / 1000.0),
        ]);
        let curve = Curve::counter(&counter, &epochs, &[]);
        let f = curve.window(t0, t0 + 600_000);
        assert!(close(f.wh, 166.667, 0.01), "{f:?}");
    }

    #[test]
    fn a_whole_step_counter_reset_loses_only_a_fraction_of_a_step() {
        // A NETIO-like counter in whole Wh at 3600 W (1 Wh/s), read every 200 ms, reset
        // every 3 s at t0 + 0.3 s + 3k s; EnergyStart names the whole second.
        let t0 = 1_700_000_000_000i64;
        let reset_every = 3000;
        let first_reset = 300;
        let mut counter = Vec::new();
        let mut epochs = Vec::new();
        let mut power = Vec::new();
        for k in 0..50 {
            let t = t0 + 100 + k * 200;
            let since_start = t - t0 - first_reset;
            let (resets_before, in_segment) = if since_start < 0 {
                (0, t - t0 + 5000)
            } else {
                (since_start / reset_every + 1, since_start % reset_every)
            };
            let reset_at = t0 + first_reset + (resets_before - 1) * reset_every;
            counter.push(Point {
                t,
                v: (in_segment as f64 / 1000.0).floor(),
            });
            epochs.push(Point {
                t,
                v: (reset_at / 1000) as f64,
            });
            power.push(Point { t, v: 3600.0 });
        }
        let curve = Curve::counter(&counter, &epochs, &power);
        let (a, b) = (t0 + 1000, t0 + 9000);
        let f = curve.window(a, b);
        // Two resets inside; the edges may each be off by up to a step.
        assert!((f.wh - 8.0).abs() <= 1.0 + 2.0 * 0.15, "{f:?}");
        // The same samples without power: the counter's pace stands in for it.
        let f = Curve::counter(&counter, &epochs, &[]).window(a, b);
        assert!((f.wh - 8.0).abs() <= 1.0 + 2.0 * 0.5, "{f:?}");
    }

    #[test]
    fn reads_that_cross_in_flight_are_not_resets() {
        // Two recorders: the later sample carries an older reading, 0.4 Wh lower.
        let counter = pts(&[(0, 1000.0), (100, 1001.0), (150, 1000.6), (300, 1003.0)]);
        let f = Curve::counter(&counter, &[], &[]).window(0, 300);
        assert!(close(f.wh, 3.0, 1e-9), "counted once: {f:?}");
    }

    #[test]
    fn power_is_integrated_by_trapezoids() {
        // 100 W, then 300 W from 20 s: the ramp between the samples at 10 and 20 s counts
        // as a trapezoid.
        let power = pts(&[
            (0, 100.0),
            (10_000, 100.0),
            (20_000, 300.0),
            (30_000, 300.0),
        ]);
        let curve = Curve::integrated(&power);
        let f = curve.window(0, 30_000);
        let expected = wh(100.0, 10_000) + wh(200.0, 10_000) + wh(300.0, 10_000);
        assert!(close(f.wh, expected, 1e-9), "{f:?}");
        assert_eq!(f.coverage, 1.0);
        // An edge in the ramp: at 15 s the power is 200 W.
        let half = curve.window(10_000, 15_000);
        assert!(close(half.wh, wh(150.0, 5_000), 1e-9), "{half:?}");
    }

    #[test]
    fn a_long_gap_in_power_samples_is_not_covered() {
        let power = pts(&[
            (0, 60.0),
            (1000, 60.0),
            (2000, 60.0),
            (3000, 60.0),
            (10_000, 60.0),
            (11_000, 60.0),
        ]);
        let f = Curve::integrated(&power).window(0, 11_000);
        assert!(close(f.wh, wh(60.0, 4000), 1e-9), "{f:?}");
        assert!(close(f.coverage, 4.0 / 11.0, 1e-9));
    }
}
