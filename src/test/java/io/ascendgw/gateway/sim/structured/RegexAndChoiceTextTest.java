package io.ascendgw.gateway.sim.structured;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexAndChoiceTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"\\d{3}-\\d{4}", "[A-Z][a-z]+ (Street|Road|Avenue)", "(yes|no|maybe)",
        "^\\w+@\\w+\\.(com|org)$", "[^,\\n]{1,8},[0-9]*?", "(?:ab|cd)+x?", "(?<year>20[0-9]{2})-(0[1-9]|1[0-2])",
        "\\$\\d+\\.\\d\\d", "[\\d\\s]{2,}", "a{2,}b{0,1}", "[-+]?[0-9]+", "\\u00e9t\\u00e9", "café|naïve", "..x"})
    void shouldMatchThePatternWhenGeneratedFromIt(String regex) {
        // Given a pattern of the kind guided_regex carries
        RegexText structure = RegexText.parse(regex);
        assertThat(structure).as(regex).isNotNull();

        for (long key = 0; key < 30; key++) {
            // When answers are generated
            String text = structure.text(key);

            // Then each matches the pattern as a whole
            assertThat(Pattern.compile(regex).matcher(text).matches()).as(regex + " -> " + text).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?=a)b", "(a)\\1", "(?i)abc", "[a-z&&[^b]]", "(unclosed", "a{2"})
    void shouldGiveUpWhenThePatternNeedsMoreThanGeneration(String regex) {
        // Given lookaround, a backreference, flags, class intersection, or no valid regex at all
        // When parsed, then no generator is made (the answer is free text)
        assertThat(RegexText.parse(regex)).isNull();
    }

    @Test
    @Timeout(10)
    void shouldStopRepeatingAtItsBudgetWhenAPatternAsksForMillions() {
        // Given patterns that ask for a billion characters, or a trillion repetitions of what may be nothing
        for (String regex : List.of("a{1000000000}", "(?:(?:x?){1000000}){1000000}")) {
            // When an answer is generated, then it comes at once and no longer than the budget
            String text = RegexText.parse(regex).text(1);
            assertThat(text.length()).as(regex).isLessThanOrEqualTo(RegexText.MAX_CHARS + 1);
        }
    }

    @Test
    void shouldPickEachChoiceWhenKeysVary() {
        // Given three labels
        ChoiceText structure = new ChoiceText(List.of("positive", "negative", "中性"));

        // When answers are written for many keys
        Set<String> seen = new HashSet<>();
        for (long key = 0; key < 50; key++) {
            seen.add(structure.text(key));
        }

        // Then every answer is one of them, all of them occur, and a key always picks the same
        assertThat(seen).containsExactlyInAnyOrder("positive", "negative", "中性");
        assertThat(structure.text(9)).isEqualTo(structure.text(9));
    }

    @Test
    void shouldCutTextIntoTokensOfAtMostFourBytesWhenScripted() {
        // Given a text with ASCII, two- and three-byte characters
        String text = "{\"a\": \"café 中性\"}";
        ScriptedText pieces = new ScriptedText(text);

        // When it is taken token by token
        StringBuilder joined = new StringBuilder();
        int count = 0;
        for (String piece = pieces.next(); !piece.isEmpty(); piece = pieces.next()) {
            assertThat(piece.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isBetween(1, 4);
            joined.append(piece);
            count++;
        }

        // Then the pieces give the text back, as many as counted, and then only empty pieces
        assertThat(joined.toString()).isEqualTo(text);
        assertThat(count).isEqualTo(ScriptedText.tokens(text));
        assertThat(pieces.next()).isEmpty();
    }
}
