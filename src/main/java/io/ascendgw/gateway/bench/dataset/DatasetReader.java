package io.ascendgw.gateway.bench.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a dataset file for replay. Two layouts, told apart by the first character: a JSON array (ShareGPT's
 * {@code [{"conversations": [...]}, ...]}, or an array of the records below), read one element at a time so
 * ShareGPT's 670 MB file is never one tree; or JSON Lines, one record per line:
 * <ul>
 * <li>{@code {"prompt": "...", "output_tokens": 10}}: vLLM's custom dataset ({@code output_tokens} optional);</li>
 * <li>{@code {"messages": [...]}}: a chat; a final assistant message is the recorded answer, not sent;</li>
 * <li>{@code {"custom_id": ..., "url": "/v1/chat/completions", "body": {...}}}: an OpenAI batch input line; the
 * body's other fields (temperature, response_format, tools, …) are sent as recorded;</li>
 * <li>{@code {"conversations": [...]}}: one ShareGPT conversation.</li>
 * </ul>
 * A ShareGPT conversation is replayed as vLLM's benchmark does: its first turn is the prompt, its second the
 * recorded answer, and it is left out when the prompt has under 4 or over 1024 tokens, the answer under 4, or both
 * over 2048 (with {@code recordedLengths} false, only the prompt's bounds apply). Token counts are
 * {@link TokenEstimate estimates}. A record the replay cannot use for a reason of the data (a batch line for another
 * endpoint, a prompt of token ids) is counted and left out; a record of no known shape is an error naming its line.
 */
public final class DatasetReader {

    static final int MIN_TOKENS = 4;
    static final int MAX_PROMPT_TOKENS = 1024;
    static final int MAX_TOTAL_TOKENS = 2048;

    /** Request fields the load generator sets itself; a batch body's values for them are not sent. */
    private static final Set<String> CONTROLLED_FIELDS = Set.of("model", "messages", "prompt", "max_tokens",
            "max_completion_tokens", "stream", "stream_options", "n", "ignore_eos");
    private static final List<String> OUTPUT_LENGTH_FIELDS = List.of("max_tokens", "max_completion_tokens",
            "output_tokens");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() {
    };

    private final String name;
    private final boolean recordedLengths;
    private final List<DatasetRequest> requests = new ArrayList<>();
    private final Map<String, Integer> skipped = new LinkedHashMap<>();
    private int records;
    private String format;

    private DatasetReader(String name, boolean recordedLengths) {
        this.name = name;
        this.recordedLengths = recordedLengths;
    }

    /**
     * Reads {@code file}. {@code recordedLengths} false means the run sets every output length itself, so ShareGPT's
     * answer-length bounds do not apply.
     */
    public static Dataset read(Path file, boolean recordedLengths) throws DatasetException {
        DatasetReader reader = new DatasetReader(String.valueOf(file.getFileName()), recordedLengths);
        try (PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 3)) {
            int first = firstSignificantByte(in);
            if (first == '[') {
                reader.readArray(in);
            } else if (first == '{') {
                reader.readLines(in);
            } else if (first == -1) {
                throw reader.error("the file is empty");
            } else {
                throw reader.error("expected a JSON array (ShareGPT) or JSON Lines (one {...} per line), found '"
                        + (char) first + "'");
            }
        } catch (NoSuchFileException e) {
            throw reader.error("no such file");
        } catch (IOException e) {
            throw reader.error("cannot read: " + e.getMessage());
        }
        if (reader.requests.isEmpty()) {
            Dataset empty = reader.dataset();
            throw reader.error("no usable record: " + empty.describe());
        }
        return reader.dataset();
    }

    private Dataset dataset() {
        return new Dataset(name, format == null ? "jsonl" : format, records, requests, skipped);
    }

    /** Skips a UTF-8 byte-order mark and whitespace; leaves the first other byte unread. */
    private static int firstSignificantByte(PushbackInputStream in) throws IOException {
        int b = in.read();
        if (b == 0xEF) {
            int b2 = in.read();
            int b3 = in.read();
            if (b2 != 0xBB || b3 != 0xBF) {
                in.unread(new byte[] {(byte) b, (byte) b2, (byte) b3});
                return b;
            }
            b = in.read();
        }
        while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
            b = in.read();
        }
        if (b != -1) {
            in.unread(b);
        }
        return b;
    }

    private void readArray(InputStream in) throws IOException, DatasetException {
        format = "json";
        try (JsonParser parser = MAPPER.createParser(in)) {
            parser.nextToken(); // the array's start
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw error("the JSON array is not closed");
                }
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = MAPPER.readTree(parser);
                accept(node, "element " + (records + 1) + " (line " + line + ")");
            }
        } catch (JsonProcessingException e) {
            throw error("not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
    }

    private void readLines(InputStream in) throws IOException, DatasetException {
        format = "jsonl";
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw error("line " + number + " is not one JSON object (JSON Lines: one record per line): "
                        + e.getOriginalMessage());
            }
            accept(node, "line " + number);
        }
    }

    private void accept(JsonNode node, String where) throws DatasetException {
        records++;
        if (!node.isObject()) {
            throw error(where + " is not a JSON object");
        }
        if (node.has("conversations")) {
            if (records == 1) {
                format = "sharegpt";
            }
            shareGpt(node.get("conversations"), where);
        } else if (node.has("body")) {
            batchLine(node, where);
        } else if (node.has("messages") || node.has("prompt")) {
            request(node, outputLength(node, where), where);
        } else {
            throw error(where + " has none of \"conversations\" (ShareGPT), \"prompt\", \"messages\" or an OpenAI "
                    + "batch request's \"body\"");
        }
    }

    private void shareGpt(JsonNode turns, String where) throws DatasetException {
        if (!turns.isArray()) {
            throw error(where + ": \"conversations\" is not a list");
        }
        if (turns.size() < 2) {
            skip("with fewer than 2 turns");
            return;
        }
        String prompt = turnText(turns.get(0));
        String answer = turnText(turns.get(1));
        if (prompt == null || answer == null) {
            throw error(where + ": a ShareGPT turn needs a text \"value\" (or \"content\")");
        }
        int promptTokens = TokenEstimate.of(prompt);
        int answerTokens = TokenEstimate.of(answer);
        if (promptTokens < MIN_TOKENS || promptTokens > MAX_PROMPT_TOKENS) {
            skip("outside " + MIN_TOKENS + "-" + MAX_PROMPT_TOKENS + " prompt tokens");
        } else if (recordedLengths && answerTokens < MIN_TOKENS) {
            skip("with answers under " + MIN_TOKENS + " tokens");
        } else if (recordedLengths && promptTokens + answerTokens > MAX_TOTAL_TOKENS) {
            skip("over " + MAX_TOTAL_TOKENS + " tokens with the answer");
        } else {
            requests.add(DatasetRequest.ofPrompt(prompt, OptionalInt.of(answerTokens), new JsonObject()));
        }
    }

    private static String turnText(JsonNode turn) {
        JsonNode text = turn.has("value") ? turn.get("value") : turn.get("content");
        return text != null && text.isTextual() ? text.asText() : null;
    }

    private void batchLine(JsonNode line, String where) throws DatasetException {
        JsonNode body = line.get("body");
        if (!body.isObject()) {
            throw error(where + ": the batch request's \"body\" is not an object");
        }
        String url = line.path("url").asText("");
        if (!url.isEmpty() && !url.endsWith("/chat/completions") && !url.endsWith("/completions")) {
            skip("for other endpoints than completions");
            return;
        }
        if (!body.has("messages") && !body.has("prompt")) {
            throw error(where + ": the batch request's body has neither \"messages\" nor \"prompt\"");
        }
        request(body, outputLength(body, where), where, fields(body));
    }

    private void request(JsonNode record, OptionalInt outputTokens, String where) throws DatasetException {
        request(record, outputTokens, where, new JsonObject());
    }

    private void request(JsonNode record, OptionalInt outputTokens, String where, JsonObject fields)
            throws DatasetException {
        if (record.has("messages")) {
            chat(record.get("messages"), outputTokens, where, fields);
            return;
        }
        JsonNode prompt = record.get("prompt");
        if (prompt.isArray() && prompt.size() == 1) {
            prompt = prompt.get(0);
        }
        if (!prompt.isTextual()) {
            skip("with prompts of token ids or several prompts");
        } else if (prompt.asText().isEmpty()) {
            skip("with empty prompts");
        } else {
            requests.add(DatasetRequest.ofPrompt(prompt.asText(), outputTokens, fields));
        }
    }

    private void chat(JsonNode messages, OptionalInt outputTokens, String where, JsonObject fields)
            throws DatasetException {
        if (!messages.isArray() || messages.isEmpty()) {
            throw error(where + ": \"messages\" is not a non-empty list");
        }
        List<JsonObject> sent = new ArrayList<>(messages.size());
        for (JsonNode message : messages) {
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw error(where + ": each message needs a \"role\"");
            }
            sent.add(new JsonObject(MAPPER.convertValue(message, MAP_TYPE)));
        }
        JsonNode last = messages.get(messages.size() - 1);
        OptionalInt length = outputTokens;
        if (sent.size() > 1 && last.path("role").asText().equals("assistant")) {
            // The recorded answer: its length is the output to ask for, and it is not sent.
            sent.remove(sent.size() - 1);
            if (length.isEmpty() && last.path("content").isTextual()) {
                length = OptionalInt.of(Math.max(1, TokenEstimate.of(last.path("content").asText())));
            }
        }
        requests.add(new DatasetRequest(promptText(sent), sent, length, fields));
    }

    /** The texts of the messages (string contents and text parts), joined by blank lines. */
    private static String promptText(List<JsonObject> messages) {
        StringBuilder text = new StringBuilder();
        for (JsonObject message : messages) {
            Object content = message.getValue("content");
            if (content instanceof String s) {
                append(text, s);
            } else if (content instanceof JsonArray parts) {
                for (int i = 0; i < parts.size(); i++) {
                    if (parts.getValue(i) instanceof JsonObject part && part.getValue("text") instanceof String s) {
                        append(text, s);
                    }
                }
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String part) {
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(part);
    }

    private OptionalInt outputLength(JsonNode record, String where) throws DatasetException {
        for (String field : OUTPUT_LENGTH_FIELDS) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.canConvertToExactIntegral() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
                throw error(where + ": \"" + field + "\" must be a positive integer, got " + value);
            }
            return OptionalInt.of(value.asInt());
        }
        return OptionalInt.empty();
    }

    /** A batch body's fields other than those the load generator sets. */
    private static JsonObject fields(JsonNode body) {
        JsonObject fields = new JsonObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!CONTROLLED_FIELDS.contains(field.getKey())) {
                fields.put(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class));
            }
        }
        return fields;
    }

    private void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    private DatasetException error(String message) {
        return new DatasetException("dataset " + name + ": " + message);
    }
}
