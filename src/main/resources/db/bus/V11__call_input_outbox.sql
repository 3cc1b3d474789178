-- call.input is published from the recorded row once the PBX has its answer (CallInputRelay): a row
-- not yet on the broker has no published_at. Rows recorded before this were published as they came.
ALTER TABLE flexfone_call_input ADD COLUMN published_at TIMESTAMP WITH TIME ZONE;
UPDATE flexfone_call_input SET published_at = received_at;
CREATE INDEX flexfone_call_input_unpublished ON flexfone_call_input (published_at, id);
