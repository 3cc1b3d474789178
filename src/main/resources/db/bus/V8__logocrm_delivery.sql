-- Answered calls Logo CRM has accepted, by CloudEvent id: a redelivered event is not sent twice.
CREATE TABLE logocrm_delivery (
    event_id      VARCHAR(36)              NOT NULL PRIMARY KEY,
    call_id       VARCHAR(64)              NOT NULL,
    delivered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
