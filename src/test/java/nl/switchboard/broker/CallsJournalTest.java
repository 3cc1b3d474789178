package nl.switchboard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;

/** The multicast address {@code calls} over the real broker, and its journal consumer. */
class CallsJournalTest extends BusTest {

    @Autowired
    EmbeddedBroker broker;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper canonicalObjectMapper;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;

    BrokerClient client;

    @BeforeEach
    void connect() throws Exception {
        client = new BrokerClient(broker.clientUrl());
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    @Test
    void aPublishedCallEventReachesTheJournalQueueAndIsRecordedOnce() throws Exception {
        String callId = UUID.randomUUID().toString();
        CanonicalEvent event = CanonicalEvent.of("/flexfone/test", "call.answered", callId + "/answered", callId,
                OffsetDateTime.parse("2026-11-22T10:15:30+01:00"),
                canonicalObjectMapper.valueToTree(Map.of("callId", callId, "amount", new BigDecimal("25.10"))));
        String json = canonicalObjectMapper.writeValueAsString(event);

        client.publishEvent("calls", json);
        client.publishEvent("calls", json);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(journalRows(event.id())).hasSize(1));
        Map<String, Object> row = journalRows(event.id()).get(0);
        assertThat(row).containsEntry("type", "call.answered")
                .containsEntry("source", "/flexfone/test")
                .containsEntry("subject", callId)
                .containsEntry("queue", "calls.journal");
        // the second copy is consumed too (nothing left behind), yet recorded only once
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.browse("calls::calls.journal")).isEmpty());
        assertThat(journalRows(event.id())).hasSize(1);
    }

    @Test
    void whatTheJournalCanNeverRecordIsDeadLetteredAtOnceAndTheRestOfItsBatchRecorded() throws Exception {
        String poison = "not a CloudEvent " + UUID.randomUUID();
        CanonicalEvent before = event("call.answered");
        // bus.event_journal takes types of at most 100 characters
        CanonicalEvent refused = event("call." + "x".repeat(120));
        CanonicalEvent after = event("call.ended");

        // held, the four arrive in one batch
        camel.getRouteController().stopRoute("calls-to-event-journal");
        try {
            client.publishEvent("calls", canonicalObjectMapper.writeValueAsString(before));
            client.publishToTopic("calls", poison, "call.incoming");
            client.publishEvent("calls", canonicalObjectMapper.writeValueAsString(refused));
            client.publishEvent("calls", canonicalObjectMapper.writeValueAsString(after));
        } finally {
            camel.getRouteController().startRoute("calls-to-event-journal");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(journalRows(before.id())).hasSize(1);
            assertThat(journalRows(after.id())).hasSize(1);
        });
        assertThat(journalRows(refused.id())).isEmpty();
        Message notCanonical = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetter(poison, "calls.journal"), m -> m != null);
        assertThat(notCanonical.getStringProperty("SwitchboardFailure")).startsWith("No canonical event");
        assertThat(notCanonical.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo("calls");
        Message tooLong = deadLetter(canonicalObjectMapper.writeValueAsString(refused), "calls.journal");
        assertThat(tooLong).isNotNull();
        assertThat(tooLong.getStringProperty("SwitchboardFailure")).startsWith("bus.event_journal refuses it");
        assertThat(tooLong.getStringProperty("ce_id")).isEqualTo(refused.id());
        assertThat(client.browse("calls::calls.journal")).isEmpty();
        // the agent-status projection is drained the same way: the poison goes at once, with its reason
        Message notForAgents = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetter(poison, "calls.agentstatus"),
                m -> m != null);
        assertThat(notForAgents.getStringProperty("SwitchboardFailure")).startsWith("No canonical event");
    }

    @Test
    void aBatchTheDatabaseCannotTakeStaysQueuedAndIsRecordedWhenItCan() throws Exception {
        CanonicalEvent event = event("call.answered");
        jdbc.execute("ALTER TABLE bus.event_journal RENAME TO event_journal_away");
        try {
            client.publishEvent("calls", canonicalObjectMapper.writeValueAsString(event));
            // a few drains fail and roll back; the broker's redelivery delay (0.5 s, doubling) spaces them
            Thread.sleep(1500);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM bus.event_journal_away WHERE event_id = ?", Integer.class,
                    event.id())).isZero();
        } finally {
            jdbc.execute("ALTER TABLE bus.event_journal_away RENAME TO event_journal");
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(journalRows(event.id())).hasSize(1));
        assertThat(deadLetter(canonicalObjectMapper.writeValueAsString(event), "calls.journal")).isNull();
    }

    @Test
    void theEventIdOfTheMessageBeingRoutedIsInTheLoggingContext() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:mdc-probe").routeId("test-mdc-probe")
                        .setHeader("ce_id", constant("event-42"))
                        .process(exchange -> seen.set(MDC.get("ce_id")));
            }
        });
        try {
            producer.sendBody("direct:mdc-probe", "x");
            assertThat(seen.get()).isEqualTo("event-42");
        } finally {
            camel.getRouteController().stopRoute("test-mdc-probe");
            camel.removeRoute("test-mdc-probe");
        }
    }

    private List<Map<String, Object>> journalRows(String eventId) {
        return jdbc.queryForList("SELECT type, source, subject, queue FROM bus.event_journal WHERE event_id = ?", eventId);
    }

    private Message deadLetter(String body, String queue) throws Exception {
        for (Message message : client.browse("DLQ.calls")) {
            if (body.equals(((TextMessage) message).getText()) && queue.equals(message.getStringProperty("_AMQ_ORIG_QUEUE"))) {
                return message;
            }
        }
        return null;
    }

    private CanonicalEvent event(String type) {
        String callId = UUID.randomUUID().toString();
        return CanonicalEvent.of("/flexfone/test", type, callId + "/" + type, callId, OffsetDateTime.now(),
                canonicalObjectMapper.valueToTree(Map.of("callId", callId)));
    }
}
