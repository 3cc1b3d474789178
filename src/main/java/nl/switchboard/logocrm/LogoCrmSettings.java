package nl.switchboard.logocrm;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Logo CRM push: where it is, and the tables of mappings/logocrm.yaml.
 *
 * @param agents   per employee local number, the extension and agent id Logo CRM knows the user by
 *                 ("IP santral dahili" and "IP santral agent ID"); default both the local number
 * @param keypress what the caller typed in an Integrationsmodul → the CRM's keypress (1 caller card,
 *                 2 new offer, 3 new support record); default "1"
 */
@ConfigurationProperties("switchboard.logocrm")
public record LogoCrmSettings(boolean enabled, String baseUrl, Duration timeout, String countryCode, String nationalPrefix,
                              Map<String, Agent> agents, Map<String, String> keypress) {

    public LogoCrmSettings {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        countryCode = countryCode == null ? "" : countryCode;
        nationalPrefix = nationalPrefix == null ? "" : nationalPrefix;
        agents = agents == null ? Map.of() : Map.copyOf(agents);
        keypress = keypress == null ? Map.of() : Map.copyOf(keypress);
    }

    public record Agent(String extension, String agentId) {
    }
}
