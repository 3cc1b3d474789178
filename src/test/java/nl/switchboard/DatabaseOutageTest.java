package nl.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.xml.ws.WebServiceException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.allegro.telefoon.OpnameReservering;
import nl.switchboard.allegro.telefoon.TelefoonClient;
import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.data.DeadConnections;
import nl.switchboard.support.AnsweredCallback;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.DatabaseServer;
import nl.switchboard.support.FakeLogoCrm;
import nl.switchboard.support.SeverableLink;

/**
 * The database goes away under a running bus, longer than the broker's redelivery of a call event
 * takes (five attempts within about 13 s here). A withdrawal waiting for the Portier stays on the
 * broker, costs none of Allegro's lock retries, and is booked once the database is back. PBX callbacks
 * are answered meanwhile (their path needs no database), and their events wait on the consumers'
 * queues instead of being dead-lettered; so does the call.input of an Integrationsmodul request that
 * could not be recorded. Logo CRM is told of an answered call while the caller is on the line. Callers
 * that need the database get their protocol's error. The database is a real server, H2 over TCP or the
 * test PostgreSQL, behind a link that is cut and restored under the running bus (the PostgreSQL server
 * is shared with other tests and cannot be stopped).
 */
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(16);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeLogoCrm crm = new FakeLogoCrm();

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void whatArrivesWhileTheDatabaseIsDownIsProcessedWhenItReturns(String databaseName) throws Exception {
        Path dataDir = BusTest.freshDataDir().toAbsolutePath();
        try (DatabaseServer server = DatabaseServer.start(databaseName); SeverableLink database = new SeverableLink(server.port());
                ConfigurableApplicationContext bus = new SpringApplicationBuilder(SwitchboardApplication.class)
                .run("--server.port=0", "--switchboard.data-dir=" + dataDir, "--spring.datasource.url=" + server.url(database.port()),
                        "--spring.datasource.username=" + server.user(),
                        "--switchboard.broker.port=" + BusTest.freePort(), "--switchboard.console.enabled=false",
                        "--spring.datasource.hikari.connection-timeout=1000", "--switchboard.portier.database-retry=1000",
                        "--switchboard.portier.lock-retry-unit=1s",
                        "--switchboard.logocrm.enabled=true", "--switchboard.logocrm.base-url=" + crm.baseUrl(),
                        "--spring.quartz.auto-startup=false", "--spring.quartz.scheduler-name=" + getClass().getSimpleName())) {
            JdbcTemplate jdbc = bus.getBean(JdbcTemplate.class);
            // the pool evicts what H2 over TCP reports as a lost connection (LostConnectionTransactionManagerTest)
            assertThat(bus.getBean(HikariDataSource.class).getExceptionOverrideClassName()).isEqualTo(DeadConnections.class.getName());
            ObjectMapper mapper = bus.getBean("canonicalObjectMapper", ObjectMapper.class);
            long mutation = mutatie(jdbc);
            BigDecimal saldo = saldo(jdbc);
            String withdrawal = mapper.writeValueAsString(event(jdbc, mapper, mutation));

            int httpPort = ((WebServerApplicationContext) bus).getWebServer().getPort();

            database.cut();
            try (BrokerClient client = new BrokerClient(bus.getBean(EmbeddedBroker.class).clientUrl())) {
                client.sendToQueue("portier.mutations", withdrawal);
                assertThat(answered(httpPort, "5040001.1").statusCode()).isEqualTo(200);
                // Logo CRM is told while the caller is on the line; once the database has failed to answer,
                // without waiting for it again (the pool's timeout, 1 s here)
                await().atMost(Duration.ofSeconds(10)).until(() -> pushes("5040001.1").size() == 1);
                long answeredAt = System.nanoTime();
                assertThat(get(httpPort, AnsweredCallback.path("5040003.1", "202")).statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> pushes("5040003.1").size() == 1);
                assertThat(Duration.ofNanos(System.nanoTime() - answeredAt)).isLessThan(Duration.ofMillis(800));
                // a caller on the line gets the module's answer; its request cannot be recorded, so call.input
                // goes to the broker at once and waits there with the call events
                HttpResponse<String> module = get(httpPort, "/flexfone/module/keuzemenu?token=demo-token"
                        + "&uniquecallid=5040002.1&input=2");
                assertThat(module.statusCode()).isEqualTo(200);
                assertThat(module.body()).isEqualTo("2000");
                // callers that need the database are told so in their protocol's terms, without the SQL
                TelefoonClient ivr = new TelefoonClient("http://127.0.0.1:" + httpPort + "/ws/TelefoonService");
                assertThatThrownBy(() -> ivr.login(4599)).isInstanceOf(WebServiceException.class)
                        .hasMessageContaining("Allegro is nu niet bereikbaar; probeer het later opnieuw")
                        .hasMessageNotContaining("SQL");
                HttpResponse<String> desk = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                                + "/api/portier/mutaties?status=open"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                "portier:demo-portier".getBytes(StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(desk.statusCode()).isEqualTo(503);
                assertThat(desk.body()).isEqualTo("{\"error\":\"Database not reachable; try again later\"}");
                assertThat(agentAvailability(httpPort)).contains("<fault>", "<i4>-32500</i4>",
                        "<string>Agent status unavailable; try again later</string>");
                // several tries fail meanwhile, none of them counted against parameter 353 (3 attempts)
                // or the five attempts of a call event
                Thread.sleep(OUTAGE.toMillis());
                assertThat(client.browse("DLQ.portier.mutations")).isEmpty();
                assertThat(client.browse("DLQ.calls")).isEmpty();
                // the answered call's card opened while the caller was on the line, with the default keypress
                assertThat(pushes("5040001.1")).singleElement().asString().contains("\"keypress\":\"1\"");
            }
            database.restore();

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> jdbc.queryForObject("SELECT doorgevoerd FROM allegro.portier_mutatie WHERE id = ?",
                            Boolean.class, mutation) != null);
            assertThat(jdbc.queryForObject("SELECT doorgevoerd FROM allegro.portier_mutatie WHERE id = ?", Boolean.class, mutation)).isTrue();
            assertThat(saldo(jdbc)).isEqualByComparingTo(saldo.subtract(new BigDecimal("10.00")));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM bus.event_journal WHERE subject = '5040001.1' AND type = 'call.answered'", Integer.class) == 1);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM bus.event_journal WHERE subject = '5040002.1' AND type = 'call.input'", Integer.class) == 1);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> "5040001.1".equals(jdbc.queryForObject(
                    "SELECT call_id FROM bus.agent_status WHERE extension = '201' AND status = 'called'", String.class)));
            assertThat(pushes("5040001.1")).as("not pushed again").hasSize(1);
            assertThat(pushes("5040003.1")).as("not pushed again").hasSize(1);
        }
    }

    private List<String> pushes(String call) {
        return crm.accepted().stream().map(FakeLogoCrm.Request::body).filter(body -> body.contains("\"" + call + "\"")).toList();
    }

    private HttpResponse<String> answered(int port, String call) throws Exception {
        return get(port, AnsweredCallback.path(call));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String agentAvailability(int port) throws Exception {
        String call = "<?xml version=\"1.0\"?><methodCall><methodName>ivr.getAgentAvail</methodName><params><param><value>"
                + "<struct><member><name>accountPin</name><value><string>12345</string></value></member><member>"
                + "<name>extensionId</name><value><string>201</string></value></member></struct></value></param></params>"
                + "</methodCall>";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/xmlrpc"))
                .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString()).body();
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
