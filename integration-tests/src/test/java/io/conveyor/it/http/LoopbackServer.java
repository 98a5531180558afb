package io.conveyor.it.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (a free port) that records every request before answering
 * it. Tests start one per test method and close it after.
 */
final class LoopbackServer implements AutoCloseable {
    /** One request as the server received it. */
    record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body, long atNanos) {
        /** @return the first value of a header (case-insensitive name), or null */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    private LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.start();
    }

    /** @return a started server */
    static LoopbackServer start() {
        try {
            return new LoopbackServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param path a path prefix
     * @param handler what answers it; the request is recorded first
     * @return this
     */
    LoopbackServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    /** @return {@code http://127.0.0.1:PORT} + path */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** @return the requests whose path (query included) starts with this prefix */
    List<Request> to(String prefix) {
        return requests.stream().filter(r -> r.pathAndQuery().startsWith(prefix)).toList();
    }

    /** Sends a whole response. */
    static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** @return a handler that always answers with this status and body */
    static HttpHandler answer(int status, String contentType, String body) {
        return ex -> respond(ex, status, contentType, body);
    }

    /** @return a handler that always answers with this JSON */
    static HttpHandler json(int status, String body) {
        return answer(status, "application/json", body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
