-- Demo PBX directory (normally synced from the Flexfone API): the Allegro employees' local numbers.
INSERT INTO directory (localnumber, name, email, department, updated_at) VALUES
    ('201', 'Anna van den Berg', 'anna@example.org',   'Budgetbeheer',   CURRENT_TIMESTAMP),
    ('202', 'Pieter de Vries',   'pieter@example.org', 'Schuldregeling', CURRENT_TIMESTAMP),
    ('2000', 'Receptie',         NULL,                 'Receptie',       CURRENT_TIMESTAMP);

INSERT INTO directory_phone (localnumber, number, number_key, kind) VALUES
    ('201', '+4520304050', '20304050', 'mobile'),
    ('202', '40506070',    '40506070', 'mobile');
