-- A repeated Medarbejderintegration callback is now recognised by the broker (duplicate detection on
-- the address calls, by the event's id, stored with the event itself), not by a row written after it.
DROP TABLE flexfone_callback;
