package nl.switchboard.flexfone;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many recorded Integrationsmodul requests wait in the outbox for {@link CallInputRelay}, as the
 * gauge {@code switchboard.call.input.unpublished}: it grows while the broker is away or the relay
 * cannot keep up, and an operator can alert on it. Read at each scrape, by the index the relay uses.
 */
@Component
public class CallInputBacklog {

    public CallInputBacklog(JdbcTemplate jdbc, MeterRegistry meters) {
        Gauge.builder("switchboard.call.input.unpublished", () -> jdbc.queryForObject(
                        "SELECT count(*) FROM bus.flexfone_call_input WHERE published_at IS NULL", Long.class))
                .description("Integrationsmodul requests recorded but not yet published as call.input")
                .register(meters);
    }
}
