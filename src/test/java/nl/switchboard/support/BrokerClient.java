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

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A plain JMS client on its own TCP connection to the broker, as an outside system would use it,
 * logged in as the demo operator of broker/artemis-users.properties.
 */
public final class BrokerClient implements AutoCloseable {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "demo-operator";

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

    public void publishToTopic(String address, String body) throws JMSException {
        publishToTopic(address, body, null);
    }

    /** As the bus's own publishers do: the CloudEvent id also as the message property ce_id. */
    public void publishToTopic(String address, String body, String eventId) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createTopic(address))) {
            TextMessage message = session.createTextMessage(body);
            if (eventId != null) {
                message.setStringProperty("ce_id", eventId);
            }
            producer.send(message);
        }
    }

    public void sendToQueue(String queue, String body) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(session.createTextMessage(body));
        }
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

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
