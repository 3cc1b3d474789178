#!/usr/bin/env bash
# P4: the whole IVR flow of the Allegro TelefoonService (AllegroLogin, AllegroTelefoonGetKlant,
# AllegroGetVrijOpneembareReserveringen, AllegroOpnameReservering of one cent, each flow a new session,
# bench/soap/ivr-flow.lua) against a CXF echo operation with schema validation on the same server
# (bench/routes/soap-echo.camel.yaml). SOAP requests per second, wrk with one caller per connection.
# Target: ratio >= 0.5.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk curl
DURATION=${DURATION:-20}
# full load until the JIT has settled: compilations ran on for about 140 s (P1, -XX:+PrintCompilation)
WARMUP=${WARMUP:-150}
CALLERS=${CALLERS:-4}

BENCH_ROUTES="file:bench/soap/*.camel.yaml" start_bus p4
service="$BUS_URL/ws/TelefoonService"
echo_url="$BUS_URL/ws/bench/Echo"
curl -sf -H 'Content-Type: text/xml; charset=utf-8' --data @bench/soap/echo.xml "$echo_url" | grep -q '<e:Text>4599</e:Text>' \
    || { echo "bench: the echo operation does not answer" >&2; exit 1; }

flow() { wrk -t"$CALLERS" -c"$CALLERS" -d"$1" -s bench/soap/ivr-flow.lua "$service" ${2:+-- "$2"}; }
echoes() {
    wrk -t"$CALLERS" -c"$CALLERS" -d"$1" -s <(printf 'wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "text/xml; charset=utf-8"\nwrk.headers["SOAPAction"] = [["urn:switchboard-bench-echo#Echo"]]\n' "$(cat bench/soap/echo.xml)") "$echo_url"
}

echo "warm-up, ${WARMUP}s"; flow "${WARMUP}s" >/dev/null; echoes 30s >/dev/null
echo "IVR flows and echoes, ${DURATION}s each"
flow_out=$(flow "${DURATION}s")
# the flow's rate counts only if the Portier kept up with its withdrawals
backlog=$(queue_depths portier.mutations allegro.withdrawals.journal)
# the flow writes at every commit; what its file holds after some 170 s of it
h2_file=$(database_file)
settle
echo_out=$(echoes "${DURATION}s")
flow_rate=$(echo "$flow_out" | awk '/Requests\/sec/ {print $2}')
echo_rate=$(echo "$echo_out" | awk '/Requests\/sec/ {print $2}')
flows=$(echo "$flow_out" | awk '/^flows/ {print $2}')
failures=$(echo "$flow_out" | awk '/^flows/ {print $4}')
[ "$failures" = 0 ] || { echo "bench: $failures IVR requests failed" >&2; exit 1; }

# where the flow's cost lies: each operation alone, repeated in one session (the withdrawal last: its
# bookings run on behind it)
for operation in AllegroLogin AllegroTelefoonGetKlant AllegroGetVrijOpneembareReserveringen AllegroOpnameReservering; do
    operation_out=$(flow "${DURATION}s" "$operation")
    [ "$(echo "$operation_out" | awk '/^flows/ {print $4}')" = 0 ] || { echo "bench: $operation failed" >&2; exit 1; }
    operation_rate=$(echo "$operation_out" | awk '/Requests\/sec/ {print $2}')
    printf '  %s alone: %.0f requests/s, ratio to the echo %s\n' "$operation" "$operation_rate" \
        "$(awk -v a="$operation_rate" -v b="$echo_rate" 'BEGIN {printf "%.2f", a / b}')"
done

printf 'P4 soap: IVR flow %.0f requests/s (%.1f flows/s of 4 operations; waiting at the end: %s; H2 file %s), CXF echo %.0f requests/s, ratio %s (target >= 0.5)\n' \
    "$flow_rate" "$(awk -v f="$flows" -v d="$DURATION" 'BEGIN {print f / d}')" "$backlog" "$h2_file" "$echo_rate" \
    "$(awk -v a="$flow_rate" -v b="$echo_rate" 'BEGIN {printf "%.2f", a / b}')"
