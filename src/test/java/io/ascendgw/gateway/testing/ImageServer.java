package io.ascendgw.gateway.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server for the vision tests, on a free 127.0.0.1 port, serving {@code /cat.png} (640x480), {@code /moved.png} (a 302 to it), {@code /missing.png} (404) and
 * {@code /slow.png} (answers after 3 s). It counts the requests it serves.
 */
public final class ImageServer implements AutoCloseable {

    public final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public ImageServer() throws IOException {
        byte[] cat = TestPictures.png(640, 480);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/cat.png" -> {
                    exchange.getResponseHeaders().set("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, cat.length);
                    exchange.getResponseBody().write(cat);
                }
                case "/moved.png" -> {
                    exchange.getResponseHeaders().set("Location", "/cat.png");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/slow.png" -> {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(200, cat.length);
                    exchange.getResponseBody().write(cat);
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
