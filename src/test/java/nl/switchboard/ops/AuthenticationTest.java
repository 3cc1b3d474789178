package nl.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;

/**
 * Everything that is not a PBX callback or a protocol with its own authentication (SOAP, XML-RPC)
 * refuses anonymous calls and wrong passwords, and admits only its roles.
 */
class AuthenticationTest extends BusTest {

    /** Method and path of every endpoint that needs a user. */
    private static final List<String> PROTECTED = List.of(
            "GET /api/agents/201", "POST /api/agents/201/presence",
            "POST /api/calls", "POST /api/callflows/100/state", "GET /api/callflows",
            "GET /api/dead-letters", "GET /api/dead-letters/DLQ.calls", "POST /api/dead-letters/DLQ.none/replay",
            "GET /api/events/x",
            "GET /api/portier/mutaties", "GET /api/portier/taken", "POST /api/portier/mutaties/0/verwerken",
            "GET /portier/",
            "GET /actuator/prometheus", "GET /actuator/info");

    @LocalServerPort
    int port;

    @Test
    void everyProtectedEndpointRefusesAnonymousCallsAndWrongPasswords() throws Exception {
        BusHttp http = new BusHttp(port);
        // not in the list: an operator's call would start a Customer Alliance run in the middle of other tests
        assertThat(call(http, "POST /api/customer-alliance/run", null).statusCode()).isEqualTo(401);
        assertThat(call(http, "POST /api/customer-alliance/run", "portier:demo-portier").statusCode()).isEqualTo(403);
        for (String endpoint : PROTECTED) {
            assertThat(call(http, endpoint, null).statusCode()).as("anonymous " + endpoint).isIn(401, 302);
            assertThat(call(http, endpoint, "operator:wrong").statusCode()).as("wrong password " + endpoint).isEqualTo(401);
        }
    }

    @Test
    void portierStaffReachTheDeskOnlyAndOperatorsEverything() throws Exception {
        BusHttp http = new BusHttp(port);
        for (String endpoint : PROTECTED) {
            boolean desk = endpoint.contains("/portier");
            assertThat(call(http, endpoint, "portier:demo-portier").statusCode()).as("portier " + endpoint)
                    .matches(status -> desk ? status != 401 && status != 403 : status == 403, desk ? "admitted" : "403");
            assertThat(call(http, endpoint, "operator:demo-operator").statusCode()).as("operator " + endpoint)
                    .isNotIn(401, 403);
        }
    }

    @Test
    void theProtocolPathsAnswerTheirCallersWithoutLoginOrSessionAndWithTheSecurityHeaders() throws Exception {
        BusHttp http = new BusHttp(port);
        for (String path : List.of("/ws/TelefoonService?wsdl", "/soap/ITelefoonService?wsdl",
                "/flexfone/employee/answered?token=wrong")) {
            HttpResponse<String> answer = http.get(path, null);
            if (path.startsWith("/flexfone")) {
                // the PBX's own answer to a wrong token, not Spring Security's
                assertThat(answer.statusCode()).isEqualTo(403);
                assertThat(answer.body()).containsIgnoringCase("token");
            } else {
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
            }
            assertThat(answer.headers().firstValue("Set-Cookie")).as(path).isEmpty();
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    private static HttpResponse<String> call(BusHttp http, String endpoint, String credentials) throws Exception {
        String[] methodAndPath = endpoint.split(" ");
        return methodAndPath[0].equals("GET") ? http.get(methodAndPath[1], credentials)
                : http.post(methodAndPath[1], credentials, "application/json", "{}");
    }
}
