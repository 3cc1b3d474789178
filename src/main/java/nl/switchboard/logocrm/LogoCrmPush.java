package nl.switchboard.logocrm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.switchboard.canonical.CanonicalEvent;

/**
 * Tells Logo CRM that an employee answered a call (seed 003), so it opens the caller's card: POST
 * {@code {base}/logocrm/Default.aspx/IPS_callAnswered} with {callUniqueId, extension, agentId, callerId,
 * keypress}, an ASP.NET page method answering {"d": …}. Each answered call is delivered once.
 */
@Component
@EnableConfigurationProperties(LogoCrmSettings.class)
public class LogoCrmPush {

    private static final Logger LOG = LoggerFactory.getLogger(LogoCrmPush.class);
    static final String PATH = "/logocrm/Default.aspx/IPS_callAnswered";
    /** Show the caller's card (seed 003): for a call without a choice the keypress table knows. */
    private static final String DEFAULT_KEYPRESS = "1";
    /** How long pushes go without the database after it failed to answer. */
    private static final Duration DATABASE_AWAY_RECHECK = Duration.ofSeconds(10);

    private final LogoCrmSettings settings;
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http;
    /** Until then (epoch ms) the database counts as unreachable. */
    private volatile long askDatabaseAgainAt;

    public LogoCrmPush(LogoCrmSettings settings, JdbcTemplate jdbc, ObjectMapper canonicalObjectMapper, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /**
     * Delivers a {@code call.answered} event. Throws {@link LogoCrmUnauthorized} for a configuration error
     * and IllegalStateException for anything a later attempt may mend (5xx, timeout, refused). With the
     * database unreachable the call is still pushed while the caller is on the line, with keypress 1 (the
     * caller's choice is in the database) and unrecorded: a bus that dies before the broker has the
     * acknowledgement then pushes it again. Asking an unreachable database waits the pool's connection
     * timeout, so after it failed the pushes go without asking for a while, lest they fall behind the calls.
     */
    public void deliver(CanonicalEvent answered) {
        String callId = answered.data().path("callId").asText();
        String keypress = DEFAULT_KEYPRESS;
        boolean databaseAway = clock.millis() < askDatabaseAgainAt;
        if (!databaseAway) {
            try {
                if (delivered(answered.id())) {
                    return;
                }
                keypress = keypress(callId);
            } catch (DataAccessResourceFailureException e) {
                LOG.warn("Database unreachable ({}); Logo CRM is told without it for {} s", e.getMessage(),
                        DATABASE_AWAY_RECHECK.toSeconds());
                askDatabaseAgainAt = clock.millis() + DATABASE_AWAY_RECHECK.toMillis();
                databaseAway = true;
            }
        }
        if (databaseAway) {
            LOG.warn("Call {} is pushed to Logo CRM with keypress {} and unrecorded: the database is unreachable",
                    callId, DEFAULT_KEYPRESS);
        }
        ObjectNode body = request(answered, keypress);
        push(body);
        if (!databaseAway) {
            record(answered.id(), callId);
        }
        LOG.info("Logo CRM told call {} was answered by {}", callId, body.path("agentId").asText());
    }

    private void push(ObjectNode body) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl().replaceAll("/+$", "") + PATH))
                            .timeout(settings.timeout())
                            .header("Content-Type", "application/json; charset=utf-8")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body), StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Logo CRM not reachable: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 302) {
            throw new LogoCrmUnauthorized(status);
        }
        if (status != 200 || !response.body().trim().startsWith("{\"d\"")) {
            throw new IllegalStateException("Logo CRM answered " + status + ": " + abbreviate(response.body()));
        }
    }

    /** After the push: failing here must not fail the delivery, whose redelivery would push the call again. */
    private void record(String eventId, String callId) {
        try {
            jdbc.update("INSERT INTO bus.logocrm_delivery (event_id, call_id, delivered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    eventId, callId, OffsetDateTime.now(clock));
        } catch (DataAccessException e) {
            LOG.warn("Call {} was pushed to Logo CRM, but its delivery could not be recorded: {}", callId, e.getMessage());
        }
    }

    /** The JSON of seed 003 for an answered call. */
    ObjectNode request(CanonicalEvent answered, String keypress) {
        String callId = answered.data().path("callId").asText();
        String employee = answered.data().path("employeeExtension").asText();
        LogoCrmSettings.Agent agent = settings.agents().get(employee);
        return mapper.createObjectNode()
                .put("callUniqueId", callId)
                .put("extension", agent != null && agent.extension() != null ? agent.extension() : employee)
                .put("agentId", agent != null && agent.agentId() != null ? agent.agentId() : employee)
                .put("callerId", nationalNumber(answered.data().path("callerNumber").asText()))
                .put("keypress", keypress);
    }

    /** The most recent input of the call that the keypress table knows; the default else. */
    private String keypress(String callId) {
        List<String> inputs = jdbc.queryForList("SELECT input FROM bus.flexfone_call_input WHERE call_id = ? "
                + "ORDER BY received_at DESC, id DESC", String.class, callId);
        return inputs.stream().filter(settings.keypress()::containsKey).findFirst().map(settings.keypress()::get).orElse(DEFAULT_KEYPRESS);
    }

    /** +4586515151 / 004586515151 / 4586515151 → national prefix + subscriber number, as the CRM's cards hold it. */
    String nationalNumber(String number) {
        String digits = number == null ? "" : number.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return "";
        }
        String country = settings.countryCode();
        if (!country.isEmpty()) {
            if (digits.startsWith("00" + country)) {
                digits = digits.substring(2 + country.length());
            } else if (digits.startsWith(country) && digits.length() > country.length() + 6) {
                digits = digits.substring(country.length());
            }
        }
        String prefix = settings.nationalPrefix();
        return !prefix.isEmpty() && digits.startsWith(prefix) ? digits : prefix + digits;
    }

    private boolean delivered(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM bus.logocrm_delivery WHERE event_id = ?", Integer.class, eventId) > 0;
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
