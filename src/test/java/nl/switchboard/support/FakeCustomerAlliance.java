package nl.switchboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Customer Alliance push API (STACK.md) on loopback: {@code POST /api/{access_key}/{review_subject}}
 * with a JSON array of guests, answering {"success": …, "errors": …}; a wrong key or subject is 403.
 */
public final class FakeCustomerAlliance {

    public static final String ACCESS_KEY = "ca-access-key-secret";
    public static final String REVIEW_SUBJECT = "hotel-4711";

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();

    public FakeCustomerAlliance() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/", this::push);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every guest accepted, in order. */
    public List<JsonNode> accepted() {
        return accepted;
    }

    public int requests() {
        return requests.get();
    }

    /** The next n requests are answered 200 {"success": false, "errors": [...]} (Integer.MAX_VALUE: all). */
    public void refuseNext(int n) {
        refusals.set(n);
    }

    private void push(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestURI().getPath().equals("/api/" + ACCESS_KEY + "/" + REVIEW_SUBJECT)) {
            answer(exchange, 403, "{\"success\":false,\"errors\":[\"invalid access key\"]}");
            return;
        }
        if (refusals.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            answer(exchange, 200, "{\"success\":false,\"errors\":[\"email: invalid address\"]}");
            return;
        }
        JsonNode guests = mapper.readTree(body);
        if (!guests.isArray()) {
            answer(exchange, 400, "{\"success\":false,\"errors\":[\"expected a list of guests\"]}");
            return;
        }
        guests.forEach(accepted::add);
        answer(exchange, 200, "{\"success\":true,\"errors\":[]}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
