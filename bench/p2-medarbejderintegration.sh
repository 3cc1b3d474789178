#!/usr/bin/env bash
# P2: Medarbejderintegration callbacks acknowledged per second (each answered 200 only once its
# call.answered event is durably on the broker) against plain durable JMS sends to the same broker
# from as many senders as HTTP connections (bench/DurableSends.java). Target: ratio >= 0.5.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk curl
DURATION=${DURATION:-20}
# full load until the JIT has settled: compilations ran on for about 140 s (P1, -XX:+PrintCompilation)
WARMUP=${WARMUP:-150}
CONNECTIONS=${CONNECTIONS:-16}

start_bus p2
bench_classpath

calls=$(mktemp)
# every callback a new call: a repeated UniqueCallId is answered without publishing, so the ids differ
# per run (argument), wrk thread and request (LuaJIT's math.random repeats itself in every thread and run)
cat >"$calls" <<'LUA'
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("number", threads)
end
local prefix
local counter = 0
function init(args)
    prefix = "bench." .. args[1] .. "." .. number .. "."
end
function request()
    counter = counter + 1
    return wrk.format("GET", wrk.path .. "&UniqueCallId=" .. prefix .. counter)
end
LUA
callback="$BUS_URL/flexfone/employee/answered?token=demo-token&AccountId=4711&EmployeeLocalNumber=201&ANumber=86515151&TimeStamp=2026-11-23%2009:30:00"
curl -sf "$callback&UniqueCallId=bench.0" | grep -qx OK || { echo "bench: callback not acknowledged" >&2; exit 1; }

sends() {
    java -cp "$classpath" bench/DurableSends.java "tcp://127.0.0.1:$BENCH_BROKER_PORT" operator demo-operator \
        "$CONNECTIONS" "$1" | awk '/sends\/s/ {print $2}'
}

echo "warm-up, ${WARMUP}s"; wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$calls" "$callback" -- warmup >/dev/null; sends 10 >/dev/null
echo "callbacks and durable sends, ${DURATION}s each"
callback_rate=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$calls" "$callback" -- measured | awk '/Requests\/sec/ {print $2}')
backlog=$(queue_depths calls.agentstatus calls.journal)
settle
send_rate=$(sends "$DURATION")
rm -f "$calls"

printf 'P2 medarbejderintegration: callbacks %.0f/s acknowledged (waiting at the end: %s), durable JMS sends %.0f/s, ratio %s (target >= 0.5)\n' \
    "$callback_rate" "$backlog" "$send_rate" "$(awk -v a="$callback_rate" -v b="$send_rate" 'BEGIN {printf "%.2f", a / b}')"
