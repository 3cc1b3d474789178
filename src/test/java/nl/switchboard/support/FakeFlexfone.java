package nl.switchboard.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Flexfone API (https://public.sippeer.dk/api/) and MyFone's MakeCall
 * (http://api.myfone.dk/api/MakeCall) on loopback, speaking their wire protocol as seed 001 and
 * STACK.md describe it: account and hash on every Flexfone request, JSON answers, SetCallFlowState
 * only by POST answering {Message, Success}, MakeCall a JSON body with Username and Password.
 * Its employees are the demo directory's. It records what it was sent and can be told to fail.
 */
public final class FakeFlexfone {

    public static final String ACCOUNT = "4711";
    public static final String HASH = "fake-hash-0123456789";
    public static final String MYFONE_USER = "flexfone@example.org";
    public static final String MYFONE_PASSWORD = "TopSecret";

    private static final String EMPLOYEES = """
            [{"Localnumber":201,"Name":"Anna van den Berg","Description":"Budgetcoach","Email":"anna@example.org",
              "Phonenumber":[{"Number":4520304050,"LineName":"Mobil","BelongsTo":201,"GotoLocalNumber":0}],
              "Phones":[{"LocalNumber":301,"Name":"Anna bord","Type":1,"MAC":"00:11:22:33:44:55","BelongsTo":201}],
              "Info":[],"Department":[{"Name":"Budgetbeheer","Street":"Kerkstraat 1","Zipcode":"7511","City":"Enschede"}]},
             {"Localnumber":202,"Name":"Pieter de Vries","Description":"","Email":"pieter@example.org",
              "Phonenumber":[{"Number":40506070,"LineName":"Mobil","BelongsTo":202,"GotoLocalNumber":0}],
              "Phones":[],"Info":[],"Department":[{"Name":"Schuldregeling"}]},
             {"Localnumber":2000,"Name":"Receptie","Description":"Hovednummer","Email":"",
              "Phonenumber":[],"Phones":[],"Info":[],"Department":[{"Name":"Receptie"}]}]""";

    private static final String CALLFLOWS = """
            [{"Localnumber":6100,"Name":"Åbningstid","IsActive":true,"ActiveGoto":2000,"InactiveGoto":6001}]""";

    public record Request(String method, String path, Map<String, String> query, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failureStatus = 500;

    public FakeFlexfone() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    public String myfoneUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/myfone";
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The next n requests fail with this status (Integer.MAX_VALUE: until told otherwise). */
    public void failNext(int n, int status) {
        failureStatus = status;
        failures.set(n);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, query, body));
        if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            answer(exchange, failureStatus, "{\"Message\":\"An error has occurred.\"}");
            return;
        }
        if (path.startsWith("/api/")) {
            if (!ACCOUNT.equals(query.get("account")) || !HASH.equals(query.get("hash"))) {
                answer(exchange, 401, "{\"Message\":\"Authorization has been denied for this request.\"}");
                return;
            }
            switch (path) {
                case "/api/employee" -> answer(exchange, 200, EMPLOYEES);
                case "/api/Callflow" -> answer(exchange, 200, CALLFLOWS);
                case "/api/Callflow/SetCallFlowState" -> {
                    if (!exchange.getRequestMethod().equals("POST")) {
                        answer(exchange, 405, "{\"Message\":\"The requested resource does not support http method 'GET'.\"}");
                    } else if (!"6100".equals(query.get("localnumber"))) {
                        answer(exchange, 200, "{\"Message\":\"Callflow not found\",\"Success\":false}");
                    } else {
                        answer(exchange, 200, "{\"Message\":\"Callflow state changed\",\"Success\":true}");
                    }
                }
                default -> answer(exchange, 404, "{\"Message\":\"No HTTP resource was found\"}");
            }
        } else if (path.equals("/myfone/MakeCall") && exchange.getRequestMethod().equals("POST")) {
            boolean authorised = body.contains("\"Username\":\"" + MYFONE_USER + "\"")
                    && body.contains("\"Password\":\"" + MYFONE_PASSWORD + "\"");
            answer(exchange, authorised ? 200 : 401, authorised ? "{\"Message\":\"Call initiated\"}" : "{\"Message\":\"Unauthorized\"}");
        } else {
            answer(exchange, 404, "{}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
