package nl.switchboard.trace;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.switchboard.canonical.CanonicalEvent;

/**
 * bus.event_journal: every canonical event once, by CloudEvent id, with the queue that carried it. A
 * redelivered or re-published fact keeps its first row. Written here rather than by camel-sql in the
 * route: camel-sql tried the event as a map for each of its named parameters, a type-converter miss
 * that made up half of the journal consumer's CPU in bench/p3.
 */
@Component
public class EventJournal {

    private final JdbcTemplate jdbc;

    public EventJournal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(CanonicalEvent event, String queue) {
        jdbc.update("""
                INSERT INTO bus.event_journal (event_id, type, source, subject, event_time, queue, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING""",
                event.id(), event.type(), event.source(), event.subject(), event.time(), queue);
    }
}
