package nl.switchboard.flexfone;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Headers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.switchboard.canonical.CanonicalEvent;

/**
 * Flexfone Medarbejderintegration (seed 001): the PBX calls a URL when an employee's phone rings
 * (incoming), the employee answers (answered) or ends a call (ended), or calls out (outgoing). Each
 * callback becomes one canonical {@code call.*} event; its id is stable per call, event and employee,
 * so a repeated callback is the same fact, which the broker takes once (route publish-call-event).
 */
@Component
public class EmployeeCallbacks {

    /** The seed's parameters per event; LinkedUniqueCallId is optional on answered. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "incoming", List.of("AccountId", "UniqueCallId", "Calledphone", "ANumber", "TimeStamp", "EmployeeLocalNumber"),
            "answered", List.of("AccountId", "UniqueCallId", "EmployeeLocalNumber", "ANumber", "TimeStamp"),
            "ended", List.of("AccountId", "UniqueCallId", "Duration", "Transfer", "CallDirection"),
            "outgoing", List.of("AccountId", "UniqueCallId", "EmployeeLocalNumber", "ANumber", "TimeStamp", "PhoneLocalNumber"));
    /** A caller with a hidden number has an empty ANumber. */
    private static final List<String> MAY_BE_EMPTY = List.of("ANumber");
    private static final List<String> OPTIONAL = List.of("LinkedUniqueCallId");

    private final PbxAccess access;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ZoneId pbxZone;

    public EmployeeCallbacks(PbxAccess access, ObjectMapper canonicalObjectMapper, Clock clock,
                             @Value("${switchboard.flexfone.zone}") ZoneId pbxZone) {
        this.access = access;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.pbxZone = pbxZone;
    }

    /** Checks the callback and translates it; throws {@link CallbackRejected} with the HTTP answer. */
    public CanonicalEvent toCanonical(@Headers Map<String, Object> request) {
        Map<String, String> parameters = PbxRequest.parameters(request);
        access.requireToken(parameters.get("token"));
        String event = PbxRequest.pathName(request);
        List<String> required = REQUIRED.get(event);
        if (required == null) {
            throw new CallbackRejected(404, "Unknown callback '" + event + "': use incoming, answered, ended or outgoing");
        }
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            String value = parameters.get(name.toLowerCase(Locale.ROOT));
            if (value == null || (value.isBlank() && !MAY_BE_EMPTY.contains(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new CallbackRejected(400, "Missing parameters: " + String.join(", ", missing));
        }
        String account = parameters.get("accountid");
        access.requireAccount(account);

        ObjectNode data = mapper.createObjectNode().put("account", account).put("event", event);
        for (String name : required) {
            data.put(fieldName(name), parameters.get(name.toLowerCase(Locale.ROOT)));
        }
        for (String name : OPTIONAL) {
            String value = parameters.get(name.toLowerCase(Locale.ROOT));
            if (value != null && !value.isBlank()) {
                data.put(fieldName(name), value);
            }
        }
        normalise(data);
        String callId = parameters.get("uniquecallid");
        String employee = parameters.getOrDefault("employeelocalnumber", "");
        return CanonicalEvent.of("/flexfone/" + account, "call." + event, callId + "/" + event + "/" + employee, callId,
                time(parameters.get("timestamp")), data);
    }

    /** Canonical names: callId, callerNumber, employeeExtension, phoneExtension, calledPhone, ... */
    private static String fieldName(String parameter) {
        return switch (parameter) {
            case "AccountId" -> "account";
            case "UniqueCallId" -> "callId";
            case "LinkedUniqueCallId" -> "linkedCallId";
            case "EmployeeLocalNumber" -> "employeeExtension";
            case "PhoneLocalNumber" -> "phoneExtension";
            case "Calledphone" -> "calledPhone";
            case "ANumber" -> "callerNumber";
            case "TimeStamp" -> "timestamp";
            case "Duration" -> "duration";
            case "Transfer" -> "transfer";
            case "CallDirection" -> "direction";
            default -> throw new IllegalArgumentException(parameter);
        };
    }

    /** Transfer "True"/"False" becomes a boolean, CallDirection lower case, Duration a number where it is one. */
    private static void normalise(ObjectNode data) {
        if (data.has("transfer")) {
            data.put("transfer", Boolean.parseBoolean(data.get("transfer").asText().trim()));
        }
        if (data.has("direction")) {
            data.put("direction", data.get("direction").asText().trim().toLowerCase(Locale.ROOT));
        }
        if (data.has("duration") && data.get("duration").asText().trim().matches("\\d{1,9}")) {
            data.put("duration", Integer.parseInt(data.get("duration").asText().trim()));
        }
    }

    /** The PBX's local time ("2026-11-22 10:15:30" or ISO); the time of arrival when there is none. */
    private OffsetDateTime time(String timestamp) {
        if (timestamp != null && !timestamp.isBlank()) {
            String value = timestamp.trim().replace('T', ' ');
            for (DateTimeFormatter format : List.of(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
                    DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss"))) {
                try {
                    return LocalDateTime.parse(value, format).atZone(pbxZone).toOffsetDateTime();
                } catch (DateTimeParseException e) {
                    // try the next form
                }
            }
        }
        return OffsetDateTime.now(clock);
    }
}
