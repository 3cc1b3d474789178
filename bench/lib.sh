# Shared by the bench/ scripts: builds the jar once and runs the bus on its embedded defaults (demo
# data) in a fresh data directory under target/, with the benchmark baseline routes added.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BENCH_PORT=${BENCH_PORT:-18180}
BENCH_BROKER_PORT=${BENCH_BROKER_PORT:-61780}
BUS_URL="http://127.0.0.1:$BENCH_PORT"

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "bench: $tool missing (Debian: apt-get install $tool)" >&2; exit 1; }
    done
}

build_jar() {
    jar=$(ls target/switchboard-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
    if [ -z "$jar" ]; then
        mvn -B -ntp -q -DskipTests package
        jar=$(ls target/switchboard-*.jar | grep -v original | head -n 1)
    fi
}

# start_bus NAME [extra arguments]: runs the jar in the background until the script exits, in a fresh
# data directory unless BENCH_KEEP_DATA=1, with the baseline routes of bench/routes and a script's own
# (BENCH_ROUTES, an include pattern); BENCH_JAVA_OPTS go to the JVM, BENCH_BUS_ARGS to the bus
# (to try a setting: BENCH_BUS_ARGS=--switchboard.broker.config=/tmp/broker/broker.xml).
start_bus() {
    local name=$1; shift
    build_jar
    data="$PWD/target/bench-$name"
    [ "${BENCH_KEEP_DATA:-0}" = 1 ] || rm -rf "$data"
    log="target/bench-$name.log"
    # shellcheck disable=SC2086
    java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.port="$BENCH_PORT" --switchboard.data-dir="$data" \
        --switchboard.broker.port="$BENCH_BROKER_PORT" --switchboard.console.enabled=false \
        --camel.main.routes-include-pattern="file:routes/*.camel.yaml,file:bench/routes/*.camel.yaml${BENCH_ROUTES:+,$BENCH_ROUTES}" \
        ${BENCH_BUS_ARGS:-} "$@" >"$log" 2>&1 &
    bus_pid=$!
    trap 'kill "$bus_pid" 2>/dev/null; wait "$bus_pid" 2>/dev/null || true' EXIT
    local started=$SECONDS
    until curl -sf "$BUS_URL/actuator/health" | grep -q '"status":"UP"'; do
        if (( SECONDS - started > 60 )) || ! kill -0 "$bus_pid" 2>/dev/null; then
            echo "bench: the bus did not come up; see $log" >&2; exit 1
        fi
        sleep 1
    done
}

# settle: waits until the bus has done what a load left it to do (compacting its database file, consumers
# catching up, the JIT), so that the baseline measured next does not pay for it: until the bus uses less
# than a tenth of a core for two seconds in a row, at most SETTLE_MAX seconds (120). Says how long it took.
settle() {
    local started=$SECONDS quiet=0 before after ticks
    ticks=$(getconf CLK_TCK)
    while (( SECONDS - started < ${SETTLE_MAX:-120} && quiet < 2 )); do
        before=$(awk '{print $14 + $15}' "/proc/$bus_pid/stat")
        sleep 1
        after=$(awk '{print $14 + $15}' "/proc/$bus_pid/stat")
        if (( (after - before) * 10 < ticks )); then quiet=$((quiet + 1)); else quiet=0; fi
    done
    echo "the bus was quiet after $((SECONDS - started)) s"
}

# database_file: the size of the bus's embedded H2 file ("412 MB"), live data and what H2 has not yet
# freed; "none" when the bus runs on another database (BENCH_BUS_ARGS=--spring.datasource.url=…).
database_file() {
    if [ -f "$data/db/switchboard.mv.db" ]; then echo "$(du -m "$data/db/switchboard.mv.db" | cut -f1) MB"; else echo none; fi
}

# stop_bus: stops the bus (SIGTERM: a graceful shutdown) and waits until it has.
stop_bus() {
    kill "$bus_pid" 2>/dev/null || true
    wait "$bus_pid" 2>/dev/null || true
}

# bench_classpath: the bus's dependencies, for the Java baselines run as single source files.
bench_classpath() {
    classpath_file=target/bench-classpath.txt
    [ -s "$classpath_file" ] || mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
    classpath=$(cat "$classpath_file")
}

# queue_depths QUEUE...: what waits on these queues of the bus's broker, as "name count, name count". A
# rate counts only if the consumers kept up with it; what waits at the end of a run is work left for later.
queue_depths() {
    bench_classpath
    java -cp "$classpath" bench/QueueDepth.java "tcp://127.0.0.1:$BENCH_BROKER_PORT" operator demo-operator "$@" \
        | awk '{printf "%s%s %s", sep, $2, $3; sep = ", "}'
}
