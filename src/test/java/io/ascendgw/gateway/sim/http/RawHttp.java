package io.ascendgw.gateway.sim.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw HTTP/1.1 connection, for tests that must control exactly when the client goes away. */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    RawHttp(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(200);
        this.in = socket.getInputStream();
    }

    void post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
    }

    /** Writes {@code bytes} as they are (a request head alone, then its body). */
    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    void get(String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until {@code marker} was received or the deadline passed; returns everything received so far. */
    String readUntil(String marker, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] buf = new byte[8192];
        while (System.currentTimeMillis() < deadline && !text().contains(marker)) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                received.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // poll again
            }
        }
        return text();
    }

    /** True once the server closed the connection (read returns end of stream) within the timeout. */
    boolean closedByServerWithin(long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] buf = new byte[8192];
        while (System.currentTimeMillis() < deadline) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return true;
                }
                received.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // poll again
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
