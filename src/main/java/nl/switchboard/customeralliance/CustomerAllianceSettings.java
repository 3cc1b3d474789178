package nl.switchboard.customeralliance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Customer Alliance push API (seed 004, STACK.md): {@code POST {baseUrl}/api/{accessKey}/{reviewSubject}}.
 *
 * @param reviewSubject the Hotel-ID
 * @param accessKey     the Access-Key: part of the URL, so the URL is never logged
 * @param chunkSize     guests per request
 * @param maxAttempts   attempts of a guest before it is dead-lettered with Customer Alliance's errors
 *                      (as broker.xml's max-delivery-attempts of guests.checkedout)
 */
@ConfigurationProperties("switchboard.customeralliance")
public record CustomerAllianceSettings(boolean enabled, String baseUrl, String reviewSubject, String accessKey,
                                       int chunkSize, Duration timeout, int maxAttempts) {

    @Override
    public String toString() {
        return "CustomerAllianceSettings[enabled=" + enabled + ", baseUrl=" + baseUrl + ", reviewSubject=" + reviewSubject
                + ", accessKey=****, chunkSize=" + chunkSize + "]";
    }
}
