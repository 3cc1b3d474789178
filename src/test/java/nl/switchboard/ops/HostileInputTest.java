package nl.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;
import nl.switchboard.trace.EventTrace;

/**
 * Malformed and hostile input on each protocol: every one gets its protocol's error, never a stack
 * trace, and nothing is written. (Oversize bodies: RequestSizeLimitTest; XXE on XML-RPC and SOAP:
 * AgentAvailabilityTest, XmlRpcCodecTest, SampleRequestsTest; missing PBX parameters: EmployeeCallbackTest.)
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest extends BusTest {

    private static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
            + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventTrace trace;

    @Test
    void soapAnswersFaultsToBillionLaughsWrongEncodingAndNonXmlAndOpensNoSession(CapturedOutput log) throws Exception {
        BusHttp http = new BusHttp(port);
        int sessions = sessions();
        String login = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:tel=\"urn:TelefoonServiceIntf-ITelefoonService\"><soapenv:Body><tel:AllegroLogin>"
                + "<tel:Aanmeldcode>&lol4;</tel:Aanmeldcode><tel:Wachtwoord>demo-wachtwoord</tel:Wachtwoord>"
                + "<tel:Relatiecode>4599</tel:Relatiecode></tel:AllegroLogin></soapenv:Body></soapenv:Envelope>";
        byte[] latin1InUtf8 = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + login.replace("&lol4;", "ivr\u00e9"))
                .getBytes(StandardCharsets.ISO_8859_1);

        for (byte[] body : new byte[][] {(BILLION_LAUGHS + login).getBytes(StandardCharsets.UTF_8), latin1InUtf8,
                "this is no XML".getBytes(StandardCharsets.UTF_8)}) {
            HttpResponse<String> answer = http.send(http.request("/ws/TelefoonService", null)
                    .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("<faultcode>soap:Client</faultcode>").doesNotContain("lollol", "\tat ");
        }
        assertThat(sessions()).isEqualTo(sessions);
        // one line each, not CXF's stack trace
        assertThat(log.getOut()).contains("SOAP request to /ws/TelefoonService from 127.0.0.1 refused: Error reading "
                + "XMLStreamReader: Unexpected character 't'").doesNotContain("unwinding now");
    }

    @Test
    void xmlRpcAnswersAFaultToBillionLaughs() throws Exception {
        BusHttp http = new BusHttp(port);
        HttpResponse<String> answer = http.post("/xmlrpc", null, "text/xml", BILLION_LAUGHS
                + "<methodCall><methodName>&lol4;</methodName></methodCall>");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<name>faultCode</name>").doesNotContain("lollol", "\tat ");
    }

    @Test
    void restEndpointsAnswer400WithTheReasonToInvalidJsonAndMalformedPathsAndQueueNothing() throws Exception {
        BusHttp http = new BusHttp(port);
        String operator = "operator:demo-operator";
        int commands = commands();

        for (String body : new String[] {"{\"callee\": ", "[1,2", "\u0000", "not json"}) {
            HttpResponse<String> answer = http.post("/api/calls", operator, "application/json", body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).isEqualTo("{\"error\":\"Request body is not valid JSON for this endpoint\"}");
        }
        HttpResponse<String> notANumber = http.post("/api/dead-letters/DLQ.calls/abc/replay", operator, null, "");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).isEqualTo("{\"error\":\"'messageId' has the wrong form: abc\"}");
        assertThat(commands()).isEqualTo(commands);
    }

    private int sessions() {
        return jdbc.queryForObject("SELECT count(*) FROM bus.telefoon_session", Integer.class);
    }

    private int commands() {
        trace.writePending();
        return jdbc.queryForObject("SELECT count(*) FROM bus.event_trace WHERE queue = 'flexfone.commands'", Integer.class);
    }
}
