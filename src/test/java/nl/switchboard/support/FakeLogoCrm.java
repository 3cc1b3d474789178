package nl.switchboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Logo CRM's IPS_callAnswered page method (seed 003, STACK.md) on loopback: an ASP.NET
 * WebMethod that takes a JSON body and answers {"d":null}; errors as 500 with
 * {"Message","StackTrace","ExceptionType"}; 401 while web.config does not allow the caller.
 */
public final class FakeLogoCrm {

    public record Request(String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean unauthorized;
    private final AtomicReference<Runnable> beforeNextAcceptance = new AtomicReference<>();

    public FakeLogoCrm() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/logocrm/Default.aspx/IPS_callAnswered", this::callAnswered);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests it answered with 200 (accepted). */
    public List<Request> accepted() {
        return received.stream().filter(r -> r.body().startsWith("OK ")).map(r -> new Request(r.contentType(),
                r.body().substring(3))).toList();
    }

    public int attempts() {
        return received.size();
    }

    public void failNext(int n) {
        failures.set(n);
    }

    public void unauthorized(boolean refuse) {
        unauthorized = refuse;
    }

    /** Runs {@code action} once, when the next request is accepted, before it is answered. */
    public void beforeNextAcceptance(Runnable action) {
        beforeNextAcceptance.set(action);
    }

    private void callAnswered(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (unauthorized) {
            received.add(new Request(contentType, "401 " + body));
            answer(exchange, 401, "text/html", "<html><body>401 - Unauthorized: Access is denied</body></html>");
        } else if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            received.add(new Request(contentType, "500 " + body));
            answer(exchange, 500, "application/json; charset=utf-8", "{\"Message\":\"Object reference not set to an instance "
                    + "of an object.\",\"StackTrace\":\"   at IPS_callAnswered\",\"ExceptionType\":\"System.NullReferenceException\"}");
        } else if (!"POST".equals(exchange.getRequestMethod()) || contentType == null || !contentType.startsWith("application/json")) {
            received.add(new Request(contentType, "500 " + body));
            answer(exchange, 500, "application/json; charset=utf-8", "{\"Message\":\"Invalid web service call\",\"StackTrace\":\"\","
                    + "\"ExceptionType\":\"System.InvalidOperationException\"}");
        } else {
            received.add(new Request(contentType, "OK " + body));
            Runnable action = beforeNextAcceptance.getAndSet(null);
            if (action != null) {
                action.run();
            }
            answer(exchange, 200, "application/json; charset=utf-8", "{\"d\":null}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
