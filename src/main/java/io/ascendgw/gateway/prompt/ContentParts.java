package io.ascendgw.gateway.prompt;

import com.fasterxml.jackson.databind.JsonNode;

/** OpenAI's content parts as both vLLM and the gateway read them. */
public final class ContentParts {

    private ContentParts() {
    }

    /**
     * The URL a media part holds in {@code field} ({@code image_url}, {@code video_url}, {@code audio_url}): chat's
     * {@code {"url": …}} object or the URL as a string (the shorthand, and the Responses API's {@code input_image});
     * null when the part has no such field or no URL text in it.
     */
    public static String url(JsonNode part, String field) {
        JsonNode media = part.get(field);
        if (media == null) {
            return null;
        }
        JsonNode url = media.isObject() ? media.get("url") : media;
        return url != null && url.isTextual() ? url.textValue() : null;
    }
}
