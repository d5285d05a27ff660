package io.ascendgw.gateway.sim.images;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.media.ImagePrompt;
import io.ascendgw.gateway.prompt.ContentParts;
import io.ascendgw.gateway.sim.text.ChatRenderer;

/**
 * The media parts of a chat request's messages, in prompt order: the messages that hold any keep their parts here
 * until the images' token counts are known, then {@link #render} writes their content. Text-only requests carry
 * {@link #NONE}.
 */
public final class ChatMedia {

    public static final ChatMedia NONE = new ChatMedia(Map.of());

    private final Map<Integer, List<ContentPart>> partsByMessage;
    private final List<String> imageUrls = new ArrayList<>();
    private final List<String> modalities = new ArrayList<>();

    private ChatMedia(Map<Integer, List<ContentPart>> partsByMessage) {
        this.partsByMessage = partsByMessage;
        partsByMessage.keySet().stream().sorted().forEach(i -> {
            for (ContentPart part : partsByMessage.get(i)) {
                if (part instanceof ContentPart.Image image) {
                    imageUrls.add(image.url());
                    modalities.add("image");
                } else if (part instanceof ContentPart.OtherMedia other) {
                    modalities.add(other.modality());
                }
            }
        });
    }

    /** Collects the media messages of one request. */
    public static final class Builder {
        private final Map<Integer, List<ContentPart>> parts = new HashMap<>();

        /**
         * The text of the content array of the message at {@code position}: its parts joined by newlines; when they
         * hold media, null, and the parts are kept for {@link #render}.
         */
        public String contentText(int position, JsonNode contentParts) {
            List<ContentPart> media = readParts(contentParts);
            if (media.size() == 1 && media.get(0) instanceof ContentPart.Text text) {
                return text.text();
            }
            parts.put(position, List.copyOf(media));
            return null;
        }

        public ChatMedia build() {
            return parts.isEmpty() ? NONE : new ChatMedia(Map.copyOf(parts));
        }
    }

    /**
     * A content array read in one pass: one text part, its parts' text joined by newlines, when it holds no media (so
     * a text-only request costs what it did), else its parts.
     */
    static List<ContentPart> readParts(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        List<ContentPart> media = null;
        for (JsonNode part : parts) {
            ContentPart mediaPart = mediaPart(part);
            if (mediaPart != null && media == null) {
                media = new ArrayList<>();
                if (text.length() > 0) {
                    media.add(new ContentPart.Text(text.toString()));
                }
            }
            if (mediaPart != null) {
                media.add(mediaPart);
                continue;
            }
            JsonNode value = part.get("text");
            if (value != null && value.isTextual()) {
                if (media != null) {
                    media.add(new ContentPart.Text(value.textValue()));
                } else {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(value.textValue());
                }
            }
        }
        return media != null ? media : List.of(new ContentPart.Text(text.toString()));
    }

    /** The media a part holds, by its type (or, untyped, by its key), null for text and unknown parts. */
    private static ContentPart mediaPart(JsonNode part) {
        JsonNode typeNode = part.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.textValue() : null;
        if ("image_url".equals(type) || "input_image".equals(type) || (type == null && part.has("image_url"))) {
            String url = ContentParts.url(part, "image_url");
            return new ContentPart.Image(url != null ? url : "");
        }
        if ("video_url".equals(type) || (type == null && part.has("video_url"))) {
            return new ContentPart.OtherMedia("video");
        }
        if ("input_audio".equals(type) || "audio_url".equals(type)
                || (type == null && (part.has("input_audio") || part.has("audio_url")))) {
            return new ContentPart.OtherMedia("audio");
        }
        return null;
    }

    /** The same media for a message list with {@code offset} messages put before these. */
    public ChatMedia after(int offset) {
        if (offset == 0 || !any()) {
            return this;
        }
        Map<Integer, List<ContentPart>> shifted = new HashMap<>();
        partsByMessage.forEach((index, parts) -> shifted.put(index + offset, parts));
        return new ChatMedia(Map.copyOf(shifted));
    }

    /** Whether any message holds media. */
    public boolean any() {
        return !partsByMessage.isEmpty();
    }

    /** The image URLs in prompt order. */
    public List<String> imageUrls() {
        return imageUrls;
    }

    /** The modality of every media part ({@code image}, {@code video}, {@code audio}) in prompt order. */
    public List<String> modalities() {
        return modalities;
    }

    /**
     * The messages with the media messages' content written: parts joined by newlines, image {@code i} as
     * {@link ImagePrompt#render} of {@code tokens[i]} tokens (other media would have been refused before).
     */
    public List<ChatRenderer.Message> render(List<ChatRenderer.Message> messages, int[] tokens) {
        List<ChatRenderer.Message> out = new ArrayList<>(messages);
        int image = 0;
        for (int i = 0; i < out.size(); i++) {
            List<ContentPart> parts = partsByMessage.get(i);
            if (parts == null) {
                continue;
            }
            StringBuilder content = new StringBuilder();
            for (ContentPart part : parts) {
                if (content.length() > 0) {
                    content.append('\n');
                }
                if (part instanceof ContentPart.Text text) {
                    content.append(text.text());
                } else if (part instanceof ContentPart.Image img) {
                    ImagePrompt.render(img.url(), tokens[image++], content);
                }
            }
            ChatRenderer.Message m = out.get(i);
            out.set(i, new ChatRenderer.Message(m.role(), content.toString(), m.toolCalls()));
        }
        return out;
    }
}
