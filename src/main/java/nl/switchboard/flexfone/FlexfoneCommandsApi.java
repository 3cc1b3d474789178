package nl.switchboard.flexfone;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.ops.ApiErrors;

/**
 * REST API of the bus for Flexfone commands (role OPERATOR): a call to originate or a call flow to
 * switch becomes a command on flexfone.commands (202 Accepted: durably queued, carried out by the API
 * client); the call flows are read live. An Idempotency-Key header makes a retried POST the same command.
 */
@RestController
@RequestMapping("/api")
public class FlexfoneCommandsApi {

    public static final String SOURCE = "/api";

    private final ProducerTemplate producer;
    private final FlexfoneApi flexfone;
    private final ObjectMapper mapper;
    private final Clock clock;

    public FlexfoneCommandsApi(ProducerTemplate producer, FlexfoneApi flexfone, ObjectMapper canonicalObjectMapper, Clock clock) {
        this.producer = producer;
        this.flexfone = flexfone;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
    }

    /** {"callee": "86515151", "device": "200000"}; device may be left out. */
    @PostMapping("/calls")
    public ResponseEntity<Map<String, String>> originate(@RequestBody JsonNode request,
                                                         @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        String callee = request.path("callee").asText("").replaceAll("[\\s-]", "");
        if (!callee.matches("\\+?\\d{3,20}")) {
            throw new IllegalArgumentException("callee must be a phone number");
        }
        String device = request.path("device").asText("").trim();
        if (!device.isEmpty() && !device.matches("\\d{1,20}")) {
            throw new IllegalArgumentException("device must be a local number");
        }
        return queue("call.originate", key, mapper.createObjectNode().put("callee", callee).put("device", device));
    }

    /** {"active": true|false} */
    @PostMapping("/callflows/{localnumber}/state")
    public ResponseEntity<Map<String, String>> callflowState(@PathVariable String localnumber, @RequestBody JsonNode request,
                                                             @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        if (!localnumber.matches("\\d{1,20}") || !request.path("active").isBoolean()) {
            throw new IllegalArgumentException("a numeric local number and active: true or false are required");
        }
        return queue("callflow.state", key, mapper.createObjectNode().put("localnumber", localnumber)
                .put("active", request.path("active").asBoolean()));
    }

    @GetMapping("/callflows")
    public JsonNode callflows() {
        return flexfone.callflows();
    }

    private ResponseEntity<Map<String, String>> queue(String type, String idempotencyKey, ObjectNode data) {
        String fact = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey.trim();
        CanonicalEvent command = CanonicalEvent.of(SOURCE, type, fact, null, OffsetDateTime.now(clock), data);
        producer.sendBody("direct:flexfone-command", command);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", command.id(), "type", type));
    }

    @ExceptionHandler(FlexfoneApiException.class)
    ResponseEntity<Map<String, String>> unavailable(FlexfoneApiException e) {
        return ApiErrors.error(HttpStatus.BAD_GATEWAY, e.getMessage());
    }
}
