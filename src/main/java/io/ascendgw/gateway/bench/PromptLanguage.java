package io.ascendgw.gateway.bench;

import java.util.Locale;

/** Language of the generated prompt text. Chinese prompts are a main use on Ascend, so they get first-class support. */
public enum PromptLanguage {
    /** English-like words, ~4 bytes per token. */
    EN,
    /** Chinese characters, ~1 token per character (random characters rarely merge into one token). */
    ZH,
    /** Sentences alternate at random between English and Chinese. */
    MIXED;

    /** Parses the flag value {@code en}, {@code zh} or {@code mixed}. */
    public static PromptLanguage parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "en" -> EN;
            case "zh" -> ZH;
            case "mixed" -> MIXED;
            default -> throw new IllegalArgumentException("--lang must be en, zh or mixed, got '" + value + "'");
        };
    }
}
