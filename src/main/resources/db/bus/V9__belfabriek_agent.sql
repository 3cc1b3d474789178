-- What the Belfabriek poller last saw per extension, so agent.status is published only on a change.
CREATE TABLE belfabriek_agent (
    extension     VARCHAR(40)              NOT NULL PRIMARY KEY,
    available     BOOLEAN                  NOT NULL,
    avail_reason  VARCHAR(60),
    status        VARCHAR(20),
    number        VARCHAR(40),
    seen_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
