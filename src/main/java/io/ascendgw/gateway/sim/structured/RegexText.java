package io.ascendgw.gateway.sim.structured;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.ascendgw.gateway.sim.text.BlockHasher;

/**
 * An answer that matches a regular expression ({@code guided_regex}, {@code structured_outputs.regex}), generated
 * from the pattern: literals and escapes, {@code .}, character classes with ranges and negation, {@code \d \w \s}
 * and their negations, groups (capturing, {@code (?:}, named), alternation, and the quantifiers {@code * + ?
 * {m} {m,} {m,n}} (lazy or possessive alike). Anchors are ignored. Immutable.
 */
public final class RegexText implements OutputStructure {

    /** Repetitions an open quantifier adds beyond its minimum at most. */
    private static final int EXTRA_REPEATS = 3;
    /** Output characters, and repetitions in all, past which repeating stops. */
    static final int MAX_CHARS = 1 << 18;
    private static final int MAX_STEPS = 1 << 20;

    private final Node root;

    private RegexText(Node root) {
        this.root = root;
    }

    /**
     * The generator for {@code regex}, or null when the pattern is not a valid regex or uses what this generator
     * cannot honour (lookaround, backreferences, flags); the answer is then free text.
     */
    public static RegexText parse(String regex) {
        try {
            Pattern.compile(regex);
            Parser parser = new Parser(regex);
            Node root = parser.alternation();
            return parser.atEnd() ? new RegexText(root) : null;
        } catch (PatternSyntaxException | UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public String text(long key) {
        StringBuilder out = new StringBuilder();
        root.write(new long[] {key, 0}, out);
        return out.toString();
    }

    private sealed interface Node permits Literal, CharSet, Choice, Sequence, Repeat {
        /** Appends this part; {@code state} is the random stream's state and the repetitions made so far. */
        void write(long[] state, StringBuilder out);

        static int pick(long[] state, int bound) {
            state[0] += 0x9e3779b97f4a7c15L;
            return bound <= 1 ? 0 : (int) Long.remainderUnsigned(BlockHasher.mix(state[0]), bound);
        }
    }

    private record Literal(int codePoint) implements Node {
        @Override
        public void write(long[] state, StringBuilder out) {
            out.appendCodePoint(codePoint);
        }
    }

    /** Inclusive ranges {@code [from0, to0, from1, to1, ...]}; negated sets pick from printable ASCII. */
    private record CharSet(int[] ranges, boolean negated) implements Node {
        @Override
        public void write(long[] state, StringBuilder out) {
            List<Integer> candidates = new ArrayList<>();
            if (negated) {
                for (int c = 0x20; c < 0x7f; c++) {
                    if (!contains(c)) {
                        candidates.add(c);
                    }
                }
            } else {
                for (int i = 0; i < ranges.length; i += 2) {
                    for (int c = ranges[i]; c <= ranges[i + 1] && candidates.size() < 4096; c++) {
                        candidates.add(c);
                    }
                }
            }
            if (!candidates.isEmpty()) {
                out.appendCodePoint(candidates.get(Node.pick(state, candidates.size())));
            }
        }

        boolean contains(int c) {
            for (int i = 0; i < ranges.length; i += 2) {
                if (c >= ranges[i] && c <= ranges[i + 1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Choice(List<Node> alternatives) implements Node {
        @Override
        public void write(long[] state, StringBuilder out) {
            alternatives.get(Node.pick(state, alternatives.size())).write(state, out);
        }
    }

    private record Sequence(List<Node> parts) implements Node {
        @Override
        public void write(long[] state, StringBuilder out) {
            for (Node part : parts) {
                part.write(state, out);
            }
        }
    }

    private record Repeat(Node node, int min, int max) implements Node {
        @Override
        public void write(long[] state, StringBuilder out) {
            int upper = (int) Math.min(max, (long) min + EXTRA_REPEATS);
            int count = min + Node.pick(state, upper - min + 1);
            // a huge or nested count stops at the budget rather than stall the engine thread (the answer would be
            // cut at max_tokens long before)
            for (int i = 0; i < count && out.length() < MAX_CHARS && state[1]++ < MAX_STEPS; i++) {
                node.write(state, out);
            }
        }
    }

    /** Recursive descent over the pattern; throws UnsupportedOperationException for what it cannot generate. */
    private static final class Parser {

        private static final int[] DIGITS = {'0', '9'};
        private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
        private static final int[] SPACE = {' ', ' '};

        private final String pattern;
        private int at;

        Parser(String pattern) {
            this.pattern = pattern;
        }

        boolean atEnd() {
            return at >= pattern.length();
        }

        Node alternation() {
            List<Node> alternatives = new ArrayList<>();
            alternatives.add(sequence());
            while (!atEnd() && peek() == '|') {
                at++;
                alternatives.add(sequence());
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new Choice(alternatives);
        }

        private Node sequence() {
            List<Node> parts = new ArrayList<>();
            while (!atEnd() && peek() != '|' && peek() != ')') {
                Node atom = atom();
                if (atom != null) {
                    parts.add(quantified(atom));
                }
            }
            return parts.size() == 1 ? parts.get(0) : new Sequence(parts);
        }

        private Node atom() {
            int c = pattern.codePointAt(at);
            at += Character.charCount(c);
            return switch (c) {
                case '^', '$' -> null;
                case '.' -> new CharSet(new int[] {'\n', '\n'}, true);
                case '(' -> group();
                case '[' -> charClass();
                case '\\' -> escape(false);
                default -> new Literal(c);
            };
        }

        private Node group() {
            if (pattern.startsWith("?:", at)) {
                at += 2;
            } else if (pattern.startsWith("?<", at) && at + 2 < pattern.length() && pattern.charAt(at + 2) != '='
                    && pattern.charAt(at + 2) != '!') {
                at = pattern.indexOf('>', at) + 1;
            } else if (peek() == '?') {
                throw new UnsupportedOperationException("lookaround or flags");
            }
            Node inner = alternation();
            expect(')');
            return inner;
        }

        private Node charClass() {
            boolean negated = peek() == '^';
            if (negated) {
                at++;
            }
            List<Integer> ranges = new ArrayList<>();
            boolean first = true;
            while (peek() != ']' || first) {
                first = false;
                int from;
                if (peek() == '\\') {
                    at++;
                    Node escaped = escape(true);
                    if (escaped instanceof CharSet set) {
                        if (set.negated()) {
                            throw new UnsupportedOperationException("negated class inside a class");
                        }
                        for (int r : set.ranges()) {
                            ranges.add(r);
                        }
                        continue;
                    }
                    from = ((Literal) escaped).codePoint();
                } else if (peek() == '[') {
                    throw new UnsupportedOperationException("nested class");
                } else {
                    from = pattern.codePointAt(at);
                    at += Character.charCount(from);
                }
                int to = from;
                if (peek() == '-' && at + 1 < pattern.length() && pattern.charAt(at + 1) != ']') {
                    at++;
                    if (peek() == '\\') {
                        at++;
                        Node escaped = escape(true);
                        if (!(escaped instanceof Literal literal)) {
                            throw new UnsupportedOperationException("range to a class");
                        }
                        to = literal.codePoint();
                    } else {
                        to = pattern.codePointAt(at);
                        at += Character.charCount(to);
                    }
                }
                ranges.add(from);
                ranges.add(to);
            }
            at++;
            return new CharSet(ranges.stream().mapToInt(Integer::intValue).toArray(), negated);
        }

        private Node escape(boolean inClass) {
            char c = pattern.charAt(at++);
            return switch (c) {
                case 'd' -> new CharSet(DIGITS, false);
                case 'D' -> new CharSet(DIGITS, true);
                case 'w' -> new CharSet(WORD, false);
                case 'W' -> new CharSet(WORD, true);
                case 's' -> new CharSet(SPACE, false);
                case 'S' -> new CharSet(new int[] {' ', ' ', '\t', '\r', '\n', '\n'}, true);
                case 'n' -> new Literal('\n');
                case 't' -> new Literal('\t');
                case 'r' -> new Literal('\r');
                case 'u' -> {
                    int code = Integer.parseInt(pattern.substring(at, at + 4), 16);
                    at += 4;
                    yield new Literal(code);
                }
                case 'b', 'B', 'A', 'z', 'Z' -> {
                    if (inClass) {
                        throw new UnsupportedOperationException("anchor in a class");
                    }
                    yield null;
                }
                default -> {
                    if (Character.isLetterOrDigit(c)) {
                        throw new UnsupportedOperationException("escape \\" + c);
                    }
                    yield new Literal(c);
                }
            };
        }

        private Node quantified(Node atom) {
            if (atEnd()) {
                return atom;
            }
            int min;
            int max;
            switch (peek()) {
                case '*' -> {
                    min = 0;
                    max = Integer.MAX_VALUE;
                    at++;
                }
                case '+' -> {
                    min = 1;
                    max = Integer.MAX_VALUE;
                    at++;
                }
                case '?' -> {
                    min = 0;
                    max = 1;
                    at++;
                }
                case '{' -> {
                    int close = pattern.indexOf('}', at);
                    String[] bounds = pattern.substring(at + 1, close).split(",", -1);
                    min = Integer.parseInt(bounds[0].trim());
                    max = bounds.length == 1 ? min
                            : bounds[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1].trim());
                    at = close + 1;
                }
                default -> {
                    return atom;
                }
            }
            if (!atEnd() && (peek() == '?' || peek() == '+')) {
                at++;
            }
            return new Repeat(atom, min, max);
        }

        private char peek() {
            if (atEnd()) {
                throw new UnsupportedOperationException("unexpected end");
            }
            return pattern.charAt(at);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new UnsupportedOperationException("expected " + c);
            }
            at++;
        }
    }
}
