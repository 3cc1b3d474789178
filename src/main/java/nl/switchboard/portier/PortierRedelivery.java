package nl.switchboard.portier;

import java.time.Duration;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.switchboard.allegro.AllegroParameters;
import nl.switchboard.broker.BrokerManagement;

/**
 * Applies Allegro parameters 353 (attempts) and 354 (minutes between attempts) to the broker's
 * address settings of portier.mutations at every start, through the broker's management address, so
 * it works the same for the embedded and an external broker. The broker replaces the whole entry
 * and keeps it in its journal, where it outranks broker.xml: hence the current settings are read,
 * changed and written back, every time.
 */
@Component
public class PortierRedelivery implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(PortierRedelivery.class);
    static final int POGINGEN = 353;
    static final int MINUTEN = 354;

    private final BrokerManagement management;
    private final AllegroParameters parameters;
    private final ObjectMapper mapper;
    private final String address;
    private final Duration retryUnit;

    public PortierRedelivery(BrokerManagement management, AllegroParameters parameters,
                             ObjectMapper canonicalObjectMapper,
                             @Value("${switchboard.queues.portier-mutations}") String address,
                             @Value("${switchboard.portier.lock-retry-unit}") Duration retryUnit) {
        this.management = management;
        this.parameters = parameters;
        this.mapper = canonicalObjectMapper;
        this.address = address;
        this.retryUnit = retryUnit;
    }

    @Override
    public void afterSingletonsInstantiated() {
        apply();
    }

    public void apply() {
        int attempts = positive(POGINGEN, 3);
        long delay = retryUnit.multipliedBy(positive(MINUTEN, 1)).toMillis();
        try {
            ObjectNode settings = (ObjectNode) mapper.readTree((String) management.onBroker("getAddressSettingsAsJSON", address));
            settings.put("maxDeliveryAttempts", attempts);
            settings.put("redeliveryDelay", delay);
            management.onBroker("addAddressSettings", address, mapper.writeValueAsString(settings));
            LOG.info("Redelivery of {} set from Allegro parameters 353/354: {} attempts, {} ms apart", address, attempts, delay);
        } catch (Exception e) {
            throw new IllegalStateException("Could not apply Allegro parameters 353/354 to the broker's settings of "
                    + address + ": " + e.getMessage(), e);
        }
    }

    private int positive(int parameter, int fallback) {
        return parameters.value(parameter).filter(v -> v.matches("\\d{1,6}")).map(Integer::valueOf)
                .filter(v -> v > 0).orElseGet(() -> {
                    LOG.warn("Allegro parameter {} is not a positive number; using {}", parameter, fallback);
                    return fallback;
                });
    }
}
