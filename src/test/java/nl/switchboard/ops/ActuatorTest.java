package nl.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;

/** Health and metrics as an operator's monitoring sees them, over real HTTP. */
class ActuatorTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedBroker broker;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsUpAndCoversDatabaseBrokerAndCamelForOperatorsAndOnlyTheStatusForOthers() throws Exception {
        assertThat(get("/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");

        HttpResponse<String> response = new BusHttp(port).get("/actuator/health", "operator:demo-operator");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/jms/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/camelHealth/status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesRouteMetricsToOperatorsOnly() throws Exception {
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);

        HttpResponse<String> response = new BusHttp(port).get("/actuator/prometheus", "operator:demo-operator");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("camel_exchanges_total{")
                .contains("routeId=\"calls-to-event-journal\"");
    }

    @Test
    void prometheusCountsTheMessagesWaitingOnEveryQueue() throws Exception {
        // a queue the bus never uses, so that the count moves by this test's message alone
        String waiting = "artemis_message_count{address=\"ExpiryQueue\",broker=\"switchboard\",queue=\"ExpiryQueue\"}";
        BusHttp http = new BusHttp(port);
        double before = gauge(http, waiting);
        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            client.sendToQueue("ExpiryQueue", "{}");
            try {
                assertThat(gauge(http, waiting)).isEqualTo(before + 1);
            } finally {
                assertThat(client.receive("ExpiryQueue", 5000)).isNotNull();
            }
        }
        assertThat(gauge(http, waiting)).isEqualTo(before);
        assertThat(gauge(http, "artemis_message_count{address=\"DLQ.calls\",broker=\"switchboard\",queue=\"DLQ.calls\"}"))
                .as("the dead letters an operator's alert watches").isNotNegative();
    }

    /** One sample's value from the operator's scrape. */
    private static double gauge(BusHttp http, String sample) throws Exception {
        return http.get("/actuator/prometheus", "operator:demo-operator").body().lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + sample));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
