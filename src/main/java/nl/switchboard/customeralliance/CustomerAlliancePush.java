package nl.switchboard.customeralliance;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.deadletter.DeadLetters;
import nl.switchboard.ops.EventIdInLogs;

/**
 * Pushes the guests on guests.checkedout to Customer Alliance in chunks. One chunk is one JMS
 * transaction: it is acknowledged only after Customer Alliance said success and the stays got their
 * history entry "Gastdaten an Customer Alliance übermittelt" and their transmitted time; a failure
 * (HTTP &gt;= 400 or success not true) rolls the chunk back for the broker to redeliver, and on a guest's
 * last attempt puts it on DLQ.guests.checkedout with the errors Customer Alliance returned. A guest
 * already transmitted is never sent again.
 */
@Component
@EnableConfigurationProperties(CustomerAllianceSettings.class)
public class CustomerAlliancePush {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerAlliancePush.class);
    static final String HISTORY = "Gastdaten an Customer Alliance übermittelt";
    /**
     * How long a chunk waits for its next guest. Not receiveNoWait: Artemis may answer it before it has
     * delivered guests already queued, which split a chunk the selection had committed at once.
     */
    private static final long GATHER_MILLIS = 100;

    private final CustomerAllianceSettings settings;
    private final ConnectionFactory connectionFactory;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String queue;
    private final String deadLetters;
    private final HttpClient http;

    public CustomerAlliancePush(CustomerAllianceSettings settings, ConnectionFactory connectionFactory, JdbcTemplate jdbc,
                                TransactionTemplate transaction, ObjectMapper canonicalObjectMapper, Clock clock,
                                @Value("${switchboard.queues.guests-checkedout}") String queue,
                                @Value("${switchboard.queues.guests-dead-letters}") String deadLetters) {
        this.settings = settings;
        this.connectionFactory = connectionFactory;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.queue = queue;
        this.deadLetters = deadLetters;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Pushes chunks until the queue is empty or a chunk fails; answers the number of guests transmitted. */
    public int pushAll() throws JMSException {
        int transmitted = 0;
        while (true) {
            Chunk chunk = pushChunk();
            transmitted += chunk.transmitted();
            if (chunk.received() < settings.chunkSize() || chunk.failed()) {
                return transmitted;
            }
        }
    }

    private Chunk pushChunk() throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            List<Message> messages = new ArrayList<>();
            List<CanonicalEvent> guests = new ArrayList<>();
            Message message = consumer.receive(500);
            while (message != null) {
                messages.add(message);
                CanonicalEvent event = mapper.readValue(((TextMessage) message).getText(), CanonicalEvent.class);
                if (!transmitted(event.subject())) {
                    guests.add(event);
                }
                message = messages.size() < settings.chunkSize() ? consumer.receive(GATHER_MILLIS) : null;
            }
            if (guests.isEmpty()) {
                session.commit();
                return new Chunk(messages.size(), 0, false);
            }
            Answer answer = send(guests);
            if (answer.success()) {
                transaction.executeWithoutResult(status -> guests.forEach(g -> recordSuccess(g.subject(), answer)));
                session.commit();
                LOG.info("{} guest(s) transmitted to Customer Alliance", guests.size());
                return new Chunk(messages.size(), guests.size(), false);
            }
            guests.forEach(g -> recordFailure(g.subject(), answer));
            LOG.warn("Customer Alliance refused {} guest(s): HTTP {} {}", guests.size(), answer.status(), answer.errors());
            deadLetterLastAttempts(session, messages, answer);
            return new Chunk(messages.size(), 0, true);
        } catch (IOException e) {
            throw new JMSException("A guest on " + queue + " is no canonical event: " + e.getMessage());
        }
    }

    /**
     * Guests at their last attempt go to the dead-letter queue with the errors, the rest of the chunk to the
     * back of the queue, all in one commit; without a last attempt the chunk is rolled back for redelivery.
     */
    private void deadLetterLastAttempts(Session session, List<Message> messages, Answer answer) throws JMSException {
        boolean last = false;
        for (Message message : messages) {
            last |= message.getIntProperty("JMSXDeliveryCount") >= settings.maxAttempts();
        }
        if (!last) {
            session.rollback();
            return;
        }
        try (MessageProducer dead = session.createProducer(session.createQueue(deadLetters));
             MessageProducer again = session.createProducer(session.createQueue(queue))) {
            for (Message message : messages) {
                TextMessage copy = session.createTextMessage(((TextMessage) message).getText());
                if (message.getIntProperty("JMSXDeliveryCount") >= settings.maxAttempts()) {
                    DeadLetters.markDeadLettered(copy, queue, "Customer Alliance refused it " + settings.maxAttempts()
                            + " times, last with HTTP " + answer.status() + ": " + answer.errors());
                    copy.setStringProperty(EventIdInLogs.HEADER, message.getStringProperty(EventIdInLogs.HEADER));
                    dead.send(copy);
                } else {
                    again.send(copy);
                }
            }
        }
        session.commit();
    }

    private Answer send(List<CanonicalEvent> guests) {
        ArrayNode body = mapper.createArrayNode();
        guests.forEach(g -> body.add(CustomerAllianceGuest.of(g.data(), mapper)));
        String url = settings.baseUrl().replaceAll("/+$", "") + "/api/" + encode(settings.accessKey()) + "/"
                + encode(settings.reviewSubject());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout())
                            .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode answer = parse(response.body());
            boolean success = response.statusCode() < 400 && answer.path("success").asBoolean(false);
            String errors = answer.has("errors") ? answer.get("errors").toString() : abbreviate(response.body());
            return new Answer(success, response.statusCode(), success ? "" : errors);
        } catch (IOException e) {
            return new Answer(false, null, "not reachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, null, "interrupted");
        }
    }

    private boolean transmitted(String booking) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT transmitted_at IS NOT NULL FROM soferu.stay WHERE booking_number = ?",
                Boolean.class, booking));
    }

    private void recordSuccess(String booking, Answer answer) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.update("UPDATE soferu.stay SET transmitted_at = ? WHERE booking_number = ?", now, booking);
        jdbc.update("INSERT INTO soferu.stay_history (booking_number, entry_time, text) VALUES (?, ?, ?)", booking, now, HISTORY);
        jdbc.update("INSERT INTO soferu.transmission (booking_number, attempted_at, success, http_status) VALUES (?, ?, TRUE, ?)",
                booking, now, answer.status());
    }

    private void recordFailure(String booking, Answer answer) {
        jdbc.update("INSERT INTO soferu.transmission (booking_number, attempted_at, success, http_status, errors) "
                + "VALUES (?, ?, FALSE, ?, ?)", booking, OffsetDateTime.now(clock), answer.status(), abbreviate(answer.errors()));
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    private static String abbreviate(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return line.length() > 900 ? line.substring(0, 900) + "…" : line;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private record Answer(boolean success, Integer status, String errors) {
    }

    private record Chunk(int received, int transmitted, boolean failed) {
    }
}
