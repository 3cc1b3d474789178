package nl.switchboard.flexfone;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * A PBX request as Camel's servlet hands it over: its parameters by lower-case name (PBX configurations
 * differ in case), and the name in its path after the route's own (/flexfone/employee/<b>answered</b>).
 */
final class PbxRequest {

    private PbxRequest() {
    }

    /** The rest of the path after the route's (without its slash): a callback's event, a module's name. */
    static String pathName(Map<String, Object> headers) {
        Object path = headers.get(Exchange.HTTP_PATH);
        String name = path == null ? "" : path.toString();
        return name.startsWith("/") ? name.substring(1) : name;
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
