package io.ascendgw.gateway.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nginx relaying to one engine the way a careful operator would set it up for LLM traffic (HTTP/1.1 upstream
 * keep-alive, no buffering so SSE flows), as the reference for what a proxy costs on this machine. Like the gateway it
 * logs every request, buffered and at most 100 ms late, as the gateway's access log is: a proxy that logs nothing
 * would be measured doing less work than either would in production.
 */
final class NginxReference {

    private NginxReference() {
    }

    /** The nginx binary, if installed ({@code apt-get install nginx}). */
    static Optional<Path> binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    static ServerProcess start(Path nginx, Path dir, int port, int upstreamPort) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config(dir, port, upstreamPort));
            return ServerProcess.start("nginx", List.of(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(),
                    "-e", dir.resolve("error.log").toString()), Map.of(), dir.resolve("nginx.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String config(Path dir, int port, int upstreamPort) {
        String tmp = dir.resolve("tmp").toString();
        return """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                events { worker_connections 4096; }
                http {
                    access_log %4$s/access.log combined buffer=64k flush=100ms;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream engine {
                        server 127.0.0.1:%3$d;
                        keepalive 256;
                        keepalive_timeout 4s;
                    }
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://engine;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering off;
                            proxy_request_buffering off;
                            proxy_read_timeout 600s;
                        }
                    }
                }
                """.formatted(tmp, port, upstreamPort, dir);
    }
}
