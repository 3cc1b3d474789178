package nl.switchboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Belfabriek's Agent Availability API (http://api1.belfabriek.nl/xml/agent/xml.asp,
 * seed 002) on loopback, answering with the seed's example responses in iso-8859-1; a wrong account
 * code gets a fault.
 */
public final class FakeBelfabriek {

    public static final String ACCOUNT = "98765";

    public record Agent(int available, String availReason, String extension, String status) {
    }

    private final HttpServer server;
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();

    public FakeBelfabriek() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/xml/agent/xml.asp", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/xml/agent/xml.asp";
    }

    public void set(String extensionId, Agent agent) {
        agents.put(extensionId, agent);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        String method = first(request, "<methodName>([^<]+)</methodName>");
        String account = first(request, "<name>accountCode</name>\\s*<value>\\s*<string>([^<]*)</string>");
        String extension = first(request, "<name>extensionId</name>\\s*<value>\\s*<string>([^<]*)</string>");
        Agent agent = agents.get(extension);
        String answer;
        if (!ACCOUNT.equals(account)) {
            answer = fault(1, "Invalid account");
        } else if (agent == null) {
            answer = fault(2, "Unknown extension");
        } else if ("ivr.getAgentAvail".equals(method)) {
            answer = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<methodResponse>\n <params>\n   <param>\n     <value>\n"
                    + "       <struct>\n         <member>\n           <name>available</name>\n           <value>\n             <i4>"
                    + agent.available() + "</i4>\n           </value>\n         </member>\n         <member>\n"
                    + "           <name>availReason</name>\n           <value>\n             <string>" + agent.availReason()
                    + "</string>\n           </value>\n         </member>\n         <member>\n           <name>extension</name>\n"
                    + "           <value>\n             <string>" + agent.extension() + "</string>\n           </value>\n"
                    + "         </member>\n       </struct>\n     </value>\n   </param>\n </params>\n</methodResponse>\n";
        } else if ("general.getExtensionStatus".equals(method)) {
            answer = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<methodResponse>\n <params>\n   <param>\n     <value>\n"
                    + "       <struct>\n         <member>\n           <name>Available</name>\n           <value>\n"
                    + "             <string>" + agent.status() + "</string>\n           </value>\n         </member>\n"
                    + "       </struct>\n     </value>\n   </param>\n </params>\n</methodResponse>\n";
        } else {
            answer = fault(3, "Unknown method");
        }
        byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String fault(int code, String message) {
        return "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>" + code + "</int></value></member>"
                + "<member><name>faultString</name><value><string>" + message + "</string></value></member>"
                + "</struct></value></fault></methodResponse>";
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
