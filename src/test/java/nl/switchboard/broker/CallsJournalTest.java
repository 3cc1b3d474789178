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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    MeterRegistry meters;
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
    void aMessageTheConsumerCannotProcessIsRedeliveredThenDeadLettered() throws Exception {
        double failuresBefore = journalFailures();
        String poison = "not a CloudEvent " + UUID.randomUUID();

        client.publishToTopic("calls", poison, "call.incoming");

        // broker.xml: calls has max-delivery-attempts 5, so the route sees it five times; every consumer
        // queue of calls that takes call.incoming gets its own copy, and each copy is dead-lettered on its own
        Message dead = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter(poison, "calls.journal"), m -> m != null);
        assertThat(journalFailures() - failuresBefore).isEqualTo(5.0);
        assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo("calls");
        assertThat(client.browse("calls::calls.journal")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter(poison, "calls.agentstatus") != null);
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

    private double journalFailures() {
        Counter counter = meters.find("camel.exchanges.failed").tag("routeId", "calls-to-event-journal").counter();
        return counter == null ? 0 : counter.count();
    }
}
