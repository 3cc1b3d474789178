package nl.switchboard.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.springframework.stereotype.Component;

/**
 * Operations on the broker through its management address, as request and reply over JMS: the same
 * for the embedded and an external broker, and subject to the broker's own security (role bus has
 * manage on activemq.management).
 */
@Component
public class BrokerManagement {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long ANSWER_TIMEOUT_MILLIS = 10_000;

    private final ConnectionFactory connectionFactory;

    public BrokerManagement(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** An operation of ActiveMQServerControl. */
    public Object onBroker(String operation, Object... arguments) throws JMSException {
        return invoke(ResourceNames.BROKER, operation, arguments);
    }

    /** An operation of the QueueControl of one queue. */
    public Object onQueue(String queue, String operation, Object... arguments) throws JMSException {
        return invoke(ResourceNames.QUEUE + queue, operation, arguments);
    }

    private Object invoke(String resource, String operation, Object... arguments) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // lives as long as the connection: closing it removes the queue
            TemporaryQueue replies = session.createTemporaryQueue();
            try (MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                 MessageConsumer consumer = session.createConsumer(replies)) {
                Message request = session.createMessage();
                try {
                    JMSManagementHelper.putOperationInvocation(request, resource, operation, arguments);
                } catch (Exception e) {
                    throw new IllegalArgumentException("Arguments of " + operation + " not encodable: " + e.getMessage(), e);
                }
                request.setJMSReplyTo(replies);
                producer.send(request);
                Message reply = consumer.receive(ANSWER_TIMEOUT_MILLIS);
                if (reply == null) {
                    throw new JMSException("No answer from the broker's management address to " + resource + " " + operation);
                }
                Object result = result(reply);
                if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                    throw new JMSException(resource + " " + operation + " failed: " + result);
                }
                return result;
            }
        }
    }

    private static Object result(Message reply) throws JMSException {
        try {
            return JMSManagementHelper.getResult(reply);
        } catch (JMSException e) {
            throw e;
        } catch (Exception e) {
            throw new JMSException("Unreadable answer of the broker's management address: " + e.getMessage());
        }
    }
}
