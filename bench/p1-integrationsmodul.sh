#!/usr/bin/env bash
# P1: the Integrationsmodul allegro-relatie (token check, Allegro lookup in the database, recording and
# call.input on the broker) against a constant answer on the same server and PBX path. Throughput with
# wrk at full load (each request a new call id), then latency at a fixed 300 req/s with hey on a fresh bus.
# Targets: throughput ratio >= 0.6, p99 <= 10 ms at 300 req/s.
source "$(dirname "$0")/lib.sh"
need wrk hey curl
DURATION=${DURATION:-20}
# full load until the JIT has settled: compilations ran on for about 140 s (P1, -XX:+PrintCompilation)
WARMUP=${WARMUP:-150}
# p99 of 18,000 requests: in 20 s (6,000) it moved with how many of the JVM's collections, one every
# 1.5-2 s, fell into the run (5.1-9.5 ms over the sessions; bench/HISTORY.md, P1, tenth session)
LATENCY_DURATION=${LATENCY_DURATION:-60}

start_bus p1
module="$BUS_URL/flexfone/module/allegro-relatie?token=demo-token&callerid=4586515151&input=4599"
constant="$BUS_URL/flexfone/bench/constant?token=demo-token&callerid=4586515151&input=4599"
# not a target, a way to read the ratio: the module keuzemenu does all that allegro-relatie does (token,
# recording committed, call.input on the broker) but its lookup is a constant, with no database read
keuzemenu="$BUS_URL/flexfone/module/keuzemenu?token=demo-token&callerid=4586515151&input=1"
curl -sf "$module&uniquecallid=bench.0" | grep -q gotolocalnumber || { echo "bench: module does not answer as expected" >&2; exit 1; }

calls=$(mktemp)
cat >"$calls" <<'LUA'
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", wrk.path .. "&uniquecallid=bench." .. counter)
end
LUA

rate() { wrk -t2 -c16 -d"${DURATION}s" -s "$calls" "$1" | awk '/Requests\/sec/ {print $2}'; }
percentile() { awk -v p="$2" '$0 ~ "  "p"% in" {print $3 * 1000}' "$1"; }
slowest() { awk '/Slowest:/ {print $2 * 1000}' "$1"; }

echo "warm-up, ${WARMUP}s"; wrk -t2 -c16 -d"${WARMUP}s" -s "$calls" "$module" >/dev/null
wrk -t2 -c16 -d30s -s "$calls" "$keuzemenu" >/dev/null; wrk -t2 -c16 -d30s -s "$calls" "$constant" >/dev/null
settle
echo "throughput, ${DURATION}s each"
# a module's rate counts only if its call.input keeps up: what the outbox holds at the end of the run
backlog() {
    echo "outbox $(curl -sf -u operator:demo-operator "$BUS_URL/actuator/prometheus" \
        | awk '/^switchboard_call_input_unpublished / {printf "%.0f", $2}'), $(queue_depths calls.journal)"
}
module_rate=$(rate "$module")
backlog=$(backlog)
settle
keuzemenu_rate=$(rate "$keuzemenu")
keuzemenu_backlog=$(backlog)
settle
constant_rate=$(rate "$constant")
rm -f "$calls"

# Latency on a fresh bus: after the runs at full load the bus works off their backlog (consumers,
# call.input outbox) for minutes, which the latency would measure. Warmed up at the measured rate.
stop_bus
echo "latency at 300 req/s on a fresh bus warmed up at that rate, ${LATENCY_DURATION}s each"
start_bus p1-latency
hey -z 60s -c 10 -q 30 "$module&uniquecallid=bench.warm" >/dev/null
hey -z 30s -c 10 -q 30 "$constant&uniquecallid=bench.warm" >/dev/null
hey -z "${LATENCY_DURATION}s" -c 10 -q 30 "$module&uniquecallid=bench.fixed" >target/bench-p1-module-hey.txt
hey -z "${LATENCY_DURATION}s" -c 10 -q 30 "$constant&uniquecallid=bench.fixed" >target/bench-p1-constant-hey.txt

ratio=$(awk -v a="$module_rate" -v b="$constant_rate" 'BEGIN {printf "%.2f", a / b}')
keuzemenu_ratio=$(awk -v a="$keuzemenu_rate" -v b="$constant_rate" 'BEGIN {printf "%.2f", a / b}')
printf 'P1 integrationsmodul: module %.0f req/s (call.input waiting at its end: %s), constant %.0f req/s, ratio %s (target >= 0.6); keuzemenu, the same module without a database lookup, %.0f req/s (waiting: %s), ratio %s; at 300 req/s module p50 %.1f ms p99 %.1f ms slowest %.1f ms, constant p50 %.1f ms p99 %.1f ms slowest %.1f ms (target p99 <= 10 ms)\n' \
    "$module_rate" "$backlog" "$constant_rate" "$ratio" "$keuzemenu_rate" "$keuzemenu_backlog" "$keuzemenu_ratio" \
    "$(percentile target/bench-p1-module-hey.txt 50)" "$(percentile target/bench-p1-module-hey.txt 99)" \
    "$(slowest target/bench-p1-module-hey.txt)" \
    "$(percentile target/bench-p1-constant-hey.txt 50)" "$(percentile target/bench-p1-constant-hey.txt 99)" \
    "$(slowest target/bench-p1-constant-hey.txt)"
