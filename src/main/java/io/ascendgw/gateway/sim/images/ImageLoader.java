package io.ascendgw.gateway.sim.images;

import java.net.ConnectException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ascendgw.gateway.media.DataUrl;
import io.ascendgw.gateway.media.ImageHeaders;
import io.ascendgw.gateway.media.ImagePrompt;
import io.ascendgw.gateway.media.ImageSize;
import io.ascendgw.gateway.media.UnreadableImageException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Loads the size of the image a URL names, as vLLM's {@code MediaConnector} loads the image: a base64 {@code data:} URL
 * (only its header is decoded), an {@code http(s)} URL fetched within {@code VLLM_IMAGE_FETCH_TIMEOUT} (redirects
 * followed as aiohttp follows them, at most 10), or a {@code file:} URL under {@code --allowed-local-media-path}.
 * Failures are {@link ImageFailure}s with vLLM's messages. One instance per event loop; call it on that loop only, it
 * never blocks and completes there.
 */
public final class ImageLoader {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern HOST_PORT = Pattern.compile("^[a-z]+://(?:[^@/]*@)?(\\[[^]]*]|[^:/?#]*)(?::(\\d+))?");

    private final Vertx vertx;
    private final VisionSettings settings;
    private HttpClient client;

    public ImageLoader(Vertx vertx, VisionSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    /** The size of the image at {@code url}; fails with an {@link ImageFailure}. */
    public Future<ImageSize> size(String url) {
        try {
            String scheme = scheme(url);
            if (scheme.startsWith("http")) {
                return fetch(url);
            }
            if (scheme.equals("data")) {
                return Future.succeededFuture(dataUrl(url));
            }
            if (scheme.equals("file")) {
                return file(url);
            }
            throw ImageFailure.badRequest("The URL must be either a HTTP, data or file URL.");
        } catch (ImageFailure failure) {
            return Future.failedFuture(failure);
        }
    }

    /** Python's {@code urlparse(url).scheme}: lower case, empty when there is none. */
    private static String scheme(String url) {
        Matcher m = SCHEME.matcher(url);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    private static ImageSize dataUrl(String url) {
        int comma = url.indexOf(',');
        int semi = url.indexOf(';');
        if (comma < 0 || semi < 0 || semi > comma) {
            // vLLM unpacks "media_type;data_type,data" and Python names the missing part
            throw ImageFailure.badRequest("not enough values to unpack (expected 2, got 1)");
        }
        if (!url.substring(semi + 1, comma).equals("base64")) {
            throw ImageFailure.badRequest("Only base64 data URLs are supported for now.");
        }
        try {
            return DataUrl.imageSize(url);
        } catch (IllegalArgumentException e) {
            throw ImageFailure.badRequest(e.getMessage());
        } catch (UnreadableImageException e) {
            throw unidentified(url);
        }
    }

    private Future<ImageSize> fetch(String url) {
        Promise<ImageSize> promise = Promise.promise();
        long timeoutMillis = Math.max(1, settings.fetchTimeout().toMillis());
        // aiohttp's total timeout raises asyncio.TimeoutError, whose text is empty
        long timer = vertx.setTimer(timeoutMillis, id -> promise.tryFail(ImageFailure.internal("")));
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                    .setFollowRedirects(settings.followRedirects());
        } catch (RuntimeException invalid) {
            vertx.cancelTimer(timer);
            return Future.failedFuture(ImageFailure.internal(String.valueOf(invalid.getMessage())));
        }
        client().request(options).compose(request -> request.send()).compose(this::bodyOrStatusError)
                .onComplete(done -> {
                    vertx.cancelTimer(timer);
                    if (done.failed()) {
                        promise.tryFail(done.cause() instanceof ImageFailure failure ? failure
                                : connectFailure(url, done.cause()));
                        return;
                    }
                    try {
                        promise.tryComplete(whole(done.result().getBytes(), url));
                    } catch (ImageFailure failure) {
                        promise.tryFail(failure);
                    }
                });
        return promise.future();
    }

    /** aiohttp's {@code raise_for_status()}: a status of 400 or more fails with its {@code ClientResponseError}. */
    private Future<Buffer> bodyOrStatusError(HttpClientResponse response) {
        if (response.statusCode() < 400) {
            return response.body();
        }
        String error = response.statusCode() + ", message='" + response.statusMessage() + "', url='"
                + response.request().absoluteURI() + "'";
        return response.body().transform(ignored -> Future.failedFuture(ImageFailure.internal(error)));
    }

    private HttpClient client() {
        if (client == null) {
            client = vertx.createHttpClient(new HttpClientOptions().setMaxRedirects(10)
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.fetchTimeout().toMillis())));
        }
        return client;
    }

    /** aiohttp's {@code ClientConnectorError} text. */
    private static ImageFailure connectFailure(String url, Throwable cause) {
        Matcher m = HOST_PORT.matcher(url.toLowerCase(Locale.ROOT));
        String host = m.find() ? m.group(1) : "";
        String port = m.group(2) != null ? m.group(2) : url.regionMatches(true, 0, "https", 0, 5) ? "443" : "80";
        String reason = cause instanceof ConnectException || (cause.getCause() instanceof ConnectException)
                ? "Connect call failed ('" + host + "', " + port + ")" : String.valueOf(cause.getMessage());
        return ImageFailure.internal("Cannot connect to host " + host + ":" + port + " ssl:default [" + reason + "]");
    }

    private Future<ImageSize> file(String url) {
        Path allowed = settings.allowedLocalMediaPath();
        if (allowed == null) {
            throw ImageFailure.badRequest("Cannot load local files without `--allowed-local-media-path`.");
        }
        Path path = filePath(url);
        if (!isUnder(path, allowed)) {
            throw ImageFailure.badRequest("The file path " + path + " must be a subpath of "
                    + "`--allowed-local-media-path` " + allowed + ".");
        }
        return vertx.fileSystem().readFile(path.toString()).transform(read -> {
            if (read.failed()) {
                Throwable cause = read.cause().getCause() != null ? read.cause().getCause() : read.cause();
                return Future.failedFuture(ImageFailure.internal(cause instanceof NoSuchFileException
                        ? "[Errno 2] No such file or directory: '" + path + "'" : String.valueOf(cause.getMessage())));
            }
            try {
                return Future.succeededFuture(whole(read.result().getBytes(), url));
            } catch (ImageFailure failure) {
                return Future.failedFuture(failure);
            }
        });
    }

    /** {@code url2pathname(urlparse(url).path)}: the path with its percent-escapes decoded. */
    private static Path filePath(String url) {
        String rest = url.substring("file:".length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        try {
            return Path.of(URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformedEscape) {
            return Path.of(rest);
        }
    }

    /** vLLM's check: the allowed directory is one of the parents of the resolved file path. */
    private static boolean isUnder(Path file, Path allowed) {
        Path resolved;
        try {
            resolved = file.toRealPath();
        } catch (java.io.IOException | RuntimeException notThere) {
            resolved = file.toAbsolutePath().normalize();
        }
        for (Path parent = resolved.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** The size from a whole image's bytes; PIL's "cannot identify" when they are no image or end in its header. */
    private static ImageSize whole(byte[] bytes, String url) {
        try {
            ImageSize size = ImageHeaders.read(bytes, bytes.length);
            if (size != null) {
                return size;
            }
        } catch (UnreadableImageException e) {
            // answered below, as a truncated header is
        }
        throw unidentified(url);
    }

    /**
     * PIL's {@code UnidentifiedImageError}, which vLLM re-raises as a ValueError from it (so V1 repeats the text as the
     * cause). PIL names the BytesIO it read by its address, which differs from run to run.
     */
    private static ImageFailure unidentified(String url) {
        String message = UnreadableImageException.PIL_MESSAGE + " <_io.BytesIO object at 0x7f"
                + String.format(Locale.ROOT, "%010x", ImagePrompt.identity(url) & 0xffffffffffL) + ">";
        return ImageFailure.badRequest(message, message);
    }
}
