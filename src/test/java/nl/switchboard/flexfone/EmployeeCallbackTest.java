package nl.switchboard.flexfone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;

/** Flexfone Medarbejderintegration callbacks over real HTTP, onto the real broker. */
class EmployeeCallbackTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    ObjectMapper canonicalObjectMapper;
    @Autowired
    CamelContext camel;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The journal would consume the events at once: hold it, to see them as they lie on calls. */
    @BeforeEach
    void holdTheJournal() throws Exception {
        camel.getRouteController().stopRoute("calls-to-event-journal");
    }

    @AfterEach
    void releaseTheJournal() throws Exception {
        camel.getRouteController().startRoute("calls-to-event-journal");
    }

    @Test
    void anAnsweredCallbackBecomesACanonicalEventOnCallsOnce() throws Exception {
        String call = callId();
        String query = "token=demo-token&AccountId=4711&UniqueCallId=" + call + "&EmployeeLocalNumber=201"
                + "&ANumber=4512345678&TimeStamp=2026-11-22%2010:15:30&LinkedUniqueCallId=" + call + "0";

        HttpResponse<String> first = get("/flexfone/employee/answered?" + query);
        HttpResponse<String> repeated = get("/flexfone/employee/answered?" + query);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("OK");
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(first.headers().map()).doesNotContainKeys("token", "AccountId", "UniqueCallId");
        assertThat(repeated.statusCode()).isEqualTo(200);
        List<JsonNode> events = eventsOnCalls(call);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.path("id").asText()).isEqualTo(CanonicalEvent.factId("/flexfone/4711", "call.answered", call + "/answered/201"));
        assertThat(event.path("type").asText()).isEqualTo("call.answered");
        assertThat(event.path("subject").asText()).isEqualTo(call);
        assertThat(event.path("time").asText()).isEqualTo("2026-11-22T10:15:30+01:00");
        assertThat(event.at("/data/account").asText()).isEqualTo("4711");
        assertThat(event.at("/data/callId").asText()).isEqualTo(call);
        assertThat(event.at("/data/employeeExtension").asText()).isEqualTo("201");
        assertThat(event.at("/data/callerNumber").asText()).isEqualTo("4512345678");
        assertThat(event.at("/data/linkedCallId").asText()).isEqualTo(call + "0");
    }

    /**
     * Before the broker recognised repeats, a repeat arriving while the first was being published went
     * out too; so did one in a run of CI after, as the broker looks an id up and records it in two steps.
     */
    @Test
    void callbacksRepeatedAtTheSameMomentArePublishedOnce() throws Exception {
        List<String> calls = List.of(callId(), callId(), callId(), callId());
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (String call : calls) {
                URI callback = url("/flexfone/employee/incoming?token=demo-token&AccountId=4711&UniqueCallId=" + call
                        + "&Calledphone=301&ANumber=4512345678&TimeStamp=2026-11-22%2010:15:00&EmployeeLocalNumber=201");
                answers.add(http.sendAsync(HttpRequest.newBuilder(callback).GET().build(), HttpResponse.BodyHandlers.ofString()));
            }
        }

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        for (String call : calls) {
            assertThat(eventsOnCalls(call)).hasSize(1);
        }
    }

    @Test
    void theMessageCarriesTheEventsIdAndTypeButNoneOfTheCallbacksParameters() throws Exception {
        String call = callId();
        assertThat(get("/flexfone/employee/answered?token=demo-token&AccountId=4711&UniqueCallId=" + call
                + "&EmployeeLocalNumber=201&ANumber=4512345678&TimeStamp=2026-11-22%2010:15:30").statusCode()).isEqualTo(200);

        Message message = messagesOnCalls(call).get(0);
        JsonNode event = canonicalObjectMapper.readTree(((TextMessage) message).getText());
        assertThat(message.getStringProperty("ce_id")).isEqualTo(event.path("id").asText());
        assertThat(message.getStringProperty("ce_type")).isEqualTo("call.answered");
        assertThat(message.getStringProperty("_AMQ_DUPL_ID")).as("the broker's duplicate detection id").isEqualTo(event.path("id").asText());
        List<String> properties = Collections.list(message.getPropertyNames()).stream().map(String::valueOf).toList();
        assertThat(properties).noneMatch(name -> name.equalsIgnoreCase("token") || name.equalsIgnoreCase("AccountId")
                || name.equalsIgnoreCase("UniqueCallId") || name.equalsIgnoreCase("event"));
    }

    @Test
    void eachConsumersQueueOfCallsTakesOnlyTheTypesItReads() throws Exception {
        camel.getRouteController().stopRoute("calls-to-agent-status");
        camel.getRouteController().stopRoute("calls-to-logocrm");
        try {
            String call = callId();
            assertThat(get("/flexfone/employee/incoming?token=demo-token&AccountId=4711&UniqueCallId=" + call
                    + "&Calledphone=301&ANumber=1&TimeStamp=2026-11-22%2010:15:00&EmployeeLocalNumber=201").statusCode()).isEqualTo(200);
            assertThat(get("/flexfone/module/keuzemenu?token=demo-token&uniquecallid=" + call + "&input=3").statusCode()).isEqualTo(200);
            assertThat(get("/flexfone/employee/answered?token=demo-token&AccountId=4711&UniqueCallId=" + call
                    + "&EmployeeLocalNumber=201&ANumber=1&TimeStamp=2026-11-22%2010:15:30").statusCode()).isEqualTo(200);

            // call.input follows from the outbox, after the PBX has its answer
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(typesOn("calls::calls.journal", call))
                    .containsExactlyInAnyOrder("call.incoming", "call.input", "call.answered"));
            assertThat(typesOn("calls::calls.agentstatus", call)).containsExactlyInAnyOrder("call.incoming", "call.answered");
            assertThat(typesOn("calls::calls.logocrm", call)).containsExactly("call.answered");
        } finally {
            camel.getRouteController().startRoute("calls-to-agent-status");
            camel.getRouteController().startRoute("calls-to-logocrm");
        }
    }

    @Test
    void anEndedCallbackByPostCarriesDurationTransferAndDirection() throws Exception {
        String call = callId();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/flexfone/employee/ended"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=demo-token&AccountId=4711&UniqueCallId=" + call
                        + "&Duration=35&Transfer=True&CallDirection=Incoming")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = eventsOnCalls(call).get(0);
        assertThat(event.path("type").asText()).isEqualTo("call.ended");
        assertThat(event.at("/data/duration").asInt()).isEqualTo(35);
        assertThat(event.at("/data/transfer").asBoolean()).isTrue();
        assertThat(event.at("/data/direction").asText()).isEqualTo("incoming");
    }

    @Test
    void incomingAndOutgoingCarryTheirPhonesAndAHiddenNumberIsAllowed() throws Exception {
        String call = callId();
        assertThat(get("/flexfone/employee/incoming?token=demo-token&AccountId=4711&UniqueCallId=" + call
                + "&Calledphone=301&ANumber=&TimeStamp=2026-11-22%2010:15:00&EmployeeLocalNumber=201").statusCode()).isEqualTo(200);
        assertThat(get("/flexfone/employee/outgoing?token=demo-token&AccountId=4711&UniqueCallId=" + call
                + "&EmployeeLocalNumber=202&ANumber=4587654321&TimeStamp=2026-11-22%2010:16:00&PhoneLocalNumber=302").statusCode())
                .isEqualTo(200);

        List<JsonNode> events = eventsOnCalls(call);
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactlyInAnyOrder("call.incoming", "call.outgoing");
        JsonNode incoming = events.stream().filter(e -> e.path("type").asText().equals("call.incoming")).findFirst().orElseThrow();
        assertThat(incoming.at("/data/calledPhone").asText()).isEqualTo("301");
        assertThat(incoming.at("/data/callerNumber").asText()).isEmpty();
        JsonNode outgoing = events.stream().filter(e -> e.path("type").asText().equals("call.outgoing")).findFirst().orElseThrow();
        assertThat(outgoing.at("/data/phoneExtension").asText()).isEqualTo("302");
    }

    @Test
    void refusedCallbacksSayWhyAndPublishNothing() throws Exception {
        String call = callId();
        String complete = "&AccountId=4711&UniqueCallId=" + call + "&EmployeeLocalNumber=201&ANumber=1&TimeStamp=2026-11-22%2010:15:30";

        HttpResponse<String> noToken = get("/flexfone/employee/answered?x=1" + complete);
        HttpResponse<String> wrongToken = get("/flexfone/employee/answered?token=demo-tokeN" + complete);
        HttpResponse<String> unknownAccount = get("/flexfone/employee/answered?token=demo-token"
                + complete.replace("AccountId=4711", "AccountId=9999"));
        HttpResponse<String> missing = get("/flexfone/employee/answered?token=demo-token&AccountId=4711&UniqueCallId=" + call);
        HttpResponse<String> unknownEvent = get("/flexfone/employee/transferred?token=demo-token" + complete);
        HttpResponse<String> deeperPath = get("/flexfone/employee/answered/again?token=demo-token" + complete);
        HttpResponse<String> noEvent = get("/flexfone/employee?token=demo-token" + complete);

        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(unknownAccount.statusCode()).isEqualTo(403);
        assertThat(unknownAccount.body()).contains("unknown AccountId 9999");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("Missing parameters: EmployeeLocalNumber, ANumber, TimeStamp");
        assertThat(unknownEvent.statusCode()).isEqualTo(404);
        assertThat(unknownEvent.body()).startsWith("Unknown callback 'transferred'");
        assertThat(deeperPath.statusCode()).isEqualTo(404);
        assertThat(noEvent.statusCode()).isEqualTo(404);
        assertThat(eventsOnCalls(call)).isEmpty();
    }

    private List<JsonNode> eventsOnCalls(String call) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (Message message : messagesOnCalls(call)) {
            events.add(canonicalObjectMapper.readTree(((TextMessage) message).getText()));
        }
        return events;
    }

    private List<Message> messagesOnCalls(String call) throws Exception {
        return messagesOn("calls::calls.journal", call);
    }

    private List<String> typesOn(String queue, String call) throws Exception {
        List<String> types = new ArrayList<>();
        for (Message message : messagesOn(queue, call)) {
            types.add(canonicalObjectMapper.readTree(((TextMessage) message).getText()).path("type").asText());
        }
        return types;
    }

    /** The messages about one call on a queue, read without consuming them. */
    private List<Message> messagesOn(String queue, String call) throws Exception {
        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            return client.browseSubject(queue, call);
        }
    }

    private static String callId() {
        return Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000) + ".4567";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
