package nl.switchboard.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.utils.CompositeAddress;
import org.springframework.stereotype.Service;

import nl.switchboard.broker.BrokerManagement;
import nl.switchboard.ops.EventIdInLogs;
import nl.switchboard.trace.EventTrace;

/**
 * The dead-letter queues of the broker (every queue named DLQ.*), read and replayed through the
 * broker's management address, so an operator needs no console. A replay moves a message back to
 * the queue it was dead-lettered from (Artemis keeps it in _AMQ_ORIG_QUEUE), where its consumer gets
 * it as a new delivery.
 */
@Service
public class DeadLetters {

    static final String PREFIX = "DLQ.";
    /** Set by Artemis on its dead letters, and by the bus where a route dead-letters a message itself. */
    public static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    public static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    /** Why a route dead-lettered a message itself, without further attempts. */
    public static final String FAILURE = "SwitchboardFailure";
    /** A CloudEvent id as the bus makes them, and nothing that could change a selector. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** A dead-letter queue and how many messages wait in it. */
    public record Queue(String name, long count) {
    }

    /** One dead-lettered message: which event, where it came from, when it was first sent, why it failed. */
    public record Message(long messageId, String eventId, String originalAddress, String originalQueue,
                          Instant sentAt, String reason) {
    }

    /**
     * Marks a message the bus dead-letters itself as Artemis marks its own dead letters, with the reason,
     * so that it is listed and an operator's replay sends it back to the queue it came from.
     *
     * @param queue the queue it came from, fully qualified (address::queue) or an anycast queue's name
     */
    public static void markDeadLettered(jakarta.jms.Message copy, String queue, String reason) throws JMSException {
        copy.setStringProperty(FAILURE, reason);
        copy.setStringProperty(ORIGINAL_ADDRESS, CompositeAddress.extractAddressName(queue));
        copy.setStringProperty(ORIGINAL_QUEUE, CompositeAddress.extractQueueName(queue));
    }

    private final BrokerManagement broker;
    private final EventTrace trace;
    private final ObjectMapper mapper;

    public DeadLetters(BrokerManagement broker, EventTrace trace, ObjectMapper canonicalObjectMapper) {
        this.broker = broker;
        this.trace = trace;
        this.mapper = canonicalObjectMapper;
    }

    public List<Queue> queues() throws JMSException {
        List<Queue> queues = new ArrayList<>();
        for (String name : queueNames()) {
            queues.add(new Queue(name, ((Number) broker.onQueue(name, "countMessages")).longValue()));
        }
        return queues;
    }

    /** @throws UnknownDeadLetterQueue when the broker has no dead-letter queue of that name */
    public List<Message> messages(String queue) throws JMSException {
        return list(known(queue), "");
    }

    /** The dead letters of one event, in every dead-letter queue. */
    public List<Message> ofEvent(String eventId) throws JMSException {
        if (!EVENT_ID.matcher(eventId).matches()) {
            return List.of();
        }
        List<Message> found = new ArrayList<>();
        for (String queue : queueNames()) {
            found.addAll(list(queue, EventIdInLogs.HEADER + " = '" + eventId + "'"));
        }
        return found;
    }

    /** @return whether the message was there and went back to its original queue */
    public boolean replay(String queue, long messageId) throws JMSException {
        return (Boolean) broker.onQueue(known(queue), "retryMessage", messageId);
    }

    /** @return how many messages went back to their original queues */
    public int replayAll(String queue) throws JMSException {
        return ((Number) broker.onQueue(known(queue), "retryMessages")).intValue();
    }

    private List<String> queueNames() throws JMSException {
        Object[] names = (Object[]) broker.onBroker("getQueueNames");
        return Arrays.stream(names).map(String::valueOf).filter(n -> n.startsWith(PREFIX)).sorted().toList();
    }

    private String known(String queue) throws JMSException {
        if (!queue.startsWith(PREFIX) || !queueNames().contains(queue)) {
            throw new UnknownDeadLetterQueue(queue);
        }
        return queue;
    }

    private List<Message> list(String queue, String selector) throws JMSException {
        String json = (String) broker.onQueue(queue, "listMessagesAsJSON", selector);
        List<Map<String, Object>> rows;
        try {
            rows = mapper.readValue(json, new TypeReference<>() { });
        } catch (Exception e) {
            throw new JMSException("Unreadable message list of " + queue + ": " + e.getMessage());
        }
        return rows.stream().map(row -> message(queue, row)).toList();
    }

    private Message message(String queue, Map<String, Object> row) {
        String eventId = text(row.get(EventIdInLogs.HEADER));
        String originalQueue = text(row.get(ORIGINAL_QUEUE));
        // the trace knows the latest failure; a replayed message still carries its first FAILURE
        String reason = eventId == null || originalQueue == null ? null
                : trace.lastFailure(eventId, originalQueue).orElse(null);
        if (reason == null) {
            reason = text(row.get(FAILURE));
        }
        Object timestamp = row.get("timestamp");
        return new Message(((Number) row.get("messageID")).longValue(), eventId, text(row.get(ORIGINAL_ADDRESS)),
                originalQueue, timestamp instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null, reason);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
