package nl.switchboard.flexfone;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plain-text answers the PBX acts on (seed 001, Integrationsmodul): a local number, a caller-id
 * text or number, or key=value pairs joined by '&amp;' for the dynamic form (callerID, callerName,
 * gotolocalnumber; the keys are case-sensitive) and for stored variables (urlresult=…&amp;name=value).
 * A value can never break the form: '&amp;', '=' and line breaks are removed from it.
 */
final class PbxAnswer {

    private PbxAnswer() {
    }

    /** The answer for what a module route left as its body; empty when it found nothing. */
    static String of(Object body) {
        if (body == null) {
            return "";
        }
        if (body instanceof Map<?, ?> pairs) {
            return pairs.entrySet().stream()
                    .filter(e -> e.getValue() != null && !e.getValue().toString().isBlank())
                    .map(e -> clean(e.getKey().toString()) + "=" + clean(e.getValue().toString()))
                    .collect(Collectors.joining("&"));
        }
        return body.toString().replaceAll("[\\r\\n]", " ").trim();
    }

    private static String clean(String value) {
        return value.replaceAll("[&=\\r\\n]", " ").trim();
    }
}
