package nl.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.allegro.telefoon.TelefoonClient;
import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.support.AnsweredCallback;
import nl.switchboard.support.BusTest;

/**
 * The external broker stops and starts again under a running bus: PBX callbacks get a clear 503 while
 * it is down (the PBX retries), an Integrationsmodul request is answered and its call.input waits in the
 * outbox, an IVR's withdrawal is accepted and waits in the Portier for the sweeper, a REST command is
 * 503, nothing acknowledged is lost, and the consumers reconnect by themselves.
 */
class BrokerOutageTest {

    /** Far above what the bus takes (well under a second), far below what it took before (3-15 s). */
    private static final Duration PROMPT_ANSWER = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void callbacksAre503WhileTheBrokerIsDownAndNothingAcknowledgedIsLost() throws Exception {
        Path dataDir = BusTest.freshDataDir().toAbsolutePath();
        Path brokerDir = dataDir.resolve("external-broker");
        int port = BusTest.freePort();
        EmbeddedBroker broker = broker(brokerDir, port);
        broker.start();
        try (ConfigurableApplicationContext bus = new SpringApplicationBuilder(SwitchboardApplication.class)
                .run("--server.port=0", "--switchboard.data-dir=" + dataDir, "--spring.artemis.broker-url=tcp://127.0.0.1:" + port,
                        "--spring.quartz.auto-startup=false", "--spring.quartz.scheduler-name=" + getClass().getSimpleName(),
                        "--switchboard.portier.sweep-interval=1s", "--switchboard.portier.sweep-grace=1s")) {
            int httpPort = ((WebServerApplicationContext) bus).getWebServer().getPort();
            JdbcTemplate jdbc = bus.getBean(JdbcTemplate.class);

            assertThat(answered(httpPort, "5030001.1", Duration.ofSeconds(20)).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> journalled(jdbc, "5030001.1") == 1);

            broker.stop();
            // at once, every time: the PBX is not kept waiting while the bus's consumers try to reconnect
            for (String call : List.of("5030002.1", "5030011.1", "5030012.1", "5030013.1")) {
                HttpResponse<String> down = answered(httpPort, call, PROMPT_ANSWER);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).isEqualTo("Service unavailable: the callback could not be stored; please retry");
                Thread.sleep(500);
            }
            // the drains, every 50 ms, pause after a failed run instead of failing (and logging) many times a second
            double drainRuns = drainRuns(bus);
            Thread.sleep(4000);
            assertThat(drainRuns(bus) - drainRuns).as("agent-status drain runs in 4 s").isLessThanOrEqualTo(3.0);
            // a caller on the line is answered all the same; the request waits in the outbox for the broker
            HttpResponse<String> module = get(httpPort, "/flexfone/module/keuzemenu?token=demo-token&uniquecallid=5030003.1&input=2",
                    PROMPT_ANSWER);
            assertThat(module.statusCode()).isEqualTo(200);
            assertThat(module.body()).isEqualTo("2000");
            Thread.sleep(1000);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM bus.flexfone_call_input WHERE call_id = '5030003.1' "
                    + "AND published_at IS NULL", Integer.class)).as("waiting in the outbox").isEqualTo(1);
            HttpResponse<String> command = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/calls"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("operator:demo-operator".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json").timeout(PROMPT_ANSWER)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"callee\":\"86515151\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(command.statusCode()).isEqualTo(503);
            assertThat(command.body()).startsWith("{\"error\":\"Broker not reachable: ");
            TelefoonClient ivr = new TelefoonClient("http://127.0.0.1:" + httpPort + "/ws/TelefoonService");
            ivr.login(4599);
            long asked = System.nanoTime();
            assertThat(ivr.opname(4599, 4, "12.34", "wrRelatie").isReturn()).as("accepted into the Portier").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("the caller on the line is answered at once")
                    .isLessThan(PROMPT_ANSWER);
            long mutation = jdbc.queryForObject("SELECT id FROM allegro.portier_mutatie WHERE bedrag = 12.34", Long.class);
            Thread.sleep(2500);
            assertThat(withdrawal(jdbc, mutation)).as("waiting for the broker").containsEntry("doorgevoerd", null)
                    .containsEntry("verzonden_op", null);

            broker = broker(brokerDir, port);
            broker.start();
            // the PBX repeats the refused callback until it is taken
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> answered(httpPort, "5030002.1", Duration.ofSeconds(20)).statusCode() == 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> journalled(jdbc, "5030002.1") == 1);
            assertThat(journalled(jdbc, "5030001.1")).as("acknowledged before the outage, journalled once").isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> journalled(jdbc, "5030003.1", "call.input") == 1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM bus.flexfone_call_input WHERE call_id = '5030003.1' "
                    + "AND published_at IS NOT NULL", Integer.class)).as("marked published").isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(withdrawal(jdbc, mutation).get("doorgevoerd")));
            assertThat(jdbc.queryForObject("SELECT saldo FROM allegro.reservering WHERE relatiecode = 4599 AND soort = 'Prs' "
                    + "AND nummer = 4", BigDecimal.class)).as("booked once").isEqualByComparingTo("237.66");
        } finally {
            broker.stop();
        }
    }

    private static EmbeddedBroker broker(Path dir, int port) {
        return new EmbeddedBroker(Path.of("broker/broker.xml"), Path.of("broker/login.config"), dir, port, false);
    }

    private HttpResponse<String> answered(int port, String call, Duration timeout) throws Exception {
        return get(port, AnsweredCallback.path(call), timeout);
    }

    private HttpResponse<String> get(int port, String path, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double drainRuns(ConfigurableApplicationContext bus) {
        Counter runs = bus.getBean(MeterRegistry.class).find("camel.exchanges.total").tag("routeId", "calls-to-agent-status")
                .counter();
        return runs == null ? 0 : runs.count();
    }

    private static Map<String, Object> withdrawal(JdbcTemplate jdbc, long mutation) {
        return jdbc.queryForMap("SELECT doorgevoerd, verzonden_op FROM allegro.portier_mutatie WHERE id = ?", mutation);
    }

    private static int journalled(JdbcTemplate jdbc, String call) {
        return journalled(jdbc, call, "call.answered");
    }

    private static int journalled(JdbcTemplate jdbc, String call, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM bus.event_journal WHERE subject = ? AND type = ?",
                Integer.class, call, type);
    }
}
