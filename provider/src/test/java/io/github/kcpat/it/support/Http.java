package io.github.kcpat.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the tests: every call returns status, headers and the body (JSON when there is one). */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String baseUrl;

    /** The texts of a JSON array; empty when {@code array} is missing or not an array. */
    public static List<String> list(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code http://localhost:<port>}: which server this talks to. */
    public String baseUrl() {
        return baseUrl;
    }

    public HttpResult get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public HttpResult delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    public HttpResult postJson(String path, Object body, String... headers) {
        return sendJson("POST", path, body, headers);
    }

    public HttpResult patchJson(String path, Object body, String... headers) {
        return sendJson("PATCH", path, body, headers);
    }

    public HttpResult deleteJson(String path, Object body, String... headers) {
        return sendJson("DELETE", path, body, headers);
    }

    public HttpResult putJson(String path, Object body, String... headers) {
        return sendJson("PUT", path, body, headers);
    }

    /** Sends {@code rawBody} as-is with {@code Content-Type: application/json}, e.g. to send malformed JSON. */
    public HttpResult sendRaw(String method, String path, String rawBody, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(rawBody)));
    }

    public HttpResult put(String path, String... headers) {
        return send(request(path, headers).PUT(BodyPublishers.noBody()));
    }

    public HttpResult post(String path, String... headers) {
        return send(request(path, headers).POST(BodyPublishers.noBody()));
    }

    /** Any method without a body, e.g. to call a gateway endpoint with PUT or DELETE. */
    public HttpResult send(String method, String path, String... headers) {
        return send(request(path, headers).method(method, BodyPublishers.noBody()));
    }

    public HttpResult postForm(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body)));
    }

    private HttpResult sendJson(String method, String path, Object body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .method(method, json(body)));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private static HttpResult send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            var response = CLIENT.send(built, BodyHandlers.ofString());
            // every response to a request that docs/openapi.yaml describes must be as it says
            OpenApiContract.instance().check(built.method(), built.uri(), response.statusCode(), response.headers(), response.body());
            return new HttpResult(built.method() + " " + built.uri(), response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BodyPublisher json(Object body) {
        try {
            return BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
