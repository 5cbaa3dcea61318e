package io.github.kcpat.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so that a server sees requests from several
 * clients on one machine: Java 17's HttpClient cannot bind its side of the connection. One request per connection;
 * nothing leaves 127.0.0.0/8.
 */
public final class BoundClient {

    private final InetAddress from;
    private final URI base;

    private BoundClient(InetAddress from, URI base) {
        this.from = from;
        this.base = base;
    }

    /** A client sending from {@code loopbackAddress} (within 127.0.0.0/8) to the server at {@code baseUrl}. */
    public static BoundClient from(String loopbackAddress, String baseUrl) {
        try {
            InetAddress address = InetAddress.getByName(loopbackAddress);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("only loopback addresses: " + loopbackAddress);
            }
            URI base = URI.create(baseUrl);
            if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("only loopback servers: " + baseUrl);
            }
            return new BoundClient(address, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code headers}: name, value, name, value… */
    public HttpResult get(String path, String... headers) {
        return send("GET", path, null, "", headers);
    }

    /** {@code headers}: name, value, name, value… */
    public HttpResult post(String path, String contentType, String body, String... headers) {
        return send("POST", path, contentType, body, headers);
    }

    private HttpResult send(String method, String path, String contentType, String body, String... headers) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(base.getHost()), base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            HttpResult result = parse(method + " " + path + " from " + from.getHostAddress(), socket.getInputStream().readAllBytes());
            // held to docs/openapi.yaml like every response through Http
            OpenApiContract.instance().check(method, base.resolve(path), result.status(), result.headers(), result.body());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResult parse(String request, byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            body = unchunked(body);
        }
        return new HttpResult(request, status, HttpHeaders.of(headers, (name, value) -> true), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunked(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        try {
            while (true) {
                StringBuilder size = new StringBuilder();
                int c;
                while ((c = in.read()) != '\n' && c != -1) {
                    if (c != '\r') {
                        size.append((char) c);
                    }
                }
                int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
                if (length == 0) {
                    return out.toByteArray();
                }
                out.write(in.readNBytes(length));
                in.skip(2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
