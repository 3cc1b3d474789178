package nl.switchboard.belfabriek;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import nl.switchboard.canonical.CanonicalEvent;

/**
 * Asks a Belfabriek Agent Availability endpoint (seed 002) about the configured extensions and answers
 * an {@code agent.status} event for each extension whose availability or status changed since the
 * last poll.
 */
@Component
public class BelfabriekPoller {

    public static final String SOURCE = "/belfabriek";

    private final XmlRpcCodec codec = new XmlRpcCodec();
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http;
    private final String endpoint;
    private final String accountPin;
    private final List<String> extensions;
    private final Duration timeout;

    public BelfabriekPoller(JdbcTemplate jdbc, ObjectMapper canonicalObjectMapper, Clock clock,
                            @Value("${switchboard.belfabriek.poller.endpoint}") String endpoint,
                            @Value("${switchboard.belfabriek.poller.account-pin:}") String accountPin,
                            @Value("${switchboard.belfabriek.poller.extensions:}") List<String> extensions,
                            @Value("${switchboard.belfabriek.poller.timeout}") Duration timeout) {
        this.jdbc = jdbc;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.endpoint = endpoint;
        this.accountPin = accountPin;
        this.extensions = extensions.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Transactional
    public List<CanonicalEvent> poll() {
        List<CanonicalEvent> changes = new ArrayList<>();
        for (String extension : extensions) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("accountCode", accountPin);
            request.put("extensionId", extension);
            Map<?, ?> avail = struct(call("ivr.getAgentAvail", request));
            Map<?, ?> status = struct(call("general.getExtensionStatus", request));
            boolean available = Integer.valueOf(1).equals(avail.get("available"));
            String reason = text(avail.get("availReason"));
            String number = text(avail.get("extension"));
            String state = text(status.get("Available"));
            if (changed(extension, available, reason, state, number)) {
                OffsetDateTime now = OffsetDateTime.now(clock);
                ObjectNode data = mapper.createObjectNode().put("extension", extension).put("available", available)
                        .put("reason", reason).put("status", state).put("number", number);
                changes.add(CanonicalEvent.of(SOURCE, "agent.status", extension + "/" + now.toInstant(), extension, now, data));
            }
        }
        return changes;
    }

    private boolean changed(String extension, boolean available, String reason, String status, String number) {
        int updated = jdbc.update("UPDATE bus.belfabriek_agent SET available = ?, avail_reason = ?, status = ?, number = ?, "
                        + "seen_at = ? WHERE extension = ? AND NOT (available = ? AND avail_reason = ? AND status = ? AND number = ?)",
                available, reason, status, number, OffsetDateTime.now(clock), extension, available, reason, status, number);
        if (updated > 0) {
            return true;
        }
        return jdbc.update("INSERT INTO bus.belfabriek_agent (extension, available, avail_reason, status, number, seen_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", extension, available, reason, status, number,
                OffsetDateTime.now(clock)) > 0;
    }

    private Object call(String method, Map<String, ?> struct) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(timeout)
                            .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(codec.call(method, struct)))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Belfabriek " + method + " answered HTTP " + response.statusCode());
            }
            return codec.parseResponse(new ByteArrayInputStream(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("Belfabriek not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (XmlRpcFault fault) {
            throw new IllegalStateException("Belfabriek " + method + " fault " + fault.code() + ": " + fault.getMessage());
        }
    }

    private static Map<?, ?> struct(Object value) {
        if (value instanceof Map<?, ?> struct) {
            return struct;
        }
        throw new IllegalStateException("Belfabriek answered no struct");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
