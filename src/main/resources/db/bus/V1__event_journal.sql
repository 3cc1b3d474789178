-- Every canonical event the bus has seen, once per CloudEvent id: where it came from and which queue
-- carried it. Lets an operator trace one business fact by its id.
CREATE TABLE event_journal (
    event_id     VARCHAR(64)              NOT NULL PRIMARY KEY,
    type         VARCHAR(100)             NOT NULL,
    source       VARCHAR(200)             NOT NULL,
    subject      VARCHAR(200),
    event_time   TIMESTAMP WITH TIME ZONE,
    queue        VARCHAR(100)             NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX event_journal_type_time ON event_journal (type, event_time);
