package nl.switchboard.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.mdc.MDCService;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * Puts the CloudEvent id of the message being routed into the logging MDC as {@code ce_id}, so every
 * log line about one business fact can be found by that id, across routes and threads. Routes set the
 * {@value #HEADER} header as soon as they know the id.
 */
@Component
public class EventIdInLogs implements CamelContextConfiguration {

    public static final String HEADER = "ce_id";

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        MDCService mdc = new MDCService();
        mdc.setCustomHeaders(HEADER);
        try {
            camelContext.addService(mdc);
        } catch (Exception e) {
            throw new IllegalStateException("Could not enable MDC logging of event ids", e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once started
    }
}
