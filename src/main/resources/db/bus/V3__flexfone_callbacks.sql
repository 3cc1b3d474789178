-- Callbacks of the Flexfone Medarbejderintegration already published, by CloudEvent id: a repeated
-- callback (the PBX retrying) is answered 200 and not published again.
CREATE TABLE flexfone_callback (
    event_id     VARCHAR(36)              NOT NULL PRIMARY KEY,
    call_id      VARCHAR(64)              NOT NULL,
    event_type   VARCHAR(40)              NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX flexfone_callback_call ON flexfone_callback (call_id);
