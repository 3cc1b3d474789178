package nl.switchboard.canonical;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The canonical message of the bus: a CloudEvents 1.0 envelope in structured JSON mode. Every adapter
 * translates its protocol to and from this, and nothing else travels on the broker.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"specversion", "id", "source", "type", "time", "subject", "datacontenttype", "data"})
public record CanonicalEvent(
        String specversion,
        String id,
        String source,
        String type,
        OffsetDateTime time,
        String subject,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CanonicalEvent {
        Objects.requireNonNull(id, "CloudEvent id");
        Objects.requireNonNull(source, "CloudEvent source");
        Objects.requireNonNull(type, "CloudEvent type");
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("Unsupported CloudEvents specversion: " + specversion);
        }
    }

    /**
     * An event about one fact. The id is derived from source, type and the fact's own key, so the same
     * fact reported twice (a retried callback, a re-run job) carries the same id and every consumer
     * can be idempotent on it.
     */
    public static CanonicalEvent of(String source, String type, String factKey, String subject,
                                    OffsetDateTime time, JsonNode data) {
        return new CanonicalEvent(SPEC_VERSION, factId(source, type, factKey), source, type, time, subject, JSON, data);
    }

    /** A name-based UUID of the fact: the same inputs give the same id on every instance. */
    public static String factId(String source, String type, String factKey) {
        String name = source + '\n' + type + '\n' + Objects.requireNonNull(factKey, "fact key");
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
