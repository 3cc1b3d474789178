package nl.switchboard.flexfone;

import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes the sends of one call event take turns (route publish-call-event). Artemis's duplicate
 * detection looks the id up and records it in two steps, so a repeat sent at the same moment as the
 * first could pass both and be routed twice; in turn, the repeat reaches the broker once the first is
 * stored, and is dropped. A failed first send leaves the repeat to be sent as the event.
 */
@Component
public class CallEventSendLock {

    private static final String SEND = "direct:send-call-event";

    private final ReentrantLock[] stripes = new ReentrantLock[256];
    private final ProducerTemplate producer;

    public CallEventSendLock(ProducerTemplate producer) {
        this.producer = producer;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Sends the exchange on (its failure stays on it) while no other send of the same ce_id runs. */
    public void send(Exchange exchange) {
        String eventId = exchange.getMessage().getHeader("ce_id", String.class);
        ReentrantLock stripe = stripes[Math.floorMod(eventId.hashCode(), stripes.length)];
        stripe.lock();
        try {
            producer.send(SEND, exchange);
        } finally {
            stripe.unlock();
        }
    }
}
