package nl.switchboard.belfabriek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.BusTest;

/**
 * The Belfabriek Agent Availability API over real HTTP: Python's standard xmlrpc.client and raw XML as
 * a Java client send, the agent status following call events that arrive as Flexfone callbacks.
 */
class AgentAvailabilityTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void available() {
        jdbc.update("UPDATE bus.agent_status SET presence = 'available'");
    }

    @Test
    void theStatusFollowsTheCallsOfAnExtension() throws Exception {
        String call = Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000) + ".9";
        // 202 as before any call event: EmployeeCallbackTest, when it ran first, left it calling
        jdbc.update("DELETE FROM bus.agent_status WHERE extension = '202'");
        assertThat(python("general.getExtensionStatus", "{\"custId\":\"12345\",\"extId\":\"202\"}"))
                .isEqualTo("{\"Available\": \"idle\"}");

        callback("incoming", "&UniqueCallId=" + call + "&Calledphone=302&ANumber=86515151&TimeStamp=2026-11-22%2010:00:00&EmployeeLocalNumber=202");
        awaitStatus("202", "calling");
        assertThat(python("ivr.getAgentAvail", "{\"accountPin\":\"12345\",\"extensionId\":\"202\"}"))
                .isEqualTo("{\"availReason\": \"handling\", \"available\": 1, \"extension\": \"40506070\"}");

        callback("answered", "&UniqueCallId=" + call + "&EmployeeLocalNumber=202&ANumber=86515151&TimeStamp=2026-11-22%2010:00:05");
        awaitStatus("202", "called");

        callback("ended", "&UniqueCallId=" + call + "&Duration=60&Transfer=False&CallDirection=Incoming");
        awaitStatus("202", "wrapup");
        // the test configuration's wrapup is 1 s
        awaitStatus("202", "idle");
    }

    @Test
    void callEventsThatWaitedAreAppliedInTheirOrderInOneBatch() throws Exception {
        String call = Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000) + ".8";
        // The projection ignores an event older than the last one applied to 202, which may be another
        // test's ended, stamped on its arrival; an ended carries no time and is stamped on arrival too.
        // Two seconds on, a PBX time of the previous and of this second lies after the one and before the other.
        Thread.sleep(2000);
        LocalDateTime now = LocalDateTime.now(ZoneId.of("Europe/Copenhagen")).withNano(0);
        camel.getRouteController().stopRoute("calls-to-agent-status");
        try {
            callback("incoming", "&UniqueCallId=" + call + "&Calledphone=302&ANumber=86515151&TimeStamp="
                    + pbxTime(now.minusSeconds(1)) + "&EmployeeLocalNumber=202");
            callback("answered", "&UniqueCallId=" + call + "&EmployeeLocalNumber=202&ANumber=86515151&TimeStamp="
                    + pbxTime(now));
            callback("ended", "&UniqueCallId=" + call + "&Duration=60&Transfer=False&CallDirection=Incoming");
        } finally {
            camel.getRouteController().startRoute("calls-to-agent-status");
        }
        // ended finds the agent by the call that answered set a moment earlier in the same transaction
        awaitStatus("202", "wrapup");
        assertThat(jdbc.queryForObject("SELECT call_id FROM bus.agent_status WHERE extension = '202'", String.class))
                .isEqualTo(call);
    }

    @Test
    void pausedAndLoggedOutAgentsAreNotAvailable() throws Exception {
        // the number the answer carries is the directory's, which FlexfoneApiTest's sync may have replaced
        jdbc.update("UPDATE bus.directory_phone SET number = '+4520304050' WHERE localnumber = '201'");
        assertThat(presence("201", "paused").statusCode()).isEqualTo(200);
        assertThat(python("ivr.getAgentAvail", "{\"accountCode\":\"12345\",\"extensionId\":\"201\"}"))
                .isEqualTo("{\"availReason\": \"pause\", \"available\": 0, \"extension\": \"+4520304050\"}");

        presence("201", "logged-out");
        assertThat(python("ivr.getAgentAvail", "{\"accountCode\":\"12345\",\"extId\":\"201\"}"))
                .contains("\"availReason\": \"-\", \"available\": 0");

        assertThat(presence("201", "op vakantie").statusCode()).isEqualTo(400);
        assertThat(presence("999", "paused").statusCode()).isEqualTo(404);
    }

    @Test
    void faultsForAWrongPinMissingParametersAnUnknownMethodAndAnUnknownExtension() throws Exception {
        assertThat(python("ivr.getAgentAvail", "{\"accountPin\":\"00000\",\"extensionId\":\"201\"}"))
                .isEqualTo("{\"faultCode\": -32001, \"faultString\": \"Wrong account pin\"}");
        assertThat(python("ivr.getAgentAvail", "{\"accountPin\":\"12345\"}"))
                .isEqualTo("{\"faultCode\": -32602, \"faultString\": \"Missing parameter extensionId or extId\"}");
        assertThat(python("ivr.getAgentStatus", "{\"accountPin\":\"12345\",\"extensionId\":\"201\"}")).contains("-32601");
        // an extension with accents, sent and answered in iso-8859-1
        assertThat(python("ivr.getAgentAvail", "{\"accountPin\":\"12345\",\"extensionId\":\"Zoë\"}", "iso-8859-1"))
                .isEqualTo("{\"faultCode\": -32602, \"faultString\": \"Unknown extension Zoë\"}");
    }

    @Test
    void rawIso88591RequestsAtTheVendorPathAndHostileXmlAreAnsweredInXmlRpcTerms() throws Exception {
        byte[] request = ("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><methodCall><methodName>ivr.getAgentAvail"
                + "</methodName><params><param><value><struct><member><name>accountCode</name><value><string>12345"
                + "</string></value></member><member><name>extensionId</name><value><string>Zoë</string></value></member>"
                + "</struct></value></param></params></methodCall>").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(url("/xml/agent/xml.asp"))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).isEqualToIgnoringCase("text/xml;charset=iso-8859-1");
        assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1)).contains("Unknown extension Zoë");

        HttpResponse<String> xxe = http.send(HttpRequest.newBuilder(url("/xmlrpc")).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM "
                        + "\"file:///etc/passwd\">]><methodCall><methodName>&x;</methodName></methodCall>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(xxe.statusCode()).isEqualTo(200);
        assertThat(xxe.body()).contains("<fault>").contains("DOCTYPE").doesNotContain("root:");
    }

    private static String pbxTime(LocalDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'%20'HH:mm:ss"));
    }

    private void awaitStatus(String extension, String status) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(python("general.getExtensionStatus", "{\"accountCode\":\"12345\",\"extensionId\":\"" + extension + "\"}"))
                        .isEqualTo("{\"Available\": \"" + status + "\"}"));
    }

    private String python(String method, String struct, String... encoding) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "src/test/resources/xmlrpc/belfabriek_client.py",
                "http://127.0.0.1:" + port + "/xmlrpc", method, struct));
        command.addAll(List.of(encoding));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private void callback(String event, String parameters) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/flexfone/employee/" + event
                + "?token=demo-token&AccountId=4711" + parameters)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> presence(String extension, String presence) throws Exception {
        return http.send(HttpRequest.newBuilder(url("/api/agents/" + extension + "/presence"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("operator:demo-operator".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"presence\":\"" + presence + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
