package nl.switchboard.flexfone;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Client of the Flexfone API (seed 001, "API snitflade": {@code account} and {@code hash} on every
 * request, JSON answers) and of the MyFone MakeCall API. Errors say which call failed and how, never
 * with the hash or password in them.
 */
@Component
public class FlexfoneApi {

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final boolean enabled;
    private final String baseUrl;
    private final String account;
    private final String hash;
    private final String myfoneUrl;
    private final String myfoneUsername;
    private final String myfonePassword;
    private final Duration timeout;

    public FlexfoneApi(ObjectMapper canonicalObjectMapper,
                       @Value("${switchboard.flexfone.api.enabled}") boolean enabled,
                       @Value("${switchboard.flexfone.api.base-url}") String baseUrl,
                       @Value("${switchboard.flexfone.api.account:}") String account,
                       @Value("${switchboard.flexfone.api.hash:}") String hash,
                       @Value("${switchboard.flexfone.api.myfone-url}") String myfoneUrl,
                       @Value("${switchboard.flexfone.api.myfone-username:}") String myfoneUsername,
                       @Value("${switchboard.flexfone.api.myfone-password:}") String myfonePassword,
                       @Value("${switchboard.flexfone.api.timeout}") Duration timeout) {
        this.mapper = canonicalObjectMapper;
        this.enabled = enabled;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.account = account;
        this.hash = hash;
        this.myfoneUrl = myfoneUrl.replaceAll("/+$", "");
        this.myfoneUsername = myfoneUsername;
        this.myfonePassword = myfonePassword;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public boolean enabled() {
        return enabled;
    }

    /** GET employee: every employee of the PBX account. */
    public JsonNode employees() {
        return call("employee", HttpRequest.newBuilder(flexfone("employee", "")).GET());
    }

    /** GET Callflow: the variable call flows, as {localnumber, name, active, activeGoto, inactiveGoto}. */
    public JsonNode callflows() {
        JsonNode flows = call("Callflow", HttpRequest.newBuilder(flexfone("Callflow", "")).GET());
        var answer = mapper.createArrayNode();
        for (JsonNode flow : flows) {
            answer.addObject()
                    .put("localnumber", flow.path("Localnumber").asText())
                    .put("name", flow.path("Name").asText())
                    .put("active", flow.path("IsActive").asBoolean())
                    .put("activeGoto", flow.path("ActiveGoto").asText())
                    .put("inactiveGoto", flow.path("InactiveGoto").asText());
        }
        return answer;
    }

    /** POST Callflow/SetCallFlowState: the answer's Success must be true. */
    public void setCallFlowState(JsonNode command) {
        String localnumber = required(command, "localnumber");
        boolean active = command.path("active").asBoolean();
        JsonNode answer = call("SetCallFlowState", HttpRequest.newBuilder(flexfone("Callflow/SetCallFlowState",
                "localnumber=" + encode(localnumber) + "&active=" + active + "&"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (!answer.path("Success").asBoolean()) {
            throw new FlexfoneApiException("SetCallFlowState " + localnumber + " refused: " + answer.path("Message").asText());
        }
    }

    /** POST MakeCall (MyFone): rings the device (or the employee's phones when empty), then the callee. */
    public void makeCall(JsonNode command) {
        ObjectNode body = mapper.createObjectNode()
                .put("Device", command.path("device").asText(""))
                .put("Callee", required(command, "callee"))
                .put("Username", myfoneUsername)
                .put("Password", myfonePassword);
        try {
            call("MakeCall", HttpRequest.newBuilder(URI.create(myfoneUrl + "/MakeCall"))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))));
        } catch (IOException e) {
            throw new FlexfoneApiException("MakeCall request could not be written", e);
        }
    }

    private JsonNode call(String operation, HttpRequest.Builder request) {
        if (!enabled) {
            throw new FlexfoneApiException("The Flexfone API is not configured (switchboard.flexfone.api.enabled)");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FlexfoneApiException(operation + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlexfoneApiException(operation + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new FlexfoneApiException(operation + " answered HTTP " + response.statusCode());
        }
        try {
            return response.body().isBlank() ? mapper.createObjectNode() : mapper.readTree(response.body());
        } catch (IOException e) {
            throw new FlexfoneApiException(operation + " answered no JSON", e);
        }
    }

    private URI flexfone(String method, String query) {
        return URI.create(baseUrl + "/" + method + "?" + query + "account=" + encode(account) + "&hash=" + encode(hash));
    }

    private static String required(JsonNode command, String field) {
        String value = command.path(field).asText("").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Command without " + field);
        }
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
