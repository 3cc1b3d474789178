package nl.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;

/**
 * Every HTTP endpoint caps its request body (1 MB by default) and refuses a larger one with 413 in
 * its protocol's terms, whether the length is declared or the body comes chunked.
 */
class RequestSizeLimitTest extends BusTest {

    private static final int OVER_LIMIT = 1024 * 1024 + 512;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void soapRequestsOverTheCapGetA413SoapFaultDeclaredOrChunked() throws Exception {
        for (HttpResponse<String> answer : both("/ws/TelefoonService", "text/xml", oversizeSoap())) {
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.body()).contains("<soap:Fault><faultcode>soap:Client</faultcode>",
                    "Request body larger than 1048576 bytes");
        }
        assertThat(both("/soap/ITelefoonService", "text/xml", oversizeSoap()).get(0).statusCode()).isEqualTo(413);
    }

    @Test
    void aChunkedRequestWithinTheCapIsServedAsUsual() throws Exception {
        byte[] login = Files.readAllBytes(Path.of("src/test/resources/requests/AllegroLogin.xml"));
        HttpResponse<String> answer = new BusHttp(port).send(new BusHttp(port).request("/ws/TelefoonService", null)
                .header("Content-Type", "text/xml").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(login))));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("AllegroLoginResponse");
    }

    @Test
    void xmlRpcRequestsOverTheCapGetA413XmlRpcFault() throws Exception {
        byte[] call = ("<?xml version=\"1.0\"?><methodCall><methodName>ivr.getAgentAvail</methodName><params>"
                + "<param><value><string>" + "x".repeat(OVER_LIMIT) + "</string></value></param></params></methodCall>")
                .getBytes(StandardCharsets.UTF_8);
        for (String path : new String[] {"/xmlrpc", "/xml/agent/xml.asp"}) {
            for (HttpResponse<String> answer : both(path, "text/xml", call)) {
                assertThat(answer.statusCode()).isEqualTo(413);
                assertThat(answer.body()).contains("<name>faultCode</name>", "Request body larger than 1048576 bytes");
            }
        }
    }

    @Test
    void pbxCallbacksOverTheCapGetA413InPlainTextAndNothingIsStored() throws Exception {
        String call = "413413.1";
        byte[] form = ("token=demo-token&AccountId=4711&UniqueCallId=" + call + "&EmployeeLocalNumber=201&ANumber=86515151"
                + "&TimeStamp=2026-11-22%2010:15:30&padding=" + "x".repeat(OVER_LIMIT)).getBytes(StandardCharsets.UTF_8);
        for (HttpResponse<String> answer : both("/flexfone/employee/answered", "application/x-www-form-urlencoded", form)) {
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(answer.body()).isEqualTo("Request body larger than 1048576 bytes");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bus.event_journal WHERE subject = ?", Integer.class, call)).isZero();
    }

    @Test
    void restCallsOverTheCapGetA413JsonErrorBeforeAuthentication() throws Exception {
        byte[] json = ("{\"padding\":\"" + "x".repeat(OVER_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (HttpResponse<String> answer : both("/api/calls", "application/json", json)) {
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.body()).isEqualTo("{\"error\":\"Request body larger than 1048576 bytes\"}");
        }
    }

    /** The same body sent with its length declared, and chunked (length unknown until the end). */
    private List<HttpResponse<String>> both(String path, String contentType, byte[] body) throws Exception {
        BusHttp http = new BusHttp(port);
        HttpResponse<String> declared = http.send(http.request(path, null).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        HttpResponse<String> chunked = http.send(http.request(path, null).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        return List.of(declared, chunked);
    }

    private static byte[] oversizeSoap() {
        return ("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + "<!--" + "x".repeat(OVER_LIMIT) + "--></soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
    }
}
