import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * bench/p5's stand-in for the Customer Alliance push API on loopback: POST /api/{access_key}/{review_subject}
 * with a JSON array of guests, each read and counted, answered {"success":true,"errors":[]}. GET /count
 * answers how many guests arrived. Argument: port.
 */
public class FakePushApi {

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        AtomicLong guests = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode pushed = json.readTree(body);
                if (!"POST".equals(exchange.getRequestMethod()) || !pushed.isArray()) {
                    answer(exchange, 400, "{\"success\":false,\"errors\":[\"a JSON array of guests, by POST\"]}");
                    return;
                }
                guests.addAndGet(pushed.size());
                answer(exchange, 200, "{\"success\":true,\"errors\":[]}");
            }
        });
        server.createContext("/count", exchange -> answer(exchange, 200, Long.toString(guests.get())));
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
