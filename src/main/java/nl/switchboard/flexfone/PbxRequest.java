package nl.switchboard.flexfone;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The parameters of a PBX request, by lower-case name: PBX configurations differ in case. */
final class PbxRequest {

    private PbxRequest() {
    }

    static Map<String, String> parameters(Map<String, Object> headers) {
        Map<String, String> parameters = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                parameters.put(name.toLowerCase(Locale.ROOT), value.toString().trim());
            }
        });
        return parameters;
    }
}
