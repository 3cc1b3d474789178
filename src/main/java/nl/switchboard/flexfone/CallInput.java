package nl.switchboard.flexfone;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.switchboard.canonical.CanonicalEvent;

/**
 * One Integrationsmodul request as recorded in bus.flexfone_call_input and published as
 * {@code call.input}. Its event id is the fact (call, module, input), so the event is the same whichever
 * way it reaches the broker: from the recorded row, or directly when the row could not be written.
 */
record CallInput(String callId, String module, String callerId, String callerName, String input, String answer,
                 boolean fallback, OffsetDateTime receivedAt) {

    CanonicalEvent event(ObjectMapper mapper) {
        return CanonicalEvent.of(IntegrationModules.SOURCE, "call.input", callId + "/" + module + "/" + input, callId,
                receivedAt, mapper.createObjectNode().put("callId", callId).put("module", module)
                        .put("callerId", nullToEmpty(callerId)).put("callerName", nullToEmpty(callerName))
                        .put("input", input).put("answer", answer).put("fallback", fallback));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
