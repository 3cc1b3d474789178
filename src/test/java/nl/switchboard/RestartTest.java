package nl.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.TestDatabases;

/** Stopping and starting the bus on the same data (either database) loses neither messages nor rows. */
class RestartTest {

    private final Path dataDir = BusTest.freshDataDir().toAbsolutePath();
    private final int brokerPort = BusTest.freePort();

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aRestartKeepsTheBrokerJournalAndTheDatabase(String database) throws Exception {
        List<String> arguments = TestDatabases.busArguments(database);
        String deadLetter = "kept across a restart " + UUID.randomUUID();
        CanonicalEvent event;

        try (ConfigurableApplicationContext bus = start(arguments)) {
            ObjectMapper mapper = bus.getBean("canonicalObjectMapper", ObjectMapper.class);
            event = CanonicalEvent.of("/test/restart", "call.incoming", UUID.randomUUID().toString(), null,
                    OffsetDateTime.now(), mapper.createObjectNode());
            try (BrokerClient client = new BrokerClient(bus.getBean(EmbeddedBroker.class).clientUrl())) {
                client.sendToQueue("DLQ.calls", deadLetter);
                client.publishEvent("calls", mapper.writeValueAsString(event));
            }
            JdbcTemplate jdbc = bus.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> journalled(jdbc, event.id()));
        }

        try (ConfigurableApplicationContext bus = start(arguments)) {
            JdbcTemplate jdbc = bus.getBean(JdbcTemplate.class);
            assertThat(journalled(jdbc, event.id())).isTrue();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.relatie", Integer.class))
                    .as("demo data loaded once, not again on restart").isEqualTo(5);
            try (BrokerClient client = new BrokerClient(bus.getBean(EmbeddedBroker.class).clientUrl())) {
                TextMessage kept = client.receive("DLQ.calls", 5_000);
                assertThat(kept).isNotNull();
                assertThat(kept.getText()).isEqualTo(deadLetter);
            }
        }
    }

    private ConfigurableApplicationContext start(List<String> databaseArguments) {
        // as command-line arguments: they outrank application.yaml, as an operator's would. Quartz keys its
        // data sources JVM-wide by scheduler name, so this second bus in the test JVM gets its own name
        // (else the shared test context's scheduler would switch to this context's database), and idles.
        // no console, so no MBeans: the shared test bus's broker of the same name keeps its own
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--switchboard.console.enabled=false",
                "--switchboard.data-dir=" + dataDir, "--switchboard.broker.port=" + brokerPort,
                "--spring.quartz.auto-startup=false", "--spring.quartz.scheduler-name=" + getClass().getSimpleName()));
        arguments.addAll(databaseArguments);
        return new SpringApplicationBuilder(SwitchboardApplication.class).run(arguments.toArray(String[]::new));
    }

    private static boolean journalled(JdbcTemplate jdbc, String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM bus.event_journal WHERE event_id = ?", Integer.class, eventId) == 1;
    }
}
