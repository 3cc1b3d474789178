package nl.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.core.server.files.FileStoreMonitor;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.AnsweredCallback;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;

/** With spring.artemis.broker-url the bus uses that broker and embeds none, and watches its disk. */
class ExternalBrokerTest {

    @Test
    void theBusRunsOnAnExternalBrokerAndEmbedsNone() throws Exception {
        Path dataDir = BusTest.freshDataDir().toAbsolutePath();
        int port = BusTest.freePort();
        String url = "tcp://127.0.0.1:" + port;
        // a standalone Artemis with the project's broker.xml, as an operator would run it
        EmbeddedBroker external = new EmbeddedBroker(Path.of("broker/broker.xml"), Path.of("broker/login.config"), dataDir.resolve("external-broker"), port, false);
        external.start();
        // Quartz keys its data sources JVM-wide by scheduler name: this second bus gets its own
        try (ConfigurableApplicationContext bus = new SpringApplicationBuilder(SwitchboardApplication.class)
                .run("--server.port=0", "--switchboard.data-dir=" + dataDir, "--spring.artemis.broker-url=" + url,
                        "--spring.quartz.auto-startup=false", "--spring.quartz.scheduler-name=" + getClass().getSimpleName())) {

            assertThat(bus.getBeansOfType(EmbeddedBroker.class)).isEmpty();

            ObjectMapper mapper = bus.getBean("canonicalObjectMapper", ObjectMapper.class);
            CanonicalEvent event = CanonicalEvent.of("/test/external", "call.incoming", UUID.randomUUID().toString(), null,
                    OffsetDateTime.now(), mapper.createObjectNode());
            try (BrokerClient client = new BrokerClient(url)) {
                client.publishEvent("calls", mapper.writeValueAsString(event));
            }
            JdbcTemplate jdbc = bus.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM bus.event_journal WHERE event_id = ?", Integer.class, event.id()) == 1);

            // Allegro parameters 353 (3 attempts) and 354 (1 minute) were written into the external broker
            AddressSettings portier = external.server().getAddressSettingsRepository().getMatch("portier.mutations");
            assertThat(portier.getMaxDeliveryAttempts()).isEqualTo(3);
            assertThat(portier.getRedeliveryDelay()).isEqualTo(60_000L);
            assertThat(portier.getDeadLetterAddress().toString()).isEqualTo("DLQ.portier.mutations");
        } finally {
            external.stop();
        }
    }

    /**
     * The external broker's disk passes its max-disk-usage (its disk monitor's limit lowered below what
     * the disk holds, as a filling disk would pass it): the broker blocks every producer, and the bus,
     * having seen its probe held, refuses at once instead of sending into the block.
     */
    @Test
    void aFullDiskOfTheExternalBrokerIsRefusedAtOnceAndTheHealthSaysWhy() throws Exception {
        Path dataDir = BusTest.freshDataDir().toAbsolutePath();
        int port = BusTest.freePort();
        EmbeddedBroker external = new EmbeddedBroker(Path.of("broker/broker.xml"), Path.of("broker/login.config"),
                dataDir.resolve("external-broker"), port, false);
        external.start();
        try (ConfigurableApplicationContext bus = new SpringApplicationBuilder(SwitchboardApplication.class)
                .run("--server.port=0", "--switchboard.data-dir=" + dataDir, "--spring.artemis.broker-url=tcp://127.0.0.1:" + port,
                        "--spring.quartz.auto-startup=false", "--spring.quartz.scheduler-name=" + getClass().getSimpleName() + "Disk",
                        "--switchboard.broker.disk-check-interval=200ms", "--switchboard.broker.disk-check-timeout=500ms")) {
            BusHttp http = new BusHttp(((WebServerApplicationContext) bus).getWebServer().getPort());
            assertThat(answered(http, "5040001.1").statusCode()).isEqualTo(200);

            FileStoreMonitor disk = ((ActiveMQServerImpl) external.server()).getMonitor();
            double maxUsage = disk.getMaxUsage();
            try {
                disk.setMaxUsage(0).tick();

                await().atMost(Duration.ofSeconds(10)).until(() -> brokerDiskSpace(http).path("status").asText().equals("DOWN"));
                assertThat(brokerDiskSpace(http).at("/details/reason").asText()).startsWith("The broker's disk is fuller");
                HttpResponse<String> refused = answered(http, "5040002.1");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).isEqualTo("Service unavailable: the callback could not be stored; please retry");
            } finally {
                disk.setMaxUsage(maxUsage).tick();
            }
            // the PBX repeats the refused callback until it is taken
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> answered(http, "5040002.1").statusCode() == 200);
            assertThat(brokerDiskSpace(http).path("status").asText()).isEqualTo("UP");
        } finally {
            external.stop();
        }
    }

    /** The PBX's callback, given 5 s: far more than a refusal takes; a send the broker blocks never returns. */
    private static HttpResponse<String> answered(BusHttp http, String call) throws Exception {
        return http.send(http.request(AnsweredCallback.path(call), null).timeout(Duration.ofSeconds(5)).GET());
    }

    private static JsonNode brokerDiskSpace(BusHttp http) throws Exception {
        return new ObjectMapper().readTree(http.get("/actuator/health", "operator:demo-operator").body())
                .at("/components/brokerDiskSpace");
    }
}
