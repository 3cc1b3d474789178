package nl.switchboard.customeralliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;

/**
 * Soferu → Customer Alliance against the real broker and database and a faithful fake push API. The
 * demo stays go first: every later selection would send them along with that test's own stays.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerAllianceTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedBroker broker;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void acceptingAgain() {
        CUSTOMER_ALLIANCE.refuseNext(0);
    }

    @Test
    @Order(1)
    void theQualifyingDemoStaysAreSentOnceWithTheirHistoryEntry() throws Exception {
        assertThat(run()).contains("\"queued\":");
        JsonNode mueller = awaitGuest("B-1001");

        assertThat(mueller.toString()).isEqualTo("{\"gender\":\"f\",\"first_name\":\"Anna\",\"name\":\"Müller\","
                + "\"language\":\"de\",\"id\":\"1\",\"email\":\"anna.mueller@example.org\",\"arrival_date\":\""
                + jdbc.queryForObject("SELECT arrival FROM soferu.stay WHERE booking_number = 'B-1001'", String.class)
                + "\",\"departure_date\":\"" + jdbc.queryForObject("SELECT departure FROM soferu.stay WHERE booking_number = 'B-1001'", String.class)
                + "\",\"reservation_id\":\"B-1001\",\"cancelled\":false,\"room_number\":\"101\",\"room_category\":\"Doppelzimmer\","
                + "\"phone_number\":\"+49 30 1234567\"}");
        awaitGuest("B-1002");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM soferu.stay_history WHERE booking_number IN ('B-1001', 'B-1002') "
                        + "AND text = 'Gastdaten an Customer Alliance übermittelt'", Integer.class) == 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM soferu.stay WHERE booking_number IN ('B-1001', 'B-1002') "
                + "AND transmitted_at IS NOT NULL", Integer.class)).isEqualTo(2);
        assertThat(sentBookings()).as("each selection rule keeps its stay out")
                .doesNotContain("B-1003", "B-1004", "B-1005", "B-1006", "B-1007");

        int requests = CUSTOMER_ALLIANCE.requests();
        assertThat(run()).isEqualTo("{\"queued\":0}");
        Thread.sleep(1500);
        assertThat(CUSTOMER_ALLIANCE.requests()).as("a rerun sends nothing").isEqualTo(requests);
        assertThat(sentBookings().stream().filter(b -> b.equals("B-1001"))).hasSize(1);
    }

    @Test
    void aRefusedChunkIsRetriedThenAccepted() throws Exception {
        stays("R-", 3);
        CUSTOMER_ALLIANCE.refuseNext(1);

        run();

        for (int i = 1; i <= 3; i++) {
            awaitGuest("R-" + i);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM soferu.transmission WHERE booking_number LIKE 'R-%' AND NOT success "
                + "AND errors LIKE '%invalid address%'", Integer.class)).isEqualTo(3);
    }

    @Test
    void aGuestRefusedAtEveryAttemptIsDeadLetteredWithTheErrors() throws Exception {
        stays("D-", 1);
        CUSTOMER_ALLIANCE.refuseNext(Integer.MAX_VALUE);

        run();

        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            Message dead = await().atMost(Duration.ofSeconds(30)).until(() -> client.browse("DLQ.guests.checkedout").stream()
                    .filter(m -> text(m).contains("\"subject\":\"D-1\"")).findFirst().orElse(null), m -> m != null);
            assertThat(dead.getStringProperty("SwitchboardFailure")).contains("email: invalid address");
        }
        assertThat(jdbc.queryForObject("SELECT transmitted_at FROM soferu.stay WHERE booking_number = 'D-1'", Object.class)).isNull();
    }

    @Test
    void twentyThousandStaysArriveOnceEach() throws Exception {
        stays("L-", 20_000);

        run();

        await().atMost(Duration.ofMinutes(3)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM soferu.stay WHERE booking_number LIKE 'L-%' AND transmitted_at IS NOT NULL", Integer.class) == 20_000);
        List<String> sent = sentBookings().stream().filter(b -> b.startsWith("L-")).toList();
        assertThat(sent).hasSize(20_000);
        assertThat(Set.copyOf(sent)).hasSize(20_000);
    }

    private void stays(String prefix, int count) {
        long firstGuest = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) + 1 FROM soferu.guest", Long.class);
        List<Object[]> guests = new ArrayList<>();
        List<Object[]> stays = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long guest = firstGuest + i;
            guests.add(new Object[] {guest, "Gast " + i, "Test", "m", "de", "gast" + i + "@example.org"});
            stays.add(new Object[] {prefix + i, guest});
        }
        jdbc.batchUpdate("INSERT INTO soferu.guest (id, name, first_name, gender, language, email) VALUES (?, ?, ?, ?, ?, ?)", guests);
        jdbc.batchUpdate("INSERT INTO soferu.stay (booking_number, guest_id, status, arrival, departure, checked_out, "
                + "checked_out_at, notify_on_occupancy) VALUES (?, ?, 'booked', CURRENT_DATE - INTERVAL '2' DAY, CURRENT_DATE, "
                + "TRUE, CURRENT_TIMESTAMP, TRUE)", stays);
    }

    private String run() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/customer-alliance/run"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("operator:demo-operator".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private JsonNode awaitGuest(String booking) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> CUSTOMER_ALLIANCE.accepted().stream()
                .filter(g -> g.path("reservation_id").asText().equals(booking)).findFirst().orElse(null), g -> g != null);
    }

    private static List<String> sentBookings() {
        return CUSTOMER_ALLIANCE.accepted().stream().map(g -> g.path("reservation_id").asText()).collect(Collectors.toList());
    }

    private static String text(Message message) {
        try {
            return ((jakarta.jms.TextMessage) message).getText();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
