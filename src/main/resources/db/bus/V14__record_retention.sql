-- Found by their time when deleted after the retention period (RecordRetention); flexfone_call_input
-- already has (published_at, id).
CREATE INDEX event_journal_recorded ON event_journal (recorded_at);
CREATE INDEX event_trace_at ON event_trace (at);
CREATE INDEX logocrm_delivery_delivered ON logocrm_delivery (delivered_at);
