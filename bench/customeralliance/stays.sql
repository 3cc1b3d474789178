-- bench/p5: checked-out stays of guests to be invited for a review, as many as the variable STAYS says,
-- added to the demo data of the embedded H2 database (SYSTEM_RANGE is H2's; its column is "X").
INSERT INTO soferu.guest (id, name, first_name, gender, language, email, phone)
SELECT 1000000 + "X", 'Gast ' || "X", 'Bench', CASE WHEN MOD("X", 2) = 0 THEN 'f' ELSE 'm' END, 'nl',
       'gast' || "X" || '@bench.example', NULL
  FROM SYSTEM_RANGE(1, ${STAYS});
INSERT INTO soferu.stay (booking_number, guest_id, status, arrival, departure, checked_out, checked_out_at,
                         notify_on_occupancy, room_number, room_category)
SELECT 'B' || "X", 1000000 + "X", 'booked', DATE '2026-11-20', DATE '2026-11-22', TRUE,
       TIMESTAMP WITH TIME ZONE '2026-11-22 11:00:00+01', TRUE, CAST(100 + MOD("X", 300) AS VARCHAR), 'Standaard'
  FROM SYSTEM_RANGE(1, ${STAYS});
