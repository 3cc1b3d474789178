package nl.switchboard.flexfone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.FakeFlexfone;

/** The Flexfone API client against a faithful fake of the Flexfone and MyFone APIs. */
@ExtendWith(OutputCaptureExtension.class)
class FlexfoneApiTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    EmbeddedBroker broker;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void healthyAgain() {
        FLEXFONE.failNext(0, 500);
    }

    @Test
    void theEmployeeSyncReplacesTheDirectoryAndIsScheduledInTheClusteredJobStore() {
        jdbc.update("INSERT INTO bus.directory (localnumber, name, updated_at) VALUES ('999', 'Vertrokken', CURRENT_TIMESTAMP)");

        producer.sendBody("direct:flexfone-employee-sync", null);

        FakeFlexfone.Request request = FLEXFONE.requests("/api/employee").get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query()).containsEntry("account", FakeFlexfone.ACCOUNT).containsEntry("hash", FakeFlexfone.HASH);
        assertThat(jdbc.queryForList("SELECT localnumber, name, email, department, description FROM bus.directory ORDER BY localnumber"))
                .extracting(r -> r.get("localnumber") + "|" + r.get("name") + "|" + r.get("email") + "|" + r.get("department")
                        + "|" + r.get("description"))
                .containsExactly("2000|Receptie|null|Receptie|Hovednummer",
                        "201|Anna van den Berg|anna@example.org|Budgetbeheer|Budgetcoach",
                        "202|Pieter de Vries|pieter@example.org|Schuldregeling|null");
        assertThat(jdbc.queryForList("SELECT localnumber, number, number_key FROM bus.directory_phone ORDER BY localnumber"))
                .extracting(r -> r.get("localnumber") + "|" + r.get("number") + "|" + r.get("number_key"))
                .containsExactly("201|4520304050|20304050", "202|40506070|40506070");
        assertThat(jdbc.queryForObject("SELECT device_localnumber FROM bus.directory_device WHERE localnumber = '201'", String.class))
                .isEqualTo("301");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bus.qrtz_cron_triggers WHERE trigger_group = 'flexfone' "
                + "AND trigger_name = 'employee-sync'", Integer.class)).isEqualTo(1);
    }

    @Test
    void aCallOriginatedThroughTheRestApiBecomesAMakeCall() throws Exception {
        int before = FLEXFONE.requests("/myfone/MakeCall").size();

        HttpResponse<String> response = post("/api/calls", "{\"callee\":\"86 51 51 51\",\"device\":\"201\"}", "operator:demo-operator");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"type\":\"call.originate\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> FLEXFONE.requests("/myfone/MakeCall").size() == before + 1);
        FakeFlexfone.Request makeCall = FLEXFONE.requests("/myfone/MakeCall").get(before);
        assertThat(makeCall.method()).isEqualTo("POST");
        assertThat(makeCall.body()).isEqualTo("{\"Device\":\"201\",\"Callee\":\"86515151\",\"Username\":\""
                + FakeFlexfone.MYFONE_USER + "\",\"Password\":\"" + FakeFlexfone.MYFONE_PASSWORD + "\"}");
    }

    @Test
    void aCallflowStateCommandBecomesAPostOfSetCallFlowState() throws Exception {
        int before = FLEXFONE.requests("/api/Callflow/SetCallFlowState").size();

        assertThat(post("/api/callflows/6100/state", "{\"active\":false}", "operator:demo-operator").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> FLEXFONE.requests("/api/Callflow/SetCallFlowState").size() == before + 1);
        FakeFlexfone.Request set = FLEXFONE.requests("/api/Callflow/SetCallFlowState").get(before);
        assertThat(set.method()).isEqualTo("POST");
        assertThat(set.query()).containsEntry("localnumber", "6100").containsEntry("active", "false")
                .containsEntry("account", FakeFlexfone.ACCOUNT).containsEntry("hash", FakeFlexfone.HASH);
    }

    @Test
    void theCallflowsAreListedLive() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/callflows"))
                .header("Authorization", basic("operator:demo-operator")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[{\"localnumber\":\"6100\",\"name\":\"Åbningstid\",\"active\":true,"
                + "\"activeGoto\":\"2000\",\"inactiveGoto\":\"6001\"}]");
    }

    @Test
    void aFailingApiIsRetriedByTheBrokerUntilItAnswers(CapturedOutput log) throws Exception {
        int before = FLEXFONE.requests("/myfone/MakeCall").size();
        FLEXFONE.failNext(2, 503);

        post("/api/calls", "{\"callee\":\"40404040\"}", "operator:demo-operator");

        await().atMost(Duration.ofSeconds(20)).until(() -> FLEXFONE.requests("/myfone/MakeCall").size() == before + 3);
        assertThat(FLEXFONE.requests("/myfone/MakeCall").get(before + 2).body()).contains("\"Callee\":\"40404040\"");
        // each failed attempt in lines of its own, not with the JMS listener's stack trace
        assertThat(log.getOut()).contains("flexfone-commands-to-api: delivery 2 of event", "MakeCall answered HTTP 503")
                .doesNotContain("\tat org.apache.camel.component.jms.EndpointMessageListener");
    }

    @Test
    void aCommandTheApiKeepsRefusingIsDeadLettered() throws Exception {
        FLEXFONE.failNext(Integer.MAX_VALUE, 500);

        HttpResponse<String> accepted = post("/api/callflows/6100/state", "{\"active\":true}", "operator:demo-operator");
        String id = accepted.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            Message dead = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter(client, id), m -> m != null);
            assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo("flexfone.commands");
        }
    }

    @Test
    void theCommandApiNeedsAnOperatorAndValidInput() throws Exception {
        assertThat(post("/api/calls", "{\"callee\":\"86515151\"}", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/calls", "{\"callee\":\"86515151\"}", "portier:demo-portier").statusCode()).isEqualTo(403);
        HttpResponse<String> bad = post("/api/calls", "{\"callee\":\"bel mij\"}", "operator:demo-operator");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("callee must be a phone number");
        assertThat(post("/api/callflows/6100/state", "{\"active\":\"ja\"}", "operator:demo-operator").statusCode()).isEqualTo(400);
    }

    private static Message deadLetter(BrokerClient client, String id) throws Exception {
        List<Message> messages = client.browse("DLQ.flexfone.commands");
        for (Message message : messages) {
            if (((TextMessage) message).getText().contains("\"id\":\"" + id + "\"")) {
                return message;
            }
        }
        return null;
    }

    private HttpResponse<String> post(String path, String json, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
