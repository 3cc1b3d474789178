import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Baseline of bench/p2: plain durable JMS sends to the bus's broker, as many senders as the HTTP
 * benchmark has connections, each waiting for the broker's acknowledgement of every message.
 * Arguments: broker URL, user, password, senders, seconds. Prints "sends/s <rate>".
 */
public class DurableSends {

    private static final String QUEUE = "bench.durable";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int senders = Integer.parseInt(args[3]);
        long until = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        String body = "{\"specversion\":\"1.0\",\"id\":\"00000000-0000-0000-0000-000000000000\",\"source\":\"/bench\","
                + "\"type\":\"bench.send\",\"time\":\"2026-11-23T09:30:00+01:00\",\"subject\":\"bench\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"callId\":\"bench\",\"employee\":\"201\"}}";
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, args[1], args[2]);
        // the bus's broker creates nothing by itself: the benchmark's queue is made here, durable
        try (ClientSessionFactory core = factory.getServerLocator().createSessionFactory();
             ClientSession session = core.createSession(args[1], args[2], false, true, true, false, 1)) {
            if (!session.addressQuery(SimpleString.of(QUEUE)).isExists()) {
                session.createAddress(SimpleString.of(QUEUE), RoutingType.ANYCAST, false);
            }
            session.createQueue(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        AtomicLong sent = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders);
        for (int i = 0; i < senders; i++) {
            new Thread(() -> {
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    while (System.nanoTime() < until) {
                        producer.send(session.createTextMessage(body));
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        System.out.printf("sends/s %.0f%n", sent.get() / Double.parseDouble(args[4]));
        // Nobody wants what was sent. Left queued it would take the broker past its global size, where
        // every address pages, the bus's too, while the bus is measured next.
        try (ClientSessionFactory core = factory.getServerLocator().createSessionFactory();
             ClientSession session = core.createSession(args[1], args[2], false, true, true, false, 1)) {
            session.deleteQueue(SimpleString.of(QUEUE));
        }
    }
}
