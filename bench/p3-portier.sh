#!/usr/bin/env bash
# P3: withdrawals booked per second by the Portier route on PostgreSQL (from allegro.withdrawal.requested
# on portier.mutations to the committed booking) against plain JDBC doing the same reads and writes in
# one transaction per withdrawal, with as many threads as the route has consumers (bench/PortierBookings.java).
# PostgreSQL is installed and started as on CI (.ci/postgres); the bus gets a fresh database. Six rounds
# of WITHDRAWALS each; the last three together are the result.
# Target: ratio >= 0.5.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need curl psql
WITHDRAWALS=${WITHDRAWALS:-4000}

test_url=$(bash .ci/postgres)
port=$(echo "$test_url" | sed -E 's|.*:([0-9]+)/.*|\1|')
password=$(echo "$test_url" | sed -E 's|.*password=([^&]*).*|\1|')
su postgres -c "psql -q -p $port" <<SQL
DROP DATABASE IF EXISTS switchboard_bench;
CREATE DATABASE switchboard_bench OWNER switchboard;
SQL
db="jdbc:postgresql://127.0.0.1:$port/switchboard_bench"

start_bus p3 --spring.datasource.url="$db" --spring.datasource.username=switchboard --spring.datasource.password="$password"
bench_classpath
consumers=$(grep -A12 'id: portier-book-withdrawal' routes/allegro-portier.camel.yaml | awk '/concurrentConsumers/ {print $2}')

result=$(java -cp "$classpath" bench/PortierBookings.java "$db?user=switchboard&password=$password" \
    "tcp://127.0.0.1:$BENCH_BROKER_PORT" operator demo-operator "$WITHDRAWALS" "$consumers")
bus_rate=$(echo "$result" | awk '$1 == "bus" {print $2}')
jdbc_rate=$(echo "$result" | awk '$1 == "jdbc" {print $2}')
printf 'P3 portier: 3 rounds of %s withdrawals on PostgreSQL, bus %.0f bookings/s, plain JDBC %.0f bookings/s (%s threads), ratio %s (target >= 0.5)\n' \
    "$WITHDRAWALS" "$bus_rate" "$jdbc_rate" "$consumers" "$(awk -v a="$bus_rate" -v b="$jdbc_rate" 'BEGIN {printf "%.2f", a / b}')"
