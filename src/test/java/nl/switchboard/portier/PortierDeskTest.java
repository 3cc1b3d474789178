package nl.switchboard.portier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.CookieManager;
import java.sql.Connection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.allegro.telefoon.OpnameReservering;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.Chromium;

/** The Portier desk: its REST API over real HTTP, and its page in headless Chromium. */
class PortierDeskTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void mutationsWaitForAnOperator() {
        jdbc.update("UPDATE allegro.parameter SET waarde = 'Nee' WHERE nummer = 392");
    }

    @AfterEach
    void automaticAgain() {
        jdbc.update("UPDATE allegro.parameter SET waarde = 'Ja' WHERE nummer = 392");
    }

    @Test
    void theDeskApiRefusesAnonymousCallsAndOtherRoles() throws Exception {
        assertThat(get("/api/portier/mutaties", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/portier/mutaties", "portier:verkeerd").statusCode()).isEqualTo(401);
        assertThat(get("/api/portier/mutaties", "portier:demo-portier").statusCode()).isEqualTo(200);
        assertThat(get("/api/portier/mutaties", "operator:demo-operator").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", "portier:demo-portier").statusCode()).isEqualTo(403);
    }

    @Test
    void anOperatorProcessesAPendingMutationThroughTheApi() throws Exception {
        long carriedOut = pendingMutation("20.00");
        long notCarriedOut = pendingMutation("30.00");
        BigDecimal saldo = saldo();

        assertThat(get("/api/portier/mutaties?status=open", "portier:demo-portier").body())
                .contains("\"id\":" + carriedOut + ",").contains("\"id\":" + notCarriedOut + ",");

        HttpResponse<String> yes = post("/api/portier/mutaties/" + carriedOut + "/verwerken", "{\"doorvoeren\":true}");
        HttpResponse<String> no = post("/api/portier/mutaties/" + notCarriedOut + "/verwerken", "{\"doorvoeren\":false}");

        assertThat(yes.statusCode()).isEqualTo(200);
        assertThat(yes.body()).contains("allegro.withdrawal.booked");
        assertThat(no.statusCode()).isEqualTo(200);
        assertThat(no.body()).contains("allegro.withdrawal.rejected");
        assertThat(row(carriedOut)).containsEntry("doorgevoerd", true).containsEntry("uitvoering_automatisch", false)
                .containsEntry("medewerker_uitvoering", "portier");
        assertThat(row(notCarriedOut)).containsEntry("doorgevoerd", false).containsEntry("medewerker_uitvoering", "portier");
        assertThat(saldo()).isEqualByComparingTo(saldo.subtract(new BigDecimal("20.00")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.taak WHERE portier_mutatie_id = ?", Integer.class,
                notCarriedOut)).as("an operator's no is no failure: no task").isZero();

        assertThat(post("/api/portier/mutaties/" + carriedOut + "/verwerken", "{\"doorvoeren\":true}").statusCode()).isEqualTo(409);
        assertThat(post("/api/portier/mutaties/999999/verwerken", "{\"doorvoeren\":true}").statusCode()).isEqualTo(404);
        assertThat(post("/api/portier/mutaties/" + pendingMutation("1.00") + "/verwerken", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void aReserveringThatAllegroHoldsLockedIsAConflictAndTheMutationStaysOpen() throws Exception {
        long mutation = pendingMutation("10.00");
        BigDecimal saldo = saldo();

        try (Connection allegro = dataSource.getConnection()) {
            allegro.setAutoCommit(false);
            allegro.createStatement().executeQuery("SELECT saldo FROM allegro.reservering WHERE relatiecode = 4599 "
                    + "AND soort = 'Prs' AND nummer = 7 FOR UPDATE").close();
            HttpResponse<String> locked = post("/api/portier/mutaties/" + mutation + "/verwerken", "{\"doorvoeren\":true}");
            allegro.rollback();

            assertThat(locked.statusCode()).isEqualTo(409);
            assertThat(locked.body()).contains("vergrendeld").doesNotContain("Exception");
        }
        assertThat(row(mutation).get("doorgevoerd")).isNull();
        assertThat(saldo()).isEqualByComparingTo(saldo);

        assertThat(post("/api/portier/mutaties/" + mutation + "/verwerken", "{\"doorvoeren\":true}").statusCode()).isEqualTo(200);
        assertThat(row(mutation)).containsEntry("doorgevoerd", true);
    }

    @Test
    void aLoggedInBrowserSessionCannotProcessWithoutTheCsrfToken() throws Exception {
        long mutation = pendingMutation("5.00");
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String loginPage = browser.send(HttpRequest.newBuilder(url("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).isTrue();
        browser.send(HttpRequest.newBuilder(url("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=portier&password=demo-portier&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(browser.send(HttpRequest.newBuilder(url("/api/portier/taken")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("logged in").isEqualTo(200);

        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(url("/api/portier/mutaties/" + mutation + "/verwerken"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"doorvoeren\":true}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(row(mutation).get("doorgevoerd")).isNull();
    }

    @Test
    void theDeskPageInChromiumListsAndProcessesAMutation() {
        long mutation = pendingMutation("15.00");
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get("http://127.0.0.1:" + port + "/portier/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("portier");
            browser.findElement(By.name("password")).sendKeys("demo-portier");
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            By pending = By.cssSelector("#open tr[data-id='" + mutation + "']");
            wait.until(ExpectedConditions.presenceOfElementLocated(pending));
            assertThat(browser.findElement(pending).getText())
                    .contains("Telefoon", "Opname reservering eigen rekening", "Bedrag: 15,00 Betaalwijze: Relatie");

            browser.findElement(pending).findElement(By.name("doorvoeren")).click();

            By processed = By.cssSelector("#verwerkt tr[data-id='" + mutation + "']");
            wait.until(ExpectedConditions.presenceOfElementLocated(processed));
            assertThat(browser.findElements(pending)).isEmpty();
            assertThat(browser.findElement(processed).getText()).contains("portier").contains("Ja");
            assertThat(browser.findElement(By.id("melding")).getText()).contains("Mutatie " + mutation + " verwerkt");
        } finally {
            browser.quit();
        }
        assertThat(row(mutation)).containsEntry("doorgevoerd", true).containsEntry("medewerker_uitvoering", "portier");
    }

    private long pendingMutation(String bedrag) {
        String eventId = CanonicalEvent.factId(OpnameReservering.SOURCE, OpnameReservering.TYPE, UUID.randomUUID().toString());
        String waarde = "Relatiecode: 4599 Nummer reservering: 7 Bedrag: " + bedrag.replace('.', ',') + " Betaalwijze: Relatie";
        jdbc.update("""
                INSERT INTO allegro.portier_mutatie (soort_koppeling, soort_mutatie, datum, tijdstip, relatiecode,
                    oude_waarde, nieuwe_waarde, reservering_nummer, bedrag, welke_rekening, aangemaakt_op, event_id,
                    aanvraag_sleutel, verzonden_op)
                VALUES ('Telefoon', 'Opname reservering eigen rekening', CURRENT_DATE, CURRENT_TIME, 4599, ?, ?, 7, ?,
                    'Relatie', CURRENT_TIMESTAMP, ?, ?, CURRENT_TIMESTAMP)""",
                waarde, waarde, new BigDecimal(bedrag), eventId, eventId);
        return jdbc.queryForObject("SELECT id FROM allegro.portier_mutatie WHERE event_id = ?", Long.class, eventId);
    }

    private BigDecimal saldo() {
        return jdbc.queryForObject("SELECT saldo FROM allegro.reservering WHERE relatiecode = 4599 AND soort = 'Prs' AND nummer = 7",
                BigDecimal.class);
    }

    private Map<String, Object> row(long mutation) {
        return jdbc.queryForMap("SELECT * FROM allegro.portier_mutatie WHERE id = ?", mutation);
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Authorization", basic("portier:demo-portier"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
