package nl.switchboard.broker;

import java.util.Optional;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the embedded broker takes messages. Above max-disk-usage (broker.xml) Artemis blocks every
 * producer until space is freed, and a send waits without end: a PBX callback or an IVR caller would
 * hang, and with them the HTTP threads. So the request paths refuse at once instead ({@link
 * #requireRoom()}, in their protocol's terms), and the health is DOWN. An external broker is watched by
 * its own monitoring; nothing is checked here.
 */
@Component
public class BrokerDiskSpace implements HealthIndicator {

    private final Optional<EmbeddedBroker> embedded;

    public BrokerDiskSpace(Optional<EmbeddedBroker> embedded) {
        this.embedded = embedded;
    }

    public boolean full() {
        return embedded.map(broker -> broker.server().getPagingManager().isDiskFull()).orElse(false);
    }

    /** Refuses a send the broker would hold until space is freed. */
    public void requireRoom() {
        if (full()) {
            throw new BrokerDiskFull();
        }
    }

    @Override
    public Health health() {
        return full() ? Health.down().withDetail("reason", BrokerDiskFull.REASON).build() : Health.up().build();
    }
}
