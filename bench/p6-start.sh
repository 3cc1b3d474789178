#!/usr/bin/env bash
# P6: start-to-ready time and idle RSS of the default run (the jar on its embedded defaults: broker,
# H2, demo data; ready when /actuator/health says UP), against the same classpath started with Spring
# Boot's auto-configuration alone (bench/FrameworkFloor.java; ready when its port answers). Each
# started RUNS times, a fresh data directory each time; the median start, RSS after IDLE seconds.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need curl
RUNS=${RUNS:-3}
IDLE=${IDLE:-20}
FLOOR_PORT=${FLOOR_PORT:-18181}
logs="$PWD/target"
build_jar
bench_classpath
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$classpath" bench/FrameworkFloor.java

# measure NAME READY-URL READY-PATTERN COMMAND...: prints "seconds-to-ready rss-kb"; the pattern is
# matched against the answer followed by its HTTP status
measure() {
    local name=$1 url=$2 pattern=$3; shift 3
    local started; started=$(date +%s.%N)
    "$@" >"$logs/bench-p6-$name.log" 2>&1 &
    local pid=$!
    until curl -s -w ' %{http_code}' "$url" 2>/dev/null | grep -q "$pattern"; do
        kill -0 "$pid" 2>/dev/null || { echo "bench: $name did not start; see $logs/bench-p6-$name.log" >&2; exit 1; }
        sleep 0.1
    done
    local ready; ready=$(date +%s.%N)
    sleep "$IDLE"
    local rss; rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    awk -v a="$started" -v b="$ready" -v r="$rss" 'BEGIN {printf "%.2f %d\n", b - a, r}'
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

floor_dir=$(mktemp -d)
bus=(); floor=()
for run in $(seq 1 "$RUNS"); do
    rm -rf target/bench-p6
    bus+=("$(measure bus "$BUS_URL/actuator/health" '"status":"UP"' \
        java -Xmx1g -jar "$jar" --server.port="$BENCH_PORT" --switchboard.data-dir="$PWD/target/bench-p6" \
        --switchboard.broker.port="$BENCH_BROKER_PORT")")
    floor+=("$(cd "$floor_dir" && measure floor "http://127.0.0.1:$FLOOR_PORT/" ' [1-5][0-9][0-9]$' \
        java -Xmx1g -cp "$OLDPWD/target/bench-classes:$classpath" FrameworkFloor --server.port="$FLOOR_PORT")")
    echo "run $run: bus ${bus[-1]}, floor ${floor[-1]} (seconds to ready, RSS kB)"
done
rm -rf "$floor_dir"

bus_start=$(printf '%s\n' "${bus[@]}" | awk '{print $1}' | median)
bus_rss=$(printf '%s\n' "${bus[@]}" | awk '{print $2}' | median)
floor_start=$(printf '%s\n' "${floor[@]}" | awk '{print $1}' | median)
floor_rss=$(printf '%s\n' "${floor[@]}" | awk '{print $2}' | median)
printf 'P6 start: bus ready in %s s, idle RSS %.0f MB; framework floor ready in %s s, idle RSS %.0f MB; ratios %.2f (start) %.2f (RSS)\n' \
    "$bus_start" "$((bus_rss / 1024))" "$floor_start" "$((floor_rss / 1024))" \
    "$(awk -v a="$bus_start" -v b="$floor_start" 'BEGIN {print a / b}')" "$(awk -v a="$bus_rss" -v b="$floor_rss" 'BEGIN {print a / b}')"
