package nl.switchboard.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A plain JMS client on its own TCP connection to the broker, as an outside system would use it,
 * logged in as the demo operator of broker/artemis-users.properties.
 */
public final class BrokerClient implements AutoCloseable {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "demo-operator";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final Session session;

    public BrokerClient(String brokerUrl) throws JMSException {
        this(brokerUrl, OPERATOR, OPERATOR_PASSWORD);
    }

    public BrokerClient(String brokerUrl, String user, String password) throws JMSException {
        connection = new ActiveMQConnectionFactory(brokerUrl).createConnection(user, password);
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** A body as it comes, with no message properties (an unreadable message, say). */
    public void publishToTopic(String address, String body) throws JMSException {
        publish(address, body, null, null);
    }

    /** A body as it comes, routed as an event of this type (an unreadable message that claims a type). */
    public void publishToTopic(String address, String body, String eventType) throws JMSException {
        publish(address, body, null, eventType);
    }

    /** As the bus's own publishers do: the CloudEvent's id and type also as message properties ce_id and ce_type. */
    public void publishEvent(String address, String canonicalJson) throws JMSException, JsonProcessingException {
        JsonNode event = JSON.readTree(canonicalJson);
        publish(address, canonicalJson, event.path("id").asText(), event.path("type").asText());
    }

    private void publish(String address, String body, String eventId, String eventType) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createTopic(address))) {
            TextMessage message = session.createTextMessage(body);
            if (eventId != null) {
                message.setStringProperty("ce_id", eventId);
            }
            if (eventType != null) {
                message.setStringProperty("ce_type", eventType);
            }
            producer.send(message);
        }
    }

    public void sendToQueue(String queue, String body) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(session.createTextMessage(body));
        }
    }

    /** A copy of everything published on a multicast address from now on, until this client closes. */
    public MessageConsumer subscribe(String address) throws JMSException {
        return session.createConsumer(session.createTopic(address));
    }

    /** Waits up to timeoutMillis for one message on the queue and consumes it. */
    public TextMessage receive(String queue, long timeoutMillis) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            return (TextMessage) consumer.receive(timeoutMillis);
        }
    }

    public List<Message> browse(String queue) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            return new ArrayList<>(Collections.list(browser.getEnumeration()).stream().map(Message.class::cast).toList());
        }
    }

    /** The canonical events on a queue whose subject is the given one (a call's), read without consuming them. */
    public List<Message> browseSubject(String queue, String subject) throws JMSException, JsonProcessingException {
        List<Message> messages = new ArrayList<>();
        for (Message message : browse(queue)) {
            if (subject.equals(JSON.readTree(((TextMessage) message).getText()).path("subject").asText())) {
                messages.add(message);
            }
        }
        return messages;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
