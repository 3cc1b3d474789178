-- Demo data for the Allegro TelefoonService and Portier (listed in README, "Demo data").

INSERT INTO parameter (nummer, component, naam, waarde) VALUES
    (197, 'Allegro',         'Module Koppeling Telefoonapplicatie', 'Ja'),
    (300, 'Allegro Telefoon', 'Aanmeldcode', 'ivr'),
    (301, 'Allegro Telefoon', 'Wachtwoord', 'demo-wachtwoord'),
    (331, 'Allegro Telefoon', 'SSL gebruiken', 'Nee'),
    (329, 'Allegro Web',     'Vrij opneembare reserveringen', '4;7'),
    (353, 'Allegro Portier', 'Automatisch mut. Opn. Eigen rek. x malen proberen', '3'),
    (354, 'Allegro Portier', 'Automatisch mut. Opn. Eigen rek. om x min proberen.', '1'),
    (390, 'Allegro Portier', 'Taak klaarzetten bij mislukte opname reservering.', 'Ja'),
    (391, 'Allegro Portier', 'Taak bij mislukte opname reservering.', 'Klant bellen'),
    (392, 'Allegro Portier', 'Aparte procedure verwerking Telefoon.', 'Ja');

INSERT INTO bedrijf (id, naam) VALUES
    (1, 'Kred''it Schuldhulpverlening Oost'),
    (2, 'Gemeentelijke Kredietbank Noord');

INSERT INTO team (id, omschrijving) VALUES
    (1, 'Budgetbeheer Team A'),
    (2, 'Budgetbeheer Team B'),
    (3, 'Schuldregeling'),
    (4, 'Leningen en Bewind');

INSERT INTO medewerker (code, naam, bedrijf_id, toestel) VALUES
    ('AVDBERG',  'Anna van den Berg', 1, '201'),
    ('PDEVRIES', 'Pieter de Vries',   1, '202'),
    ('MJANSEN',  'Mila Jansen',       2, '203'),
    ('KBAKKER',  'Koen Bakker',       2, '204');

-- AVDBERG is in two teams: the first (volgorde 1) is the one the TelefoonService names.
INSERT INTO medewerker_team (medewerker_code, team_id, volgorde) VALUES
    ('AVDBERG',  2, 2),
    ('AVDBERG',  1, 1),
    ('PDEVRIES', 3, 1),
    ('MJANSEN',  4, 1),
    ('KBAKKER',  4, 1);

INSERT INTO relatie (relatiecode, soort, zoeknaam, buiten_gebruik, partner_relatiecode) VALUES
    (4600, 'Persoon',     'Pietersen-de Wit, M.', FALSE, NULL),
    (4599, 'Persoon',     'Pietersen, J.',        FALSE, 4600),
    (4601, 'Persoon',     'Kasmeijer, B.',        FALSE, NULL),
    (4602, 'Persoon',     'Historie, H.',         FALSE, NULL),
    (5000, 'Organisatie', 'Stichting Voorbeeld',  FALSE, NULL);

INSERT INTO adres (relatiecode, soort, straat, huisnummer, postcode, woonplaats, gemeente, toelichting) VALUES
    (4599, 'Bezoekadres', 'Kerkstraat', '12', '7511 AB', 'Enschede',  'Enschede',  '4321'),
    (4600, 'Bezoekadres', 'Kerkstraat', '12', '7511 AB', 'Enschede',  'Enschede',  NULL),
    (4601, 'Bezoekadres', 'Dorpsweg',   '3',  '7534 KL', 'Glanerbrug', 'Enschede', '1234'),
    (4602, 'Bezoekadres', 'Molenlaan',  '88', '9711 CD', 'Groningen', 'Groningen', '5678'),
    (5000, 'Bezoekadres', 'Marktplein', '1',  '8011 AA', 'Zwolle',    'Zwolle',    NULL);

INSERT INTO betaalwijze (relatiecode, soort, iban, bban, geblokkeerd) VALUES
    (4599, 'Rekening',           'NL91ABNA0417164300', '417164300', FALSE),
    (4600, 'Prepaid Debit Card', NULL,                 NULL,        FALSE),
    (4601, 'Kas',                NULL,                 NULL,        FALSE),
    (4602, 'Rekening',           NULL,                 '123456789', FALSE);

-- 4599: a current BBR (and an older historic one), nothing else.
INSERT INTO contract (relatiecode, product, soort, medewerker_code, begindatum, historie_datum) VALUES
    (4599, 'BBR', 'Contract', 'PDEVRIES', CURRENT_DATE - INTERVAL '900' DAY, CURRENT_DATE - INTERVAL '400' DAY),
    (4599, 'BBR', 'Contract', 'AVDBERG',  CURRENT_DATE - INTERVAL '380' DAY, NULL);

-- 4602: a BBR that became historic three weeks ago, an SR application, a current PL and a casus.
INSERT INTO contract (relatiecode, product, soort, medewerker_code, begindatum, historie_datum) VALUES
    (4602, 'BBR', 'Contract', 'AVDBERG',  CURRENT_DATE - INTERVAL '500' DAY, CURRENT_DATE - INTERVAL '21' DAY),
    (4602, 'SR',  'Aanvraag', 'PDEVRIES', CURRENT_DATE - INTERVAL '10' DAY,  NULL),
    (4602, 'PL',  'Contract', 'MJANSEN',  CURRENT_DATE - INTERVAL '200' DAY, NULL);

INSERT INTO casus (relatiecode, status, status_datum, medewerker_code, gestopt, afgewezen) VALUES
    (4602, 'Slapend', CURRENT_DATE - INTERVAL '14' DAY, 'KBAKKER', FALSE, FALSE);

-- 4599: reserveringen 4 and 7 may be withdrawn from (parameter 329), 9 may not; the Inzake
-- reservering 4 is never offered.
INSERT INTO reservering (relatiecode, soort, nummer, omschrijving, saldo) VALUES
    (4599, 'Prs',    4, 'Vakantiegeld',     250.00),
    (4599, 'Prs',    7, 'Kleding',           80.50),
    (4599, 'Prs',    9, 'Energie',          300.00),
    (4599, 'Inzake', 4, 'Vakantiegeld inzake', 999.00),
    (4601, 'Prs',    4, 'Vakantiegeld',     120.00),
    (4602, 'Prs',    7, 'Kleding',           40.00);
