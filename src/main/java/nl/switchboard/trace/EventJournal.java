package nl.switchboard.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.utils.CompositeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.deadletter.DeadLetters;
import nl.switchboard.ops.EventIdInLogs;

/**
 * bus.event_journal: every canonical event once, by CloudEvent id, with the queue that carried it. A
 * journal queue is drained in batches, each one JMS transaction and one database transaction: a busy
 * bus pays two commits per batch rather than per event (bench/p3: consumed one at a time, the journal
 * of the Portier's outcomes cost two thirds of the CPU of the bookings themselves). A redelivered or
 * re-published event keeps its first row. What no retry mends (a message that is no canonical event,
 * an event the table refuses) goes at once to the address's dead-letter queue with the reason; a batch
 * that cannot be written otherwise (the database away) is rolled back for the broker to redeliver, and
 * dead-lettered by the broker if it keeps failing.
 */
@Component
public class EventJournal {

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    private static final String INSERT = """
            INSERT INTO bus.event_journal (event_id, type, source, subject, event_time, queue, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING""";
    /**
     * How long a drain waits for its first event. A new consumer has nothing delivered yet, and
     * receiveNoWait may answer before the broker has delivered what is queued.
     */
    private static final long FIRST_WAIT_MILLIS = 100;

    private final ConnectionFactory connectionFactory;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper mapper;
    private final int batchSize;

    public EventJournal(ConnectionFactory connectionFactory, JdbcTemplate jdbc, TransactionTemplate transaction,
                        ObjectMapper canonicalObjectMapper, @Value("${switchboard.journal.batch-size}") int batchSize) {
        this.connectionFactory = connectionFactory;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.mapper = canonicalObjectMapper;
        this.batchSize = batchSize;
    }

    /**
     * Records what waits on a journal queue, batch after batch until one comes back short; answers how
     * many messages were taken.
     *
     * @param queue       the journal queue, fully qualified (address::queue)
     * @param deadLetters the dead-letter queue of the queue's address
     */
    public int drain(String queue, String deadLetters) throws JMSException {
        int taken = 0;
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                 MessageProducer dead = session.createProducer(session.createQueue(deadLetters))) {
                int batch;
                do {
                    batch = recordBatch(session, consumer, dead, queue);
                    taken += batch;
                } while (batch == batchSize);
            }
        }
        return taken;
    }

    private int recordBatch(Session session, MessageConsumer consumer, MessageProducer dead, String queue) throws JMSException {
        List<Entry> entries = new ArrayList<>();
        int taken = 0;
        Message message = consumer.receive(FIRST_WAIT_MILLIS);
        while (message != null) {
            taken++;
            CanonicalEvent event = event(message);
            if (event == null) {
                deadLetter(session, dead, message, queue, "No canonical event (CloudEvents JSON in a text message)");
            } else {
                entries.add(new Entry(message, new Object[] {event.id(), event.type(), event.source(), event.subject(),
                        event.time(), CompositeAddress.extractQueueName(queue)}));
            }
            message = taken < batchSize ? consumer.receiveNoWait() : null;
        }
        if (taken == 0) {
            return 0;
        }
        try {
            try {
                write(entries);
            } catch (DataIntegrityViolationException e) {
                writeOneByOne(session, dead, entries, queue);
            }
        } catch (RuntimeException | JMSException e) {
            session.rollback();
            throw e;
        }
        session.commit();
        return taken;
    }

    private void write(List<Entry> entries) {
        transaction.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, entries.stream().map(Entry::row).toList()));
    }

    /**
     * An event the table refuses (a type longer than the column, say) would fail its batch at every
     * redelivery and take the others to the dead-letter queue with it; alone, it goes there by itself.
     */
    private void writeOneByOne(Session session, MessageProducer dead, List<Entry> entries, String queue) throws JMSException {
        for (Entry entry : entries) {
            try {
                write(List.of(entry));
            } catch (DataIntegrityViolationException e) {
                deadLetter(session, dead, entry.message(), queue, "bus.event_journal refuses it: "
                        + e.getMostSpecificCause().getMessage());
            }
        }
    }

    /** The canonical event a message carries, or null when it carries none. */
    private CanonicalEvent event(Message message) throws JMSException {
        if (!(message instanceof TextMessage text) || text.getText() == null) {
            return null;
        }
        try {
            return mapper.readValue(text.getText(), CanonicalEvent.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * A copy with the message's body and properties, marked as the broker marks its own dead letters, so
     * that an operator's replay sends it back here. Text and bytes are the bodies producers send.
     */
    @SuppressWarnings("unchecked") // JMS predates generics: the names are strings
    private void deadLetter(Session session, MessageProducer dead, Message message, String queue, String reason)
            throws JMSException {
        Message copy;
        if (message instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else if (message instanceof BytesMessage bytes) {
            BytesMessage body = session.createBytesMessage();
            body.writeBytes(bytes.getBody(byte[].class));
            copy = body;
        } else {
            copy = session.createMessage();
        }
        for (String name : Collections.list((Enumeration<String>) message.getPropertyNames())) {
            if (!name.startsWith("JMSX") && !name.startsWith("_AMQ")) {
                copy.setObjectProperty(name, message.getObjectProperty(name));
            }
        }
        DeadLetters.markDeadLettered(copy, queue, reason);
        dead.send(copy);
        LOG.warn("Event {} on {} moved to its dead-letter queue: {}", message.getStringProperty(EventIdInLogs.HEADER),
                queue, reason);
    }

    private record Entry(Message message, Object[] row) {
    }
}
