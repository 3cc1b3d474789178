package nl.switchboard.trace;

import org.apache.activemq.artemis.utils.CompositeAddress;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.switchboard.ops.EventIdInLogs;

/**
 * Records in {@link EventTrace} what became of every delivery to a route that consumes from the
 * broker: processed, failed with the reason the broker will redeliver or dead-letter it for, or
 * dead-lettered by the route itself (a failure no retry mends). Every
 * such route gets this policy; no route has to remember it.
 */
@Component
public class EventTracePolicy implements RoutePolicyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(EventTracePolicy.class);
    /** Exchange property a route sets when it dead-letters the delivery itself, with the reason. */
    public static final String DEAD_LETTER_REASON = "deadLetterReason";

    private final EventTrace trace;

    public EventTracePolicy(EventTrace trace) {
        this.trace = trace;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new RoutePolicySupport() {

            private String queue;

            @Override
            public void onInit(Route route) {
                // as Artemis names the queue on a dead letter: without its address
                queue = route.getEndpoint() instanceof JmsEndpoint jms
                        ? CompositeAddress.extractQueueName(jms.getDestinationName()) : null;
            }

            @Override
            public void onExchangeDone(Route route, Exchange exchange) {
                String eventId = exchange.getMessage().getHeader(EventIdInLogs.HEADER, String.class);
                if (queue != null && eventId != null) {
                    record(eventId, queue, route.getRouteId(), exchange);
                }
            }
        };
    }

    private void record(String eventId, String queue, String routeId, Exchange exchange) {
        Integer attempt = exchange.getMessage().getHeader("JMSXDeliveryCount", Integer.class);
        Exception failure = exchange.getException();
        try {
            String deadLettered = exchange.getProperty(DEAD_LETTER_REASON, String.class);
            if (failure != null) {
                trace.record(eventId, queue, routeId, attempt, EventTrace.FAILED,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage());
            } else if (deadLettered != null) {
                trace.record(eventId, queue, routeId, attempt, EventTrace.DEAD_LETTERED, deadLettered);
            } else if (exchange.isRollbackOnly()) {
                trace.record(eventId, queue, routeId, attempt, EventTrace.FAILED, "rolled back");
            } else {
                trace.record(eventId, queue, routeId, attempt, EventTrace.PROCESSED, null);
            }
        } catch (RuntimeException e) {
            // the trace is for operators; the delivery's outcome stands without it
            LOG.warn("Trace of event {} at {} not recorded: {}", eventId, routeId, e.getMessage());
        }
    }
}
