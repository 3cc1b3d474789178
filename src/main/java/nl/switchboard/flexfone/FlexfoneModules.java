package nl.switchboard.flexfone;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The Integrationsmodul modules, configured in mappings/flexfone-modules.yaml. */
@ConfigurationProperties("switchboard.flexfone")
public record FlexfoneModules(Map<String, Module> modules, Duration moduleBudget) {

    public FlexfoneModules {
        modules = modules == null ? Map.of() : Map.copyOf(modules);
        moduleBudget = moduleBudget == null ? Duration.ofMillis(1500) : moduleBudget;
    }

    /**
     * @param route       the lookup route (direct:)
     * @param fallback    the answer without a lookup result
     * @param budget      how long the PBX may wait
     * @param secretInput the caller types a secret (a PIN): it is checked, never recorded or published
     */
    public record Module(String route, String fallback, Duration budget, boolean secretInput, Map<String, String> settings) {
    }
}
