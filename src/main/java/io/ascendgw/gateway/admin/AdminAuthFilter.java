package io.ascendgw.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Requires {@code Authorization: Bearer <admin key>} on {@code /admin} when an admin key is configured. */
@ApplicationScoped
public class AdminAuthFilter {

    private final Optional<byte[]> key;

    @Inject
    public AdminAuthFilter(GatewayConfig config) {
        this.key = config.admin().key().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8));
    }

    void register(@Observes Router router) {
        router.route("/admin/*").order(-200).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (key.isEmpty() || matches(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.next();
            return;
        }
        OpenAiError error = new OpenAiError(401, "The admin API needs 'Authorization: Bearer <admin key>'.",
                "authentication_error", null, "invalid_admin_key");
        ctx.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.toBuffer());
    }

    private boolean matches(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time: the comparison must not tell how many leading bytes were right.
        return MessageDigest.isEqual(given, key.get());
    }
}
