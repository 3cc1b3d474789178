package nl.switchboard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.core.server.files.FileStoreMonitor;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.switchboard.support.AnsweredCallback;
import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;

/**
 * The embedded broker's disk passes its max-disk-usage: Artemis then blocks every producer until space
 * is freed. Callers are refused at once in their protocol's terms instead of hanging, the health says
 * why, and once there is room again everything is taken as before. The disk is made "full" by lowering
 * the limit the broker's disk monitor checks, which is what the broker does at 90 % of a real disk.
 */
class BrokerDiskFullTest extends BusTest {

    /** Far above what a refusal takes; a send the broker blocks never returns at all. */
    private static final Duration PROMPT_ANSWER = Duration.ofSeconds(5);

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    ProducerTemplate producer;

    @Test
    void aFullDiskRefusesSendsAtOnceAndTheHealthSaysWhy() throws Exception {
        BusHttp http = new BusHttp(port);
        FileStoreMonitor disk = ((ActiveMQServerImpl) broker.server()).getMonitor();
        double maxUsage = disk.getMaxUsage();
        try {
            disk.setMaxUsage(0).tick();

            HttpResponse<String> callback = http.send(http.request(AnsweredCallback.path("5050001.1"), null)
                    .timeout(PROMPT_ANSWER).GET());
            assertThat(callback.statusCode()).isEqualTo(503);
            assertThat(callback.body()).isEqualTo("Service unavailable: the callback could not be stored; please retry");

            HttpResponse<String> command = http.send(http.request("/api/calls", "operator:demo-operator")
                    .timeout(PROMPT_ANSWER).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"callee\":\"86515151\"}")));
            assertThat(command.statusCode()).isEqualTo(503);
            assertThat(command.body()).contains("The broker's disk is fuller than its max-disk-usage");

            // the withdrawal's send refuses, and the withdrawal leaves its mutation to the sweeper
            assertThatThrownBy(() -> producer.sendBody("direct:allegro-withdrawal-requested", null))
                    .isInstanceOf(CamelExecutionException.class).hasCauseInstanceOf(BrokerDiskFull.class);

            HttpResponse<String> health = http.get("/actuator/health", "operator:demo-operator");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode components = new ObjectMapper().readTree(health.body()).path("components");
            assertThat(components.at("/brokerDiskSpace/status").asText()).isEqualTo("DOWN");
            assertThat(components.at("/brokerDiskSpace/details/reason").asText()).startsWith("The broker's disk is fuller");
        } finally {
            disk.setMaxUsage(maxUsage).tick();
        }

        assertThat(http.send(http.request(AnsweredCallback.path("5050001.1"), null).timeout(PROMPT_ANSWER).GET()).statusCode())
                .as("taken once there is room").isEqualTo(200);
        assertThat(http.get("/actuator/health", null).body()).isEqualTo("{\"status\":\"UP\"}");
    }
}
