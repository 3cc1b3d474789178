package nl.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.flexfone.IntegrationModules;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.FakeLogoCrm;
import nl.switchboard.support.TestDatabases;

/**
 * The bus killed with SIGKILL in the middle of a stream of answered-call callbacks and Integrationsmodul
 * requests, then started again on the same data: every callback that was answered 200 reaches Logo CRM,
 * and exactly once but for the one push in flight at the kill, also when the PBX sends every callback
 * again; every module request that was answered was recorded and becomes call.input. That one Logo CRM
 * may have accepted just before the bus could record it; its API has no idempotency key, so the bus
 * cannot tell and pushes again rather than risk never. The bus runs as a separate JVM, so the kill is a
 * real one; on either database.
 */
class BusKillTest {

    private static final Duration UP_WITHIN = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final FakeLogoCrm crm = new FakeLogoCrm();
    private final Path dataDir = BusTest.freshDataDir().toAbsolutePath();
    private final int httpPort = BusTest.freePort();
    private final int brokerPort = BusTest.freePort();
    private final List<Process> started = new CopyOnWriteArrayList<>();

    /** No bus outlives its test, whatever failed. */
    @AfterEach
    void stopBuses() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void everyAcknowledgedCallbackReachesLogoCrmOnceAfterAKillButTheOneInFlight(String database) throws Exception {
        List<String> databaseArguments = TestDatabases.busArguments(database);
        Process bus = start("first", databaseArguments);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread pbx = new Thread(() -> {
            for (int i = 1; streaming.get(); i++) {
                String call = "909" + i + ".1";
                sent.add(call);
                try {
                    if (answered(call).statusCode() == 200) {
                        acknowledged.add(call);
                    }
                } catch (Exception e) {
                    // the bus is gone mid-request: not acknowledged, the PBX would try again
                }
            }
        });
        Set<String> answeredModules = ConcurrentHashMap.newKeySet();
        Thread ivr = new Thread(() -> {
            for (int i = 1; streaming.get(); i++) {
                String call = "808" + i + ".1";
                try {
                    if (module(call).body().equals("2000")) {
                        answeredModules.add(call);
                    }
                } catch (Exception e) {
                    // the bus is gone mid-request: the caller got no answer, nothing was promised
                }
            }
        });
        pbx.start();
        ivr.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 50 && answeredModules.size() >= 50);
        bus.destroyForcibly().waitFor();
        streaming.set(false);
        pbx.join();
        ivr.join();

        start("second", databaseArguments);
        await().atMost(Duration.ofSeconds(60)).until(() -> pushedCalls().keySet().containsAll(acknowledged));
        // the PBX sends every callback again, the acknowledged ones too (as if their 200 had been lost):
        // the broker knows each event's id from before the kill, so nothing is published twice
        for (String call : sent) {
            assertThat(answered(call).statusCode()).as("callback " + call + " sent again").isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pushedCalls().keySet().containsAll(sent));
        // every request the PBX got its answer to was recorded, and is published as call.input after the restart
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(withoutCallInput(answeredModules))
                .as("answered Integrationsmodul requests without call.input after the kill").isEmpty());
        Thread.sleep(2_000);
        Map<String, Long> pushes = pushedCalls();
        assertThat(acknowledged.stream().filter(call -> pushes.get(call) != 1).toList())
                .as("acknowledged calls pushed more than once: at most the one in flight at the kill")
                .hasSizeLessThanOrEqualTo(1);
        assertThat(pushes.values()).as("never more than twice").allMatch(count -> count <= 2);
        // Logo CRM's consumer skips what it delivered before, so the broker's own count tells: a callback
        // published twice would be delivered twice
        List<String> deliveredTwice = new ArrayList<>();
        for (String call : sent) {
            if (processedDeliveries(CanonicalEvent.factId("/flexfone/4711", "call.answered", call + "/answered/201"),
                    "calls.logocrm") > 1) {
                deliveredTwice.add(call);
            }
        }
        assertThat(deliveredTwice).as("callbacks on calls more than once: at most the one in flight at the kill")
                .hasSizeLessThanOrEqualTo(1);
    }

    /** The bus in its own JVM, on the test's classpath, with Logo CRM pointed at the fake. */
    private Process start(String run, List<String> databaseArguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SwitchboardApplication.class.getName(),
                "--server.port=" + httpPort, "--switchboard.data-dir=" + dataDir, "--switchboard.broker.port=" + brokerPort,
                "--switchboard.console.enabled=false", "--switchboard.logocrm.enabled=true",
                "--switchboard.logocrm.base-url=" + crm.baseUrl(), "--spring.quartz.auto-startup=false"));
        command.addAll(databaseArguments);
        File log = dataDir.resolve("bus-" + run + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        started.add(process);
        await().atMost(UP_WITHIN).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\""));
        return process;
    }

    private HttpResponse<String> answered(String call) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/flexfone/employee/answered"
                + "?token=demo-token&AccountId=4711&UniqueCallId=" + call + "&EmployeeLocalNumber=201&ANumber=86515151"
                + "&TimeStamp=2026-11-23%2009:30:00")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> module(String call) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/flexfone/module/keuzemenu"
                + "?token=demo-token&input=1&uniquecallid=" + call)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> withoutCallInput(Set<String> calls) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String call : calls) {
            if (!journalled(CanonicalEvent.factId(IntegrationModules.SOURCE, "call.input", call + "/keuzemenu/1"))) {
                missing.add(call);
            }
        }
        return missing;
    }

    private boolean journalled(String eventId) throws Exception {
        return event(eventId).statusCode() == 200;
    }

    /** How often the event was taken from the queue and processed, by the bus's trace of deliveries. */
    private long processedDeliveries(String eventId, String queue) throws Exception {
        JsonNode deliveries = new ObjectMapper().readTree(event(eventId).body()).path("deliveries");
        long processed = 0;
        for (JsonNode delivery : deliveries) {
            if (delivery.path("queue").asText().equals(queue) && delivery.path("outcome").asText().equals("processed")) {
                processed++;
            }
        }
        return processed;
    }

    private HttpResponse<String> event(String eventId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/events/" + eventId))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "operator:demo-operator".getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How often Logo CRM accepted each call. */
    private Map<String, Long> pushedCalls() {
        return crm.accepted().stream()
                .map(request -> request.body().replaceAll(".*\"callUniqueId\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
