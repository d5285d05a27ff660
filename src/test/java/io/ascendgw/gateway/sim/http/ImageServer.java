package io.ascendgw.gateway.sim.http;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;

/**
 * Images for the vision tests: PNGs written by ImageIO, as bytes or data URLs, and a tiny HTTP server on a free
 * 127.0.0.1 port serving {@code /cat.png} (640x480), {@code /moved.png} (a 302 to it), {@code /missing.png} (404) and
 * {@code /slow.png} (answers after 3 s). It counts the requests it serves.
 */
final class ImageServer implements AutoCloseable {

    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    ImageServer() throws IOException {
        byte[] cat = png(640, 480);
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

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A PNG of {@code width x height} written by ImageIO. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width * 31 + height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A data URL of a PNG of {@code width x height}. */
    static String dataUrl(int width, int height) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(width, height));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
