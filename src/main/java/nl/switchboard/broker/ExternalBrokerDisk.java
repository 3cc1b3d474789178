package nl.switchboard.broker;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.stereotype.Component;

/**
 * Whether an external broker holds sends because its disk is full (above max-disk-usage, or below
 * min-disk-free): every {@code switchboard.broker.disk-check-interval} a probe sends one message to a
 * temporary queue of its own, and a send the broker does not take within {@code …disk-check-timeout}
 * means it blocks producers. A send into that block waits without end, and the caller with it; knowing
 * it beforehand, the request paths refuse at once ({@link BrokerDiskSpace}). No management attribute
 * says whether the disk is full, and comparing the disk's use with max-disk-usage would be wrong for a
 * broker limited by min-disk-free; the probe meets what the bus's sends would meet.
 */
@Component
@ConditionalOnExpression("!'${spring.artemis.broker-url:}'.isEmpty()")
public class ExternalBrokerDisk {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalBrokerDisk.class);

    /** A connection of the probe's own, not the pool's: closing it is what ends a send the broker holds. */
    private final ActiveMQConnectionFactory broker;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(daemon("external-broker-disk"));
    private final ExecutorService sends = Executors.newCachedThreadPool(daemon("external-broker-disk-probe"));
    private volatile boolean full;
    /** Said once until a check succeeds again: a broker away fails every check. */
    private boolean uncheckedSaid;

    public ExternalBrokerDisk(ArtemisProperties artemis,
                              @Value("${switchboard.broker.disk-check-interval}") Duration interval,
                              @Value("${switchboard.broker.disk-check-timeout}") Duration timeout) {
        this.broker = new ActiveMQConnectionFactory(artemis.getBrokerUrl(), artemis.getUser(), artemis.getPassword());
        this.interval = interval;
        this.timeout = timeout;
    }

    @PostConstruct
    void start() {
        checks.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
        sends.shutdownNow();
        broker.close();
    }

    public boolean full() {
        return full;
    }

    private void check() {
        boolean held;
        try (Connection connection = broker.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTemporaryQueue());
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            Future<?> probe = sends.submit(() -> {
                producer.send(session.createMessage());
                return null;
            });
            try {
                probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                held = false;
            } catch (TimeoutException e) {
                held = true;
            }
        } catch (InterruptedException e) {
            // the bus stops
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // the last answer stands: a broker away is refused by the sends themselves
            if (!uncheckedSaid) {
                LOG.warn("Cannot check whether the external broker takes messages ({}); a full disk would hold sends",
                        e.getMessage());
                uncheckedSaid = true;
            }
            return;
        }
        uncheckedSaid = false;
        if (held != full) {
            LOG.warn(held ? "The external broker holds sends (its disk is full): the bus refuses them until it takes them again"
                    : "The external broker takes sends again");
        }
        full = held;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
