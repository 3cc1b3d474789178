package nl.switchboard.logocrm;

import java.util.Arrays;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.utils.CompositeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.switchboard.broker.BrokerManagement;

/**
 * The queue calls.logocrm exists on the broker only while the push to Logo CRM is enabled. A push makes
 * the CRM open the card of a caller on the line; kept while nobody consumes it, every answered call
 * would wait there to open stale cards on the day the push is enabled, and the queue would grow until
 * the whole address calls pages to disk. Applied at every start, through the broker's management
 * address, as broker.xml declares the queue again whenever the embedded broker starts.
 */
@Component
public class LogoCrmQueue implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(LogoCrmQueue.class);
    /** As broker.xml declares it: the push reads only answered calls. */
    private static final String FILTER = "ce_type = 'call.answered'";

    private final BrokerManagement management;
    private final ObjectMapper mapper;
    private final boolean enabled;
    private final String address;
    private final String queue;

    public LogoCrmQueue(BrokerManagement management, ObjectMapper canonicalObjectMapper,
                        @Value("${switchboard.logocrm.enabled}") boolean enabled,
                        @Value("${switchboard.queues.calls-logocrm}") String fullyQualified) {
        this.management = management;
        this.mapper = canonicalObjectMapper;
        this.enabled = enabled;
        this.address = CompositeAddress.extractAddressName(fullyQualified);
        this.queue = CompositeAddress.extractQueueName(fullyQualified);
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            align(enabled);
        } catch (JMSException e) {
            throw new IllegalStateException("Could not " + (enabled ? "create" : "remove") + " the broker's queue " + queue
                    + " for the Logo CRM push: " + e.getMessage(), e);
        }
    }

    /** Creates the queue when the push is enabled and it is missing; removes it, and what waits in it, when not. */
    public void align(boolean pushEnabled) throws JMSException {
        boolean exists = Arrays.asList((Object[]) management.onBroker("getQueueNames")).contains(queue);
        if (pushEnabled && !exists) {
            management.onBroker("createQueue", mapper.createObjectNode().put("name", queue).put("address", address)
                    .put("routing-type", "MULTICAST").put("durable", true).put("filter-string", FILTER).toString());
            LOG.info("Queue {} created for the Logo CRM push", queue);
        } else if (!pushEnabled && exists) {
            Object waiting = management.onQueue(queue, "getMessageCount");
            management.onBroker("destroyQueue", queue, true);
            LOG.info("Logo CRM push disabled: queue {} removed with the {} answered call(s) it held", queue, waiting);
        }
    }
}
