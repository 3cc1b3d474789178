#!/usr/bin/env bash
# P5: the Soferu → Customer Alliance push of many checked-out stays (STAYS, 100,000 by default) to a local
# fake of the push API (bench/customeralliance/FakePushApi.java): time from the run to the last guest
# received, and the heap, which must stay flat: the live heap (what a full collection leaves, forced
# every 2 s) during the push against that of the idle bus. Baseline of the time: the same fake taking 100-guest chunks
# from wrk directly. The stays are added to the embedded H2 database between two starts of the bus.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk curl
STAYS=${STAYS:-100000}
FAKE_PORT=${FAKE_PORT:-18190}
bench_classpath

echo "creating the database and adding $STAYS stays"
start_bus p5
stop_bus
db="jdbc:h2:file:$data/db/switchboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
java -cp "$classpath" org.h2.tools.RunScript -url "$db" -user sa \
    -script <(sed "s/\${STAYS}/$STAYS/g" bench/customeralliance/stays.sql)

java -cp "$classpath" bench/customeralliance/FakePushApi.java "$FAKE_PORT" &
fake_pid=$!
gc_log="$PWD/target/bench-p5-gc.log"
BENCH_KEEP_DATA=1 BENCH_JAVA_OPTS="-Xlog:gc:file=$gc_log" start_bus p5 \
    --switchboard.customeralliance.enabled=true --switchboard.customeralliance.base-url="http://127.0.0.1:$FAKE_PORT" \
    --switchboard.customeralliance.review-subject=bench --switchboard.customeralliance.access-key=bench-key \
    --switchboard.customeralliance.push-interval=1s
trap 'kill "$bus_pid" "$fake_pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
count() { curl -sf "http://127.0.0.1:$FAKE_PORT/count"; }
until count >/dev/null 2>&1; do sleep 0.2; done

# The live heap: what a full collection leaves. One at idle, then one every 2 s during the push.
live_heap() { jcmd "$bus_pid" GC.run >/dev/null; }
sleep 5
live_heap
started=$(date +%s.%N)
curl -sf -u operator:demo-operator -X POST "$BUS_URL/api/customer-alliance/run" >/dev/null
while [ "$(count)" -lt "$STAYS" ]; do
    sleep 2
    live_heap
done
finished=$(date +%s.%N)
live_heap
sleep 1
# "GC(7) Pause Full (Diagnostic Command) 300M->41M(1024M) 42.1ms": 41 MB live
full_gcs=$(grep 'Pause Full (Diagnostic Command)' "$gc_log" | sed -E 's/.*[0-9]+M->([0-9]+)M\([0-9]+M\).*/\1/')
idle_heap=$(echo "$full_gcs" | head -n 1)
peak_heap=$(echo "$full_gcs" | sort -n | tail -n 1)
end_heap=$(echo "$full_gcs" | tail -n 1)
seconds=$(awk -v a="$started" -v b="$finished" 'BEGIN {printf "%.1f", b - a}')

guests=$(printf '{"gender":"m","first_name":"Bench","name":"Gast %d","language":"nl","id":"%d","email":"gast%d@bench.example","arrival_date":"2026-11-20","departure_date":"2026-11-22","reservation_id":"B%d","cancelled":false,"room_number":"101","room_category":"Standaard"},' $(seq 1 100 | awk '{print $1, $1, $1, $1}'))
direct=$(wrk -t2 -c2 -d10s -s <(printf 'wrk.method = "POST"\nwrk.body = [==[[%s]]==]\nwrk.headers["Content-Type"] = "application/json"\n' "${guests%,}") \
    "http://127.0.0.1:$FAKE_PORT/api/bench-key/bench" | awk '/Requests\/sec/ {print $2 * 100}')

printf 'P5 customer alliance: %s stays pushed in %s s (%.0f guests/s; the fake takes %.0f guests/s directly, ratio %s); live heap: idle %s MB, peak during the push %s MB, after it %s MB (flat: peak/idle %s)\n' \
    "$STAYS" "$seconds" "$(awk -v n="$STAYS" -v s="$seconds" 'BEGIN {print n / s}')" "$direct" \
    "$(awk -v n="$STAYS" -v s="$seconds" -v d="$direct" 'BEGIN {printf "%.2f", n / s / d}')" \
    "$idle_heap" "$peak_heap" "$end_heap" "$(awk -v p="$peak_heap" -v i="$idle_heap" 'BEGIN {printf "%.2f", p / i}')"
