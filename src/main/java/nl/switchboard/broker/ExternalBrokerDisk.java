package nl.switchboard.broker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Whether an external broker's disk is above its max-disk-usage, asked through its management address
 * every {@code switchboard.broker.disk-check-interval}: its disk use against its limit, as the broker's
 * own disk monitor compares them (at the same period by default). A send to a broker that blocks for a
 * full disk waits without end, and the caller with it; knowing it beforehand, the request paths refuse
 * at once ({@link BrokerDiskSpace}). A broker limited by min-disk-free instead reports no usable limit
 * here, and nothing is refused.
 */
@Component
@ConditionalOnExpression("!'${spring.artemis.broker-url:}'.isEmpty()")
public class ExternalBrokerDisk {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalBrokerDisk.class);

    private final BrokerManagement management;
    private final Duration interval;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "external-broker-disk");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean full;
    /** Said once until a check succeeds again: a broker away fails every check. */
    private boolean unreadableSaid;

    public ExternalBrokerDisk(BrokerManagement management,
                              @Value("${switchboard.broker.disk-check-interval}") Duration interval) {
        this.management = management;
        this.interval = interval;
    }

    @PostConstruct
    void start() {
        checks.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }

    public boolean full() {
        return full;
    }

    private void check() {
        try {
            double usage = ((Number) management.onBroker("getDiskStoreUsage")).doubleValue();
            int maxPercent = ((Number) management.onBroker("getMaxDiskUsage")).intValue();
            boolean nowFull = maxPercent >= 0 && usage >= maxPercent / 100.0;
            if (nowFull != full) {
                LOG.warn(nowFull ? "The external broker's disk is {} % full, over its max-disk-usage of {} %: sends are refused"
                        : "The external broker's disk is {} % full, under its max-disk-usage of {} % again: sends are taken",
                        Math.round(usage * 100), maxPercent);
            }
            full = nowFull;
            unreadableSaid = false;
        } catch (Exception e) {
            // the last answer stands: a broker away is refused by the sends themselves
            if (!unreadableSaid) {
                LOG.warn("Cannot read the external broker's disk use ({}); a full disk would hold sends until it answers",
                        e.getMessage());
                unreadableSaid = true;
            }
        }
    }
}
