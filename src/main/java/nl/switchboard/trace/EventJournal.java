package nl.switchboard.trace;

import java.util.List;

import jakarta.jms.JMSException;

import org.apache.activemq.artemis.utils.CompositeAddress;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.switchboard.canonical.CanonicalEvent;

/**
 * bus.event_journal: every canonical event once, by CloudEvent id, with the queue that carried it. Each
 * multicast address has a journal queue, drained in batches ({@link EventBatchDrain}). A redelivered or
 * re-published event keeps its first row.
 */
@Component
public class EventJournal {

    private static final String INSERT = """
            INSERT INTO bus.event_journal (event_id, type, source, subject, event_time, queue, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING""";

    private final EventBatchDrain batchDrain;
    private final JdbcTemplate jdbc;

    public EventJournal(EventBatchDrain batchDrain, JdbcTemplate jdbc) {
        this.batchDrain = batchDrain;
        this.jdbc = jdbc;
    }

    /**
     * Records what waits on a journal queue; answers how many messages were taken.
     *
     * @param queue       the journal queue, fully qualified (address::queue)
     * @param deadLetters the dead-letter queue of the queue's address
     */
    public int drain(String queue, String deadLetters) throws JMSException {
        String queueName = CompositeAddress.extractQueueName(queue);
        return batchDrain.drain(queue, deadLetters, "bus.event_journal", null, events -> record(events, queueName));
    }

    private void record(List<CanonicalEvent> events, String queueName) {
        jdbc.batchUpdate(INSERT, events.stream().map(event -> new Object[] {event.id(), event.type(), event.source(),
                event.subject(), event.time(), queueName}).toList());
    }
}
