package nl.switchboard.broker;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.core.config.MetricsConfiguration;
import org.apache.activemq.artemis.core.server.metrics.ActiveMQMetricsPlugin;

/**
 * Artemis's own meters of the embedded broker, in the bus's registry: every queue's messages waiting,
 * delivering, added and acknowledged, each address's size, and the broker's connections and disk use,
 * on /actuator/prometheus beside the routes' (artemis_message_count{queue="DLQ.calls"} is what an alert
 * on dead letters watches). An external broker reports its own, through Artemis's metrics plugin there.
 */
final class BrokerMetrics implements ActiveMQMetricsPlugin {

    private final transient MeterRegistry registry;

    private BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The broker's own meters only. Artemis's others (JVM, process, executors, caches) take names the
     * bus's registry already has, with a broker tag its own lack, which a Prometheus registry refuses.
     */
    static MetricsConfiguration into(MeterRegistry registry) {
        return new MetricsConfiguration().setPlugin(new BrokerMetrics(registry))
                .setJvmMemory(false).setJvmGc(false).setJvmThread(false).setNettyPool(false)
                .setFileDescriptors(false).setProcessor(false).setUptime(false).setLogging(false)
                .setSecurityCaches(false).setExecutorServices(false);
    }

    @Override
    public ActiveMQMetricsPlugin init(Map<String, String> options) {
        return this;
    }

    @Override
    public MeterRegistry getRegistry() {
        return registry;
    }
}
