package nl.switchboard.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;

/**
 * Dead letters as an operator handles them without the console: listed with reason and origin,
 * traced by event id, replayed to the queue they came from and processed there.
 */
class DeadLetterReplayTest extends BusTest {

    private static final String OPERATOR = "operator:demo-operator";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper canonicalObjectMapper;

    private BusHttp http;

    @AfterEach
    void healthyCrm() {
        LOGO_CRM.unauthorized(false);
        LOGO_CRM.failNext(0);
    }

    @Test
    void aDeadLetterIsListedTracedAndReplayedToItsQueueWhereItIsProcessed() throws Exception {
        http = new BusHttp(port);
        String call = Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000) + ".9";
        LOGO_CRM.unauthorized(true);

        String eventId = answeredCall(call);

        JsonNode dead = await().atMost(Duration.ofSeconds(15)).until(() -> deadLetter("DLQ.calls", eventId), m -> m != null);
        assertThat(dead.get("originalAddress").asText()).isEqualTo("calls");
        assertThat(dead.get("originalQueue").asText()).isEqualTo("calls.logocrm");
        assertThat(dead.get("reason").asText()).contains("401");
        assertThat(json(http.get("/api/dead-letters", OPERATOR).body()).findValuesAsText("name")).contains("DLQ.calls");

        JsonNode traced = json(http.get("/api/events/" + eventId, OPERATOR).body());
        assertThat(traced.at("/published/type").asText()).isEqualTo("call.answered");
        assertThat(traced.at("/published/queue").asText()).isEqualTo("calls.journal");
        assertThat(traced.get("deliveries").toString()).contains("\"queue\":\"calls.logocrm\"", "\"outcome\":\"dead-lettered\"");
        assertThat(traced.at("/deadLetters/0/messageId").asLong()).isEqualTo(dead.get("messageId").asLong());

        LOGO_CRM.unauthorized(false);
        String replay = "/api/dead-letters/DLQ.calls/" + dead.get("messageId").asLong() + "/replay";
        assertThat(http.post(replay, OPERATOR, null, "").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> LOGO_CRM.accepted().stream()
                .anyMatch(r -> r.body().contains("\"callUniqueId\":\"" + call + "\"")));
        assertThat(deadLetter("DLQ.calls", eventId)).isNull();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(http.get("/api/events/" + eventId, OPERATOR).body())
                .contains("\"queue\":\"calls.logocrm\",\"routeId\":\"calls-to-logocrm\",\"attempt\":1,\"outcome\":\"processed\""));
        JsonNode replayed = json(http.get("/api/events/" + eventId, OPERATOR).body());
        assertThat(replayed.get("deadLetters")).isEmpty();
        assertThat(replayed.get("deliveries").findValuesAsText("queue").stream().filter("calls.agentstatus"::equals))
                .as("the replay went to calls.logocrm only").hasSize(1);
        assertThat(http.post(replay, OPERATOR, null, "").statusCode()).as("already replayed").isEqualTo(404);
    }

    @Test
    void afterTheLastAttemptTheBrokersDeadLetterCarriesTheLastFailureAsReason() throws Exception {
        http = new BusHttp(port);
        String call = Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000) + ".8";
        // calls has max-delivery-attempts 5 (broker.xml): the CRM fails every attempt with its HTTP 500
        LOGO_CRM.failNext(Integer.MAX_VALUE);

        String eventId = answeredCall(call);

        JsonNode dead = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter("DLQ.calls", eventId), m -> m != null);
        assertThat(dead.get("originalQueue").asText()).isEqualTo("calls.logocrm");
        assertThat(dead.get("reason").asText()).contains("500");
        JsonNode deliveries = json(http.get("/api/events/" + eventId, OPERATOR).body()).get("deliveries");
        assertThat(deliveries.findValues("outcome").stream().filter(o -> o.asText().equals("failed"))).hasSize(5);
        assertThat(deliveries.findValuesAsText("attempt")).contains("1", "5");
    }

    @Test
    void unknownQueuesAndEventsAreNotFoundAndTheApiIsForOperatorsOnly() throws Exception {
        http = new BusHttp(port);
        assertThat(http.get("/api/dead-letters/portier.mutations", OPERATOR).statusCode()).isEqualTo(404);
        assertThat(http.post("/api/dead-letters/DLQ.nothing/replay", OPERATOR, null, "").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/events/" + UUID.randomUUID(), OPERATOR).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/dead-letters", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/dead-letters", "portier:demo-portier").statusCode()).isEqualTo(403);
        assertThat(http.post("/api/dead-letters/DLQ.calls/replay", "portier:demo-portier", null, "").statusCode()).isEqualTo(403);
    }

    /** The PBX's callback that the call was answered; answers the event id the journal recorded. */
    private String answeredCall(String call) throws Exception {
        assertThat(http.get("/flexfone/employee/answered?token=demo-token&AccountId=4711&UniqueCallId=" + call
                + "&EmployeeLocalNumber=201&ANumber=86515151&TimeStamp=2026-11-22%2010:15:30", null).statusCode()).isEqualTo(200);
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "SELECT event_id FROM bus.event_journal WHERE subject = ? AND type = 'call.answered'", String.class, call)
                .stream().findFirst().orElse(null), id -> id != null);
    }

    private JsonNode deadLetter(String queue, String eventId) throws Exception {
        for (JsonNode message : json(http.get("/api/dead-letters/" + queue, OPERATOR).body()).get("messages")) {
            if (eventId.equals(message.path("eventId").asText())) {
                return message;
            }
        }
        return null;
    }

    private JsonNode json(String body) throws Exception {
        return canonicalObjectMapper.readTree(body);
    }
}
