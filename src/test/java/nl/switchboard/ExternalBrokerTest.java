package nl.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;

/** With spring.artemis.broker-url the bus uses that broker and embeds none. */
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
}
