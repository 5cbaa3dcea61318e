package io.github.kcpat.it.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The API behind the gateway: answers 200 "upstream" to everything and records the headers it was sent. */
public final class RecordingUpstream implements AutoCloseable {

    /** One request as the upstream saw it. */
    public record Request(String method, String path, Headers headers) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private RecordingUpstream(HttpServer server) {
        this.server = server;
    }

    public static RecordingUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordingUpstream upstream = new RecordingUpstream(server);
            server.createContext("/", exchange -> {
                upstream.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders()));
                byte[] body = "upstream".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the upstream", e);
        }
    }

    /** {@code host:port} for a proxy's configuration. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void forget() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
