# Sourced by the benchmarks that need several simulated DLI controllers. start_dli_rack N
# starts N of them (8 outlets each) in a temporary home ($work) and names them pdu1..pduN
# in its profile ($profile); all are killed and the home removed on exit.

start_dli_rack() {
    work=$(mktemp -d)
    pids=()
    trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
    export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_RUNTIME_DIR="$work/run"
    export PDUCTL_BENCH_PW=1234
    mkdir -p "$XDG_CONFIG_HOME/pductl" "$XDG_RUNTIME_DIR"
    profile="$XDG_CONFIG_HOME/pductl/config.toml"
    local d
    for ((d = 1; d <= $1; d++)); do
        "$bin" sim dli --outlets 8 >"$work/sim$d" &
        pids+=($!)
        until [ -s "$work/sim$d" ]; do sleep 0.02; done
        printf '[devices.pdu%d]\nhost = "127.0.0.1"\nport = %s\npassword_env = "PDUCTL_BENCH_PW"\n\n' \
            "$d" "$(head -n1 "$work/sim$d" | sed 's/.*://')" >>"$profile"
    done
}
