package io.ascendgw.gateway.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.api.InferenceRequest;
import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.api.OpenAiException;
import io.ascendgw.gateway.config.GatewayConfigException;
import io.ascendgw.gateway.config.SecurityConfig;
import io.ascendgw.gateway.prompt.ContentParts;

/**
 * Keeps clients from making the engines fetch what they should not. vLLM fetches every http(s) picture, video or
 * audio URL a request names, from the engine's host and so from inside the network: a path to cloud metadata
 * endpoints and internal services for anyone holding an API key. With {@code media-urls: data-only} or
 * {@code listed-hosts} such a request is refused with 400 before any engine sees it; inline {@code data:} URLs always
 * pass. Only the media parts of chat messages and of Responses input are read, and nothing at all with the default
 * {@code any}. Immutable; any thread.
 */
public final class MediaUrlPolicy {

    private enum Mode { ANY, DATA_ONLY, LISTED_HOSTS }

    /** The part fields that hold a URL the engine would load. */
    private static final List<String> MEDIA_FIELDS = List.of("image_url", "video_url", "audio_url");

    private final Mode mode;
    private final Set<String> hosts;
    private final List<String> domains;

    private MediaUrlPolicy(Mode mode, Set<String> hosts, List<String> domains) {
        this.mode = mode;
        this.hosts = hosts;
        this.domains = domains;
    }

    /** The policy {@code gateway.security} asks for; refuses, naming the key, one it cannot apply. */
    public static MediaUrlPolicy from(SecurityConfig config) {
        String value = config.mediaUrls().trim().toLowerCase(Locale.ROOT);
        Mode mode = switch (value) {
            case "any" -> Mode.ANY;
            case "data-only" -> Mode.DATA_ONLY;
            case "listed-hosts" -> Mode.LISTED_HOSTS;
            default -> throw new GatewayConfigException("gateway.security.media-urls must be any, data-only or "
                    + "listed-hosts, got '" + config.mediaUrls() + "'");
        };
        Set<String> hosts = new TreeSet<>();
        List<String> domains = new ArrayList<>();
        for (String entry : config.mediaUrlHosts().orElse(List.of())) {
            String host = entry.trim().toLowerCase(Locale.ROOT);
            if (host.startsWith("*.") && host.length() > 2) {
                domains.add(host.substring(1));
            } else if (!host.isEmpty() && !host.contains("*") && !host.contains("/")) {
                hosts.add(host);
            } else {
                throw new GatewayConfigException("gateway.security.media-url-hosts entry '" + entry
                        + "' must be a host name or *.domain");
            }
        }
        if (mode == Mode.LISTED_HOSTS && hosts.isEmpty() && domains.isEmpty()) {
            throw new GatewayConfigException("gateway.security.media-urls is listed-hosts but "
                    + "gateway.security.media-url-hosts names no host");
        }
        return new MediaUrlPolicy(mode, Set.copyOf(hosts), List.copyOf(domains));
    }

    /** Refuses with 400 {@code media_url_not_allowed} a request naming a media URL the policy does not accept. */
    public void check(InferenceRequest request) {
        if (mode == Mode.ANY) {
            return;
        }
        JsonNode body = request.body();
        if (request.endpoint() == ApiEndpoint.RESPONSES) {
            JsonNode input = body.path("input");
            for (JsonNode item : input) {
                checkParts(item.path("content"), "input");
            }
        } else if (body.has("messages")) {
            for (JsonNode message : body.path("messages")) {
                checkParts(message.path("content"), "messages");
            }
        }
    }

    private void checkParts(JsonNode content, String param) {
        if (!content.isArray()) {
            return;
        }
        for (JsonNode part : content) {
            for (String field : MEDIA_FIELDS) {
                String url = ContentParts.url(part, field);
                if (url != null && !allowed(url)) {
                    throw new OpenAiException(new OpenAiError(400, "The media URL '" + abbreviated(url)
                            + "' is not allowed here: " + (mode == Mode.DATA_ONLY
                                    ? "this gateway takes media inline only, as data: URLs (data:image/jpeg;base64,...)."
                                    : "this gateway takes media inline (data: URLs) or from its listed hosts only."),
                            "invalid_request_error", param, "media_url_not_allowed"));
                }
            }
        }
    }

    private boolean allowed(String url) {
        String trimmed = url.trim();
        if (trimmed.regionMatches(true, 0, "data:", 0, 5)) {
            return true;
        }
        if (mode != Mode.LISTED_HOSTS) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException unparsable) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getRawUserInfo() != null) {
            return false;
        }
        if (hosts.contains(host)) {
            return true;
        }
        for (String domain : domains) {
            if (host.endsWith(domain)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviated(String url) {
        return url.length() <= 100 ? url : url.substring(0, 100) + "...";
    }
}
