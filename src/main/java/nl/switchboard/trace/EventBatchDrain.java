package nl.switchboard.trace;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

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
import com.zaxxer.hikari.HikariDataSource;
import org.apache.activemq.artemis.utils.CompositeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.deadletter.DeadLetters;
import nl.switchboard.ops.EventIdInLogs;

/**
 * Takes the canonical events waiting on a queue into the database in batches, each one JMS transaction
 * and one database transaction, in the order of the queue: a busy bus pays two commits per batch rather
 * than per event. Consumed one at a time, a consumer on a busy bus falls behind (bench/p3: the journal of
 * the Portier's outcomes cost two thirds of the CPU of the bookings; bench/p2: the agent-status queue
 * grew by 1,400 events a second while callbacks came in). What no retry mends (a message that is no
 * canonical event, an event the table refuses) goes at once to the address's dead-letter queue with the
 * reason; while the database does not answer nothing is taken; a batch that cannot be written otherwise
 * is rolled back for the broker to redeliver, and dead-lettered by the broker if it keeps failing. A
 * drain named after a route records each delivery's outcome in the {@link EventTrace}, as the broker's
 * consumer routes do.
 */
@Component
public class EventBatchDrain {

    private static final Logger LOG = LoggerFactory.getLogger(EventBatchDrain.class);
    /**
     * How long a drain waits for its first event. A new consumer has nothing delivered yet, and
     * receiveNoWait may answer before the broker has delivered what is queued.
     */
    private static final long FIRST_WAIT_MILLIS = 100;
    private static final int DATABASE_ANSWER_SECONDS = 5;

    private final ConnectionFactory connectionFactory;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final EventTrace trace;
    private final ObjectMapper mapper;
    private final int batchSize;

    public EventBatchDrain(ConnectionFactory connectionFactory, DataSource dataSource, TransactionTemplate transaction,
                           EventTrace trace, ObjectMapper canonicalObjectMapper,
                           @Value("${switchboard.drain.batch-size}") int batchSize) {
        this.connectionFactory = connectionFactory;
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.trace = trace;
        this.mapper = canonicalObjectMapper;
        this.batchSize = batchSize;
    }

    /**
     * Hands what waits on a queue to {@code writer}, batch after batch until one comes back short;
     * answers how many messages were taken.
     *
     * @param queue       the queue, fully qualified (address::queue)
     * @param deadLetters the dead-letter queue of the queue's address
     * @param table       what the writer writes to, for the reason of a dead letter it refuses
     * @param routeId     the route the trace names for each delivery; null for none (the journal, itself a record)
     * @param writer      writes a batch's events in the order given, in the batch's database transaction
     */
    public int drain(String queue, String deadLetters, String table, String routeId,
                     Consumer<List<CanonicalEvent>> writer) throws JMSException {
        requireDatabase();
        int taken = 0;
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                 MessageProducer dead = session.createProducer(session.createQueue(deadLetters))) {
                Batches batches = new Batches(session, consumer, dead, queue, table, routeId, writer);
                int batch;
                do {
                    batch = batches.next();
                    taken += batch;
                } while (batch == batchSize);
            }
        }
        return taken;
    }

    /**
     * A batch taken while the database is away is rolled back, and the broker counts every rollback
     * toward dead-lettering: an outage of some seconds moved each waiting event to the dead-letter queue.
     * So nothing is taken until the database answers, and the events wait on their queue. The connection
     * is asked, not just borrowed, since the pool hands out one used within the last half second without
     * checking it; one that does not answer is taken out of the pool, or a drain every 50 ms would be
     * handed it again and again, never checked, after the database is back.
     */
    private void requireDatabase() {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(DATABASE_ANSWER_SECONDS)) {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
                }
                throw new DataAccessResourceFailureException("The database does not answer; the events wait on their queue");
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("The database does not answer (" + e.getMessage()
                    + "); the events wait on their queue", e);
        }
    }

    /** The batches of one drain: its session, the queue and the writer. */
    private final class Batches {

        private final Session session;
        private final MessageConsumer consumer;
        private final MessageProducer dead;
        private final String queue;
        /** As Artemis names the queue on a dead letter, and the trace too: without its address. */
        private final String queueName;
        private final String table;
        private final String routeId;
        private final Consumer<List<CanonicalEvent>> writer;

        Batches(Session session, MessageConsumer consumer, MessageProducer dead, String queue, String table,
                String routeId, Consumer<List<CanonicalEvent>> writer) {
            this.session = session;
            this.consumer = consumer;
            this.dead = dead;
            this.queue = queue;
            this.queueName = CompositeAddress.extractQueueName(queue);
            this.table = table;
            this.routeId = routeId;
            this.writer = writer;
        }

        int next() throws JMSException {
            List<Entry> entries = new ArrayList<>();
            int taken = 0;
            Message message = consumer.receive(FIRST_WAIT_MILLIS);
            while (message != null) {
                taken++;
                CanonicalEvent event = event(message);
                if (event == null) {
                    deadLetter(message, "No canonical event (CloudEvents JSON in a text message)");
                } else {
                    entries.add(new Entry(message, event));
                }
                message = taken < batchSize ? consumer.receiveNoWait() : null;
            }
            if (taken == 0) {
                return 0;
            }
            List<Entry> written;
            try {
                try {
                    write(entries);
                    written = entries;
                } catch (DataIntegrityViolationException e) {
                    written = writeOneByOne(entries);
                }
            } catch (RuntimeException | JMSException e) {
                session.rollback();
                for (Entry entry : entries) {
                    trace(entry.message(), EventTrace.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                throw e;
            }
            session.commit();
            for (Entry entry : written) {
                trace(entry.message(), EventTrace.PROCESSED, null);
            }
            return taken;
        }

        private void write(List<Entry> entries) {
            List<CanonicalEvent> events = entries.stream().map(Entry::event).toList();
            transaction.executeWithoutResult(status -> writer.accept(events));
        }

        /**
         * An event the table refuses (a type longer than the column, say) would fail its batch at every
         * redelivery and take the others to the dead-letter queue with it; alone, it goes there by itself.
         */
        private List<Entry> writeOneByOne(List<Entry> entries) throws JMSException {
            List<Entry> written = new ArrayList<>();
            for (Entry entry : entries) {
                try {
                    write(List.of(entry));
                    written.add(entry);
                } catch (DataIntegrityViolationException e) {
                    deadLetter(entry.message(), table + " refuses it: " + e.getMostSpecificCause().getMessage());
                }
            }
            return written;
        }

        /**
         * A copy with the message's body and properties, marked as the broker marks its own dead letters,
         * so that an operator's replay sends it back here. Text and bytes are the bodies producers send.
         */
        @SuppressWarnings("unchecked") // JMS predates generics: the names are strings
        private void deadLetter(Message message, String reason) throws JMSException {
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
            trace(message, EventTrace.DEAD_LETTERED, reason);
        }

        private void trace(Message message, String outcome, String reason) throws JMSException {
            String eventId = message.getStringProperty(EventIdInLogs.HEADER);
            if (routeId != null && eventId != null) {
                trace.record(eventId, queueName, routeId, message.getIntProperty("JMSXDeliveryCount"), outcome, reason);
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

    private record Entry(Message message, CanonicalEvent event) {
    }
}
