package nl.switchboard.portier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.SwitchboardApplication;
import nl.switchboard.allegro.telefoon.OpnameReservering;
import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;

/**
 * The database goes away while a withdrawal waits for the Portier: the mutation stays on the broker,
 * costs none of Allegro's lock retries, and is booked once the database is back. The database is a
 * real H2 server over TCP, stopped and started under the running bus.
 */
class PortierDatabaseOutageTest {

    @Test
    void aMutationArrivingWhileTheDatabaseIsDownIsBookedWhenItReturns() throws Exception {
        Path dataDir = BusTest.freshDataDir().toAbsolutePath();
        int dbPort = BusTest.freePort();
        Server database = database(dataDir, dbPort);
        String url = "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/switchboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (ConfigurableApplicationContext bus = new SpringApplicationBuilder(SwitchboardApplication.class)
                .run("--server.port=0", "--switchboard.data-dir=" + dataDir, "--spring.datasource.url=" + url,
                        "--switchboard.broker.port=" + BusTest.freePort(), "--switchboard.console.enabled=false",
                        "--spring.datasource.hikari.connection-timeout=1000", "--switchboard.portier.database-retry=1000",
                        "--switchboard.portier.lock-retry-unit=1s",
                        "--spring.quartz.auto-startup=false", "--spring.quartz.scheduler-name=" + getClass().getSimpleName())) {
            JdbcTemplate jdbc = bus.getBean(JdbcTemplate.class);
            ObjectMapper mapper = bus.getBean("canonicalObjectMapper", ObjectMapper.class);
            long mutation = mutatie(jdbc);
            BigDecimal saldo = saldo(jdbc);
            String withdrawal = mapper.writeValueAsString(event(jdbc, mapper, mutation));

            database.stop();
            try (BrokerClient client = new BrokerClient(bus.getBean(EmbeddedBroker.class).clientUrl())) {
                client.sendToQueue("portier.mutations", withdrawal);
                // several tries fail meanwhile, none of them counted against parameter 353 (3 attempts)
                Thread.sleep(6_000);
                assertThat(client.browse("DLQ.portier.mutations")).isEmpty();
            }
            database = database(dataDir, dbPort);

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> jdbc.queryForObject("SELECT doorgevoerd FROM allegro.portier_mutatie WHERE id = ?",
                            Boolean.class, mutation) != null);
            assertThat(jdbc.queryForObject("SELECT doorgevoerd FROM allegro.portier_mutatie WHERE id = ?", Boolean.class, mutation)).isTrue();
            assertThat(saldo(jdbc)).isEqualByComparingTo(saldo.subtract(new BigDecimal("10.00")));
        } finally {
            database.stop();
        }
    }

    private static Server database(Path dataDir, int port) throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dataDir.resolve("h2").toString(),
                "-ifNotExists").start();
    }

    /** The mutation row as AllegroOpnameReservering writes it, for demo relatie 4599's reservering 4. */
    private static long mutatie(JdbcTemplate jdbc) {
        String eventId = CanonicalEvent.factId(OpnameReservering.SOURCE, OpnameReservering.TYPE, UUID.randomUUID().toString());
        String waarde = "Relatiecode: 4599 Nummer reservering: 4 Bedrag: 10,00 Betaalwijze: Relatie";
        jdbc.update("""
                INSERT INTO allegro.portier_mutatie (soort_koppeling, soort_mutatie, datum, tijdstip, relatiecode,
                    oude_waarde, nieuwe_waarde, reservering_nummer, bedrag, welke_rekening, aangemaakt_op, event_id,
                    aanvraag_sleutel, verzonden_op)
                VALUES ('Telefoon', 'Opname reservering eigen rekening', CURRENT_DATE, CURRENT_TIME, 4599, ?, ?, 4, 10.00,
                    'Relatie', CURRENT_TIMESTAMP, ?, ?, CURRENT_TIMESTAMP)""", waarde, waarde, eventId, eventId);
        return jdbc.queryForObject("SELECT id FROM allegro.portier_mutatie WHERE event_id = ?", Long.class, eventId);
    }

    private static CanonicalEvent event(JdbcTemplate jdbc, ObjectMapper mapper, long mutation) {
        String eventId = jdbc.queryForObject("SELECT event_id FROM allegro.portier_mutatie WHERE id = ?", String.class, mutation);
        return new CanonicalEvent(CanonicalEvent.SPEC_VERSION, eventId, OpnameReservering.SOURCE, OpnameReservering.TYPE,
                OffsetDateTime.now(), "4599", CanonicalEvent.JSON, mapper.createObjectNode().put("mutationId", mutation)
                .put("relatiecode", 4599).put("reserveringNummer", 4).put("amount", new BigDecimal("10.00")));
    }

    private static BigDecimal saldo(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT saldo FROM allegro.reservering WHERE relatiecode = 4599 AND soort = 'Prs' AND nummer = 4",
                BigDecimal.class);
    }
}
