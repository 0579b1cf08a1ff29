#!/usr/bin/env bash
# How long `pductl drivers list` takes with every built-in driver: goal under 5 ms (issue
# 25), the median of RUNS runs. Each run is timed around the spawn, and so is /bin/true's,
# which is what starting any process costs the measuring side; both are printed. The
# user's driver directory is an empty one, so only the built-ins count.
#   usage: benches/drivers_list.sh [RUNS]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200}"

cargo build --release --locked -q
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME="$config" python3 - "$runs" <<'PY'
import statistics, subprocess, sys, time
runs = int(sys.argv[1])
def median_ms(argv):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
count = len(subprocess.run(["target/release/pductl", "drivers", "list", "-o", "text"],
                           capture_output=True, text=True, check=True).stdout.splitlines())
spawn = median_ms(["/bin/true"])
listing = median_ms(["target/release/pductl", "drivers", "list", "-o", "text"])
verdict = "ok" if listing <= 5 else "OVER BUDGET"
print(f"drivers list over {count} built-ins: median {listing:.2f} ms "
      f"({listing - spawn:.2f} ms more than spawning /bin/true, {spawn:.2f} ms), "
      f"{runs} runs (goal 5 ms) {verdict}")
PY
