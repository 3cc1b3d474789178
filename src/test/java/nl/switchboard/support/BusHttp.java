package nl.switchboard.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP calls to the bus under test, optionally with Basic credentials ("user:password"). */
public final class BusHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public BusHttp(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path, String credentials) throws Exception {
        return send(request(path, credentials).GET());
    }

    public HttpResponse<String> post(String path, String credentials, String contentType, String body) throws Exception {
        HttpRequest.Builder request = request(path, credentials).POST(HttpRequest.BodyPublishers.ofString(body));
        return send(contentType == null ? request : request.header("Content-Type", contentType));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
