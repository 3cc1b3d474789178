package nl.switchboard.broker;

import java.util.Optional;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the broker takes messages. Above max-disk-usage (broker.xml) Artemis blocks every producer
 * until space is freed, and a send waits without end: a PBX callback or an IVR caller would hang, and
 * with them the HTTP threads. So the request paths refuse at once instead ({@link #requireRoom()}, in
 * their protocol's terms), and the health is DOWN. The embedded broker's disk monitor is read directly;
 * an external broker's disk use is asked for periodically ({@link ExternalBrokerDisk}).
 */
@Component
public class BrokerDiskSpace implements HealthIndicator {

    private final Optional<EmbeddedBroker> embedded;
    private final Optional<ExternalBrokerDisk> external;

    public BrokerDiskSpace(Optional<EmbeddedBroker> embedded, Optional<ExternalBrokerDisk> external) {
        this.embedded = embedded;
        this.external = external;
    }

    public boolean full() {
        return embedded.map(broker -> broker.server().getPagingManager().isDiskFull())
                .or(() -> external.map(ExternalBrokerDisk::full))
                .orElse(false);
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
