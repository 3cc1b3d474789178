-- The agent-status projection: per extension (employee local number) what the call events say.
-- presence is set by people (available, paused, logged-out); status follows the calls (calling,
-- called, wrapup, idle), and a wrapup turns idle by itself once wrapup_until has passed.
CREATE TABLE agent_status (
    extension      VARCHAR(20)              NOT NULL PRIMARY KEY,
    presence       VARCHAR(12)              NOT NULL DEFAULT 'available'
        CHECK (presence IN ('available', 'paused', 'logged-out')),
    status         VARCHAR(10)              NOT NULL DEFAULT 'idle'
        CHECK (status IN ('calling', 'called', 'wrapup', 'idle')),
    call_id        VARCHAR(64),
    wrapup_until   TIMESTAMP WITH TIME ZONE,
    event_time     TIMESTAMP WITH TIME ZONE,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX agent_status_call ON agent_status (call_id);
