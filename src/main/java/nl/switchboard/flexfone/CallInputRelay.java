package nl.switchboard.flexfone;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.support.JmsUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.ops.EventIdInLogs;

/**
 * Publishes recorded Integrationsmodul requests as {@code call.input}. The PBX has a caller on the line
 * and needs only the answer, so {@link IntegrationModules} records the request in the database and
 * answers; this puts the recorded rows on the broker afterwards. The row is the outbox: it is marked
 * published in the transaction that claimed it, so a failed send leaves it for the next run, and a send
 * repeated after a crash carries the same event id. The events go on {@code calls} as the route
 * publish-call-event puts them there (canonical JSON as text, {@code ce_id} and {@code ce_type}), but a
 * batch on one producer in one JMS transaction: through the route, each row cost an exchange, its
 * expressions and a producer lookup, as much CPU again as the send itself (bench/p1).
 */
@Component
public class CallInputRelay {

    private static final Logger LOG = LoggerFactory.getLogger(CallInputRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ConnectionFactory broker;
    private final String calls;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int batchSize;
    private volatile boolean waiting;

    public CallInputRelay(JdbcTemplate jdbc, TransactionTemplate transaction, ConnectionFactory broker,
                          @Value("${switchboard.queues.calls}") String calls, ObjectMapper canonicalObjectMapper,
                          Clock clock, @Value("${switchboard.flexfone.call-input.batch-size}") int batchSize) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.broker = broker;
        this.calls = calls;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /**
     * Publishes every recorded request not yet on the broker, a batch per transaction; returns how many.
     * While the broker or the database is away the rows wait; that is said once, not at every run.
     */
    public int publishRecorded() {
        int published = 0;
        try {
            int batch;
            do {
                batch = transaction.execute(status -> publishBatch());
                published += batch;
            } while (batch >= batchSize);
        } catch (RuntimeException e) {
            if (!waiting) {
                LOG.warn("call.input waits in bus.flexfone_call_input until it can be published: {}", e.getMessage());
                waiting = true;
            }
            return published;
        }
        if (waiting) {
            LOG.info("call.input published again");
            waiting = false;
        }
        return published;
    }

    /**
     * Claims the oldest unpublished rows and sends them. Two steps, because a locking read with ORDER BY
     * and LIMIT locks (H2: and sorts) every unpublished row before it limits: with a backlog of 200,000
     * rows a batch took a second, so the relay fell further behind the more there was to catch up. The
     * first read finds the batch by the index (ordered by both of its columns, or H2 sorts anyway); the
     * second locks only that range. Another instance's relay waits for those locks, then skips the rows
     * it finds published.
     */
    private int publishBatch() {
        List<Long> ids = jdbc.queryForList("""
                SELECT id FROM bus.flexfone_call_input WHERE published_at IS NULL
                 ORDER BY published_at, id LIMIT ?""", Long.class, batchSize);
        if (ids.isEmpty()) {
            return 0;
        }
        List<Recorded> rows = jdbc.query("""
                SELECT id, call_id, module, caller_id, caller_name, input, answer, fallback, received_at
                  FROM bus.flexfone_call_input WHERE id BETWEEN ? AND ? AND published_at IS NULL
                 ORDER BY id FOR UPDATE""",
                (rs, i) -> new Recorded(rs.getLong("id"), new CallInput(rs.getString("call_id"), rs.getString("module"),
                        rs.getString("caller_id"), rs.getString("caller_name"), rs.getString("input"), rs.getString("answer"),
                        rs.getBoolean("fallback"), rs.getObject("received_at", OffsetDateTime.class)).event(mapper)),
                ids.get(0), ids.get(ids.size() - 1));
        OffsetDateTime now = OffsetDateTime.now(clock);
        send(rows.stream().map(Recorded::event).toList());
        jdbc.batchUpdate("UPDATE bus.flexfone_call_input SET published_at = ? WHERE id = ?",
                rows.stream().map(row -> new Object[] {now, row.id()}).toList());
        return rows.size();
    }

    /**
     * Publishes a request whose row could not be written (the database away): without a row there is no
     * outbox to publish it later, so it goes to the broker now. Should the row have been written after
     * all, the relay publishes the same event again, and its consumers take an event id once.
     */
    public void publishUnrecorded(CallInput request) {
        send(List.of(request.event(mapper)));
    }

    /** One broker transaction for the batch: the broker syncs its journal once per batch, not per row. */
    private void send(List<CanonicalEvent> events) {
        try (Connection connection = broker.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createTopic(calls))) {
            for (CanonicalEvent event : events) {
                TextMessage message = session.createTextMessage(mapper.writeValueAsString(event));
                message.setStringProperty(EventIdInLogs.HEADER, event.id());
                message.setStringProperty("ce_type", event.type());
                producer.send(message);
            }
            session.commit();
        } catch (JMSException e) {
            throw JmsUtils.convertJmsAccessException(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("call.input not serializable", e);
        }
    }

    private record Recorded(long id, CanonicalEvent event) {
    }
}
