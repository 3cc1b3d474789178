-- Demo stays for the Customer Alliance push: two that qualify, and one failing each rule.

INSERT INTO guest (id, name, first_name, gender, language, email, phone) VALUES
    (1, 'Müller',  'Anna',   'f', 'de', 'anna.mueller@example.org', '+49 30 1234567'),
    (2, 'Smith',   'John',   'm', 'en', 'john.smith@example.org',   NULL),
    (3, 'Keller',  'Jonas',  'm', 'de', NULL,                       NULL),
    (4, NULL,      'Lena',   'f', 'de', 'lena@example.org',         NULL),
    (5, 'Weber',   'Paul',   'm', 'de', 'paul.weber@example.org',   NULL),
    (6, 'Schulz',  'Marie',  'f', 'de', 'marie.schulz@example.org', NULL),
    (7, 'Fischer', 'Tom',    'm', 'de', 'tom.fischer@example.org',  NULL);

INSERT INTO stay (booking_number, guest_id, status, arrival, departure, checked_out, checked_out_at,
                  notify_on_occupancy, room_number, room_category, transmitted_at) VALUES
    -- qualify
    ('B-1001', 1, 'booked', CURRENT_DATE - INTERVAL '3' DAY, CURRENT_DATE, TRUE, CURRENT_TIMESTAMP, TRUE, '101', 'Doppelzimmer', NULL),
    ('B-1002', 2, 'booked', CURRENT_DATE - INTERVAL '5' DAY, CURRENT_DATE, TRUE, CURRENT_TIMESTAMP, TRUE, '205', 'Einzelzimmer', NULL),
    -- guest without e-mail
    ('B-1003', 3, 'booked', CURRENT_DATE - INTERVAL '2' DAY, CURRENT_DATE, TRUE, CURRENT_TIMESTAMP, TRUE, '102', 'Doppelzimmer', NULL),
    -- guest without name
    ('B-1004', 4, 'booked', CURRENT_DATE - INTERVAL '2' DAY, CURRENT_DATE, TRUE, CURRENT_TIMESTAMP, TRUE, '103', 'Doppelzimmer', NULL),
    -- notification option off
    ('B-1005', 5, 'booked', CURRENT_DATE - INTERVAL '4' DAY, CURRENT_DATE, TRUE, CURRENT_TIMESTAMP, FALSE, '104', 'Suite', NULL),
    -- not checked out yet
    ('B-1006', 6, 'booked', CURRENT_DATE - INTERVAL '1' DAY, CURRENT_DATE + INTERVAL '2' DAY, FALSE, NULL, TRUE, '105', 'Doppelzimmer', NULL),
    -- already transmitted
    ('B-1007', 7, 'booked', CURRENT_DATE - INTERVAL '9' DAY, CURRENT_DATE - INTERVAL '6' DAY, TRUE,
     CURRENT_TIMESTAMP - INTERVAL '6' DAY, TRUE, '106', 'Einzelzimmer', CURRENT_TIMESTAMP - INTERVAL '5' DAY);

INSERT INTO stay_history (booking_number, entry_time, text) VALUES
    ('B-1007', CURRENT_TIMESTAMP - INTERVAL '5' DAY, 'Gastdaten an Customer Alliance übermittelt');
