package nl.switchboard.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.allegro.telefoon.TelefoonClient;
import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.DemoBalances;
import nl.switchboard.support.FakeLogoCrm;
import nl.switchboard.support.GoldenFile;

/**
 * Each system's input as its vendor document gives it, and the whole canonical message the bus makes of
 * it and sends on, against the files in src/test/resources/golden/: a field renamed, added or lost in
 * any mapping shows here, and the files show an integrator what travels on the bus.
 */
class GoldenMessagesTest extends BusTest {

    private static final String CALL = "1763802900.4711";
    private static final String OUTGOING_CALL = "1763803500.4711";
    private static final String PBX = "token=demo-token&AccountId=4711&UniqueCallId=";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anIncomingCallFromItsFirstRingToItsEndAndAnOutgoingCall() throws Exception {
        try (BrokerClient client = new BrokerClient(broker.clientUrl()); MessageConsumer calls = client.subscribe("calls")) {
            pbx("/flexfone/employee/incoming?" + PBX + CALL
                    + "&Calledphone=301&ANumber=86515151&TimeStamp=2026-11-22%2010:15:00&EmployeeLocalNumber=201", "OK");
            pbx("/flexfone/module/keuzemenu?token=demo-token&uniquecallid=" + CALL + "&callerid=4586515151&callername=&input=8",
                    "2000");
            pbx("/flexfone/employee/answered?" + PBX + CALL
                    + "&EmployeeLocalNumber=201&ANumber=86515151&TimeStamp=2026-11-22%2010:15:30", "OK");
            pbx("/flexfone/employee/ended?" + PBX + CALL + "&Duration=35&Transfer=false&CallDirection=Incoming", "OK");
            pbx("/flexfone/employee/outgoing?" + PBX + OUTGOING_CALL
                    + "&EmployeeLocalNumber=201&ANumber=86515151&TimeStamp=2026-11-22%2010:25:00&PhoneLocalNumber=301", "OK");

            Map<String, String> events = eventsByType(calls, 5);
            for (String type : List.of("call.incoming", "call.input", "call.answered", "call.ended", "call.outgoing")) {
                GoldenFile.assertMatches(type, events.get(type));
            }
        }
        FakeLogoCrm.Request push = await().atMost(Duration.ofSeconds(20)).until(() -> LOGO_CRM.accepted().stream()
                .filter(r -> r.body().contains(CALL)).findFirst().orElse(null), r -> r != null);
        GoldenFile.assertMatches("logocrm.IPS_callAnswered", push.body());
    }

    @Test
    void aWithdrawalOverSoapAndItsBooking() throws Exception {
        DemoBalances.restore(jdbc);
        TelefoonClient ivr = new TelefoonClient("http://127.0.0.1:" + port + "/ws/TelefoonService");
        ivr.login(4599);
        try (BrokerClient client = new BrokerClient(broker.clientUrl());
             MessageConsumer outcomes = client.subscribe("allegro.withdrawals")) {
            // held, to read the request as it lies on the queue before the Portier books it
            camel.getRouteController().stopRoute("portier-book-withdrawal");
            String requested;
            try {
                assertThat(ivr.opname(4599, 4, "25.00", "wrRelatie").isReturn()).isTrue();
                Message onQueue = await().atMost(Duration.ofSeconds(10))
                        .until(() -> client.browse("portier.mutations"), messages -> !messages.isEmpty()).get(0);
                requested = ((TextMessage) onQueue).getText();
                GoldenFile.assertMatches("allegro.withdrawal.requested", requested);
            } finally {
                camel.getRouteController().startRoute("portier-book-withdrawal");
            }
            JsonNode mutation = json.readTree(requested).at("/data/mutationId");
            GoldenFile.assertMatches("allegro.withdrawal.booked",
                    next(outcomes, 1, event -> event.at("/data/mutationId").equals(mutation)).get("allegro.withdrawal.booked"));
        }
    }

    private Map<String, String> eventsByType(MessageConsumer subscription, int count) throws Exception {
        return next(subscription, count, event -> List.of(CALL, OUTGOING_CALL).contains(event.path("subject").asText()));
    }

    /** The next events on a subscription that are this test's, by type, waiting at most 20 s for all of them. */
    private Map<String, String> next(MessageConsumer subscription, int count, Predicate<JsonNode> ours) throws Exception {
        Map<String, String> events = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (events.size() < count && System.nanoTime() < deadline) {
            Message message = subscription.receive(500);
            if (message != null) {
                String text = ((TextMessage) message).getText();
                JsonNode event = json.readTree(text);
                if (ours.test(event)) {
                    events.put(event.path("type").asText(), text);
                }
            }
        }
        return events;
    }

    private void pbx(String path, String answer) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).as(path).isEqualTo(answer);
    }
}
