package nl.switchboard.flexfone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;

/** Flexfone Integrationsmodul requests over real HTTP, answered in the PBX's plain-text forms. */
class IntegrationModuleTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CamelContext camel;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    ObjectMapper canonicalObjectMapper;
    @Value("${switchboard.flexfone.call-input.batch-size}")
    int batchSize;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void allegroRelatieAnswersTheDynamicFormWithSearchNameAndBbrEmployeeExtension() throws Exception {
        String call = callId();
        HttpResponse<String> response = module("allegro-relatie", call, "&callerid=4520304050&input=4599");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body()).isEqualTo("callerName=Pietersen, J.&gotolocalnumber=201");
        Map<String, Object> recorded = jdbc.queryForMap("SELECT * FROM bus.flexfone_call_input WHERE call_id = ?", call);
        assertThat(recorded).containsEntry("module", "allegro-relatie").containsEntry("input", "4599")
                .containsEntry("caller_id", "4520304050").containsEntry("fallback", false)
                .containsEntry("answer", "callerName=Pietersen, J.&gotolocalnumber=201");
        String eventId = CanonicalEvent.factId(IntegrationModules.SOURCE, "call.input", call + "/allegro-relatie/4599");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM bus.event_journal WHERE event_id = ? AND type = 'call.input'", Integer.class, eventId) == 1);
    }

    @Test
    void thePbxIsAnsweredBeforeCallInputIsPublishedAndTheRecordedRowIsPublishedOnceLater() throws Exception {
        camel.getRouteController().stopRoute("flexfone-call-input-relay");
        String call = callId();
        String eventId = CanonicalEvent.factId(IntegrationModules.SOURCE, "call.input", call + "/keuzemenu/8");
        try {
            assertThat(module("keuzemenu", call, "&input=8").body()).isEqualTo("2000");
            Thread.sleep(500);
            assertThat(jdbc.queryForObject("SELECT published_at FROM bus.flexfone_call_input WHERE call_id = ?",
                    Object.class, call)).isNull();
            assertThat(journalled(eventId)).isZero();
            assertThat(unpublished()).as("the outbox backlog gauge").isPositive();
        } finally {
            camel.getRouteController().startRoute("flexfone-call-input-relay");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> journalled(eventId) == 1);
        assertThat(jdbc.queryForObject("SELECT published_at FROM bus.flexfone_call_input WHERE call_id = ?",
                Object.class, call)).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
    }

    @Test
    void callInputGoesOnCallsAsTheCanonicalEventWithItsIdAndTypeAsProperties() throws Exception {
        camel.getRouteController().stopRoute("calls-to-event-journal");
        String call = callId();
        try {
            assertThat(module("keuzemenu", call, "&callerid=4520304050&input=3").body()).isEqualTo("2000");
            Message message = await().atMost(Duration.ofSeconds(10)).until(() -> callInputOnTheJournalsQueue(call), Optional::isPresent)
                    .orElseThrow();
            JsonNode event = canonicalObjectMapper.readTree(((TextMessage) message).getText());
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("id").asText())
                    .isEqualTo(CanonicalEvent.factId(IntegrationModules.SOURCE, "call.input", call + "/keuzemenu/3"));
            assertThat(event.path("subject").asText()).isEqualTo(call);
            assertThat(event.at("/data/callerId").asText()).isEqualTo("4520304050");
            assertThat(event.at("/data/answer").asText()).isEqualTo("2000");
            assertThat(message.getStringProperty("ce_id")).isEqualTo(event.path("id").asText());
            assertThat(message.getStringProperty("ce_type")).isEqualTo("call.input");
            assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        } finally {
            camel.getRouteController().startRoute("calls-to-event-journal");
        }
    }

    private Optional<Message> callInputOnTheJournalsQueue(String call) throws Exception {
        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            return client.browseSubject("calls::calls.journal", call).stream().findFirst();
        }
    }

    @Test
    void aBacklogOfSeveralBatchesIsPublishedCompletelyAndOnce() throws Exception {
        camel.getRouteController().stopRoute("flexfone-call-input-relay");
        String call = callId();
        int backlog = 2 * batchSize + 50;
        try {
            jdbc.batchUpdate("INSERT INTO bus.flexfone_call_input (call_id, module, input, answer, fallback, received_at) "
                            + "VALUES (?, 'keuzemenu', ?, '2000', FALSE, CURRENT_TIMESTAMP)",
                    IntStream.range(0, backlog).mapToObj(input -> new Object[] {call, String.valueOf(input)}).toList());
        } finally {
            camel.getRouteController().startRoute("flexfone-call-input-relay");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM bus.flexfone_call_input WHERE call_id = ? AND published_at IS NULL", Integer.class, call) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM bus.event_journal WHERE subject = ? AND type = 'call.input'", Integer.class, call) == backlog);
        List<String> published = jdbc.queryForList("SELECT event_id FROM bus.event_journal WHERE subject = ?", String.class, call);
        assertThat(published).containsExactlyInAnyOrderElementsOf(IntStream.range(0, backlog)
                .mapToObj(input -> CanonicalEvent.factId(IntegrationModules.SOURCE, "call.input", call + "/keuzemenu/" + input))
                .toList());
    }

    private double unpublished() {
        return meters.get("switchboard.call.input.unpublished").gauge().value();
    }

    private int journalled(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM bus.event_journal WHERE event_id = ?", Integer.class, eventId);
    }

    @Test
    void allegroRelatieAnswersItsFallbackForAnOrganisationAnUnknownRelatieOrNoDigits() throws Exception {
        assertThat(module("allegro-relatie", callId(), "&input=5000").body()).isEqualTo("gotolocalnumber=2000");
        assertThat(module("allegro-relatie", callId(), "&input=77777").body()).isEqualTo("gotolocalnumber=2000");
        String call = callId();
        assertThat(module("allegro-relatie", call, "&input=12%23").body()).isEqualTo("gotolocalnumber=2000");
        assertThat(jdbc.queryForObject("SELECT fallback FROM bus.flexfone_call_input WHERE call_id = ?", Boolean.class, call)).isTrue();
    }

    @Test
    void pinAnswersOneOfTwoLocalNumbersAndNeverRecordsThePin() throws Exception {
        assertThat(module("pin", callId(), "&input=1234").body()).as("configured pin").isEqualTo("6000");
        assertThat(module("pin", callId(), "&input=9999").body()).isEqualTo("6001");
        assertThat(module("pin", callId(), "&input=4321&relatiecode=4599").body()).as("Allegro pincode").isEqualTo("6000");
        String call = callId();
        assertThat(module("pin", call, "&input=1234&relatiecode=4599").body()).isEqualTo("6001");
        assertThat(module("pin", callId(), "&input=&relatiecode=5000").body()).as("no pincode at all").isEqualTo("6001");
        assertThat(jdbc.queryForObject("SELECT input FROM bus.flexfone_call_input WHERE call_id = ?", String.class, call))
                .isEqualTo("****");
    }

    @Test
    void relatieOnthoudenAnswersStoredVariablesForLaterModules() throws Exception {
        assertThat(module("relatie-onthouden", callId(), "&input=4599").body()).isEqualTo("urlresult=gevonden&relatiecode=4599");
        assertThat(module("relatie-onthouden", callId(), "&input=5000").body()).isEqualTo("urlresult=onbekend");
    }

    @Test
    void relatieDisplayAnswersADisplayTextForTheCallerId() throws Exception {
        assertThat(module("relatie-display", callId(), "&input=4599").body()).isEqualTo("4599 Pietersen, J.");
        assertThat(module("relatie-display", callId(), "&input=").body()).isEqualTo("Onbekende relatie");
    }

    @Test
    void callerLookupFindsTheDirectoryEntryWhateverTheNumberFormat() throws Exception {
        assertThat(module("caller-lookup", callId(), "&callerid=%2B4520304050").body()).isEqualTo("201");
        assertThat(module("caller-lookup", callId(), "&callerid=004520304050").body()).isEqualTo("201");
        assertThat(module("caller-lookup", callId(), "&callerid=40506070").body()).isEqualTo("202");
        assertThat(module("caller-lookup", callId(), "&callerid=11223344").body()).isEqualTo("2000");
        assertThat(module("caller-lookup", callId(), "&callerid=").body()).as("hidden number").isEqualTo("2000");
    }

    @Test
    void aLookupSlowerThanItsBudgetAnswersTheFallbackInTime() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flexfone-module-slow-test").routeId("flexfone-module-slow-test")
                        .delay(3000).setBody(constant("6050"));
            }
        });
        try {
            String call = callId();
            long started = System.nanoTime();
            HttpResponse<String> response = module("slow-test", call, "&input=1");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("1503");
            assertThat(tookMillis).as("answered within the budget, not after the lookup").isLessThan(2500);
            // the budget is used up: the PBX did not wait for the record, which follows
            await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForList(
                    "SELECT fallback FROM bus.flexfone_call_input WHERE call_id = ?", Boolean.class, call), List.of(true)::equals);
        } finally {
            camel.getRouteController().stopRoute("flexfone-module-slow-test");
            camel.removeRoute("flexfone-module-slow-test");
        }
    }

    @Test
    void aDatabaseThatHangsDelaysTheAnswerNoLongerThanTheBudgetAndTheRecordFollows() throws Exception {
        String call = callId();
        HttpResponse<String> response;
        long tookMillis;
        // H2's exclusive mode pauses every other connection's statements until it ends; on PostgreSQL a lock
        // on the table holds every statement that touches it
        try (Connection hanging = dataSource.getConnection()) {
            boolean h2 = hanging.getMetaData().getDatabaseProductName().equals("H2");
            JdbcTemplate onHanging = new JdbcTemplate(new SingleConnectionDataSource(hanging, true));
            hanging.setAutoCommit(false);
            onHanging.execute(h2 ? "SET EXCLUSIVE 1" : "LOCK TABLE bus.flexfone_call_input IN ACCESS EXCLUSIVE MODE");
            try {
                long started = System.nanoTime();
                response = module("keuzemenu", call, "&input=7");
                tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(onHanging.queryForObject("SELECT count(*) FROM bus.flexfone_call_input WHERE call_id = ?",
                        Integer.class, call)).as("recorded while the database hung").isZero();
            } finally {
                if (h2) {
                    onHanging.execute("SET EXCLUSIVE 0");
                }
                hanging.rollback();
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("2000");
        assertThat(tookMillis).as("the module's budget is 1500 ms").isBetween(1400L, 2500L);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "SELECT input FROM bus.flexfone_call_input WHERE call_id = ?", String.class, call), List.of("7")::equals);
    }

    @Test
    void aModuleAskedByPostWithAFormBodyIsAnsweredAsByGet() throws Exception {
        String call = callId();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/flexfone/module/allegro-relatie"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=demo-token&uniquecallid=" + call + "&input=4599"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("callerName=Pietersen, J.&gotolocalnumber=201");
        assertThat(jdbc.queryForObject("SELECT input FROM bus.flexfone_call_input WHERE call_id = ?", String.class, call))
                .isEqualTo("4599");
    }

    @Test
    void aModuleNeedsTheTokenAndAnUnknownModuleIsNotFound() throws Exception {
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(url("/flexfone/module/pin?input=1234")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(module("onbekend", callId(), "").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> module(String name, String call, String variables) throws Exception {
        return http.send(HttpRequest.newBuilder(url("/flexfone/module/" + name + "?token=demo-token&uniquecallid=" + call
                + variables)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String callId() {
        return Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000) + ".1";
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
