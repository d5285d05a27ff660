package io.ascendgw.gateway.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * vLLM-style command-line parsing: {@code --flag value}, {@code --flag=value}, {@code --no-<switch>}, several values
 * for {@code --served-model-name}, a positional model as in {@code vllm serve MODEL}. Unknown flags are accepted
 * and ignored (a following token not starting with {@code --} is taken as their value); unknown {@code --sim-*}
 * flags are errors because they can only be typos.
 */
public final class SimArgsParser {

    private static final Map<String, FlagSpec> FLAGS = index();

    private SimArgsParser() {
    }

    /**
     * Parses {@code args}; {@code env} supplies {@code VLLM_API_KEY}, {@code VLLM_LOG_STATS_INTERVAL} and
     * {@code VLLM_ENABLE_RESPONSES_API_STORE}, {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING},
     * {@code VLLM_IMAGE_FETCH_TIMEOUT} and {@code VLLM_MEDIA_URL_ALLOW_REDIRECTS}.
     */
    public static SimArgs parse(List<String> args, Map<String, String> env) {
        SimArgsBuilder b = new SimArgsBuilder();
        String statsInterval = env.get("VLLM_LOG_STATS_INTERVAL");
        if (statsInterval != null) {
            b.statsIntervalSeconds = FlagSpec.doubleValue("VLLM_LOG_STATS_INTERVAL", statsInterval);
        }
        Set<String> unknown = new LinkedHashSet<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String token = args.get(i);
            if (token.equals("--help") || token.equals("-h")) {
                help = true;
                continue;
            }
            if (!token.startsWith("-") || isNumber(token)) {
                if (b.model == null) {
                    b.model = token;
                } else {
                    unknown.add(token);
                }
                continue;
            }
            int eq = token.startsWith("--") ? token.indexOf('=') : -1;
            String name = eq > 0 ? token.substring(0, eq) : token;
            String inline = eq > 0 ? token.substring(eq + 1) : null;
            FlagSpec spec = FLAGS.get(name);
            boolean negated = false;
            if (spec == null && name.startsWith("--no-")) {
                FlagSpec positive = FLAGS.get("--" + name.substring(5));
                if (positive != null && positive.arity() == FlagSpec.Arity.SWITCH) {
                    spec = positive;
                    negated = true;
                }
            }
            if (spec == null) {
                i = skipUnknown(args, i, name, inline, unknown);
                continue;
            }
            List<String> values = new ArrayList<>();
            switch (spec.arity()) {
                case SWITCH -> values.add(Boolean.toString(!negated && (inline == null || truthy(inline))));
                case ONE -> {
                    if (inline != null) {
                        values.add(inline);
                    } else if (i + 1 < args.size() && isValue(args.get(i + 1))) {
                        values.add(args.get(++i));
                    } else {
                        throw new SimArgsException("argument " + spec.name() + ": expected one argument");
                    }
                }
                case MANY -> {
                    if (inline != null) {
                        values.add(inline);
                    }
                    while (i + 1 < args.size() && isValue(args.get(i + 1))) {
                        values.add(args.get(++i));
                    }
                    if (values.isEmpty()) {
                        throw new SimArgsException("argument " + spec.name() + ": expected at least one argument");
                    }
                }
                default -> throw new IllegalStateException();
            }
            spec.apply().accept(b, values);
        }
        if (b.apiKeys.isEmpty() && env.get("VLLM_API_KEY") != null && !env.get("VLLM_API_KEY").isEmpty()) {
            b.apiKeys = List.of(env.get("VLLM_API_KEY"));
        }
        // vLLM reads it as bool(int(...)): any non-zero integer turns the store on
        String store = env.getOrDefault("VLLM_ENABLE_RESPONSES_API_STORE", "0").trim();
        b.responsesStore = store.matches("[-+]?\\d+") && !store.matches("[-+]?0+");
        String loraUpdating = env.getOrDefault("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "0").trim().toLowerCase(Locale.ROOT);
        b.runtimeLoraUpdating = loraUpdating.equals("1") || loraUpdating.equals("true");
        String fetchTimeout = env.get("VLLM_IMAGE_FETCH_TIMEOUT");
        if (fetchTimeout != null) {
            b.imageFetchTimeoutSeconds = FlagSpec.intValue("VLLM_IMAGE_FETCH_TIMEOUT", fetchTimeout);
        }
        // vLLM reads it as bool(int(...)), default 1
        String redirects = env.getOrDefault("VLLM_MEDIA_URL_ALLOW_REDIRECTS", "1").trim();
        b.mediaUrlRedirects = !redirects.matches("[-+]?0+");
        return b.build(List.copyOf(unknown), help);
    }

    private static Map<String, FlagSpec> index() {
        Map<String, FlagSpec> byName = new HashMap<>();
        List<FlagSpec> all = new ArrayList<>(VllmFlags.all());
        all.addAll(SimFlags.all());
        for (FlagSpec f : all) {
            for (String name : f.names()) {
                byName.put(name, f);
            }
        }
        return Map.copyOf(byName);
    }

    /** Every flag known to the parser, in help order. */
    static List<FlagSpec> vllmFlags() {
        return VllmFlags.all();
    }

    static List<FlagSpec> simFlags() {
        return SimFlags.all();
    }

    private static int skipUnknown(List<String> args, int i, String name, String inline, Set<String> unknown) {
        if (name.startsWith("--sim-")) {
            throw new SimArgsException("unrecognized simulator argument: " + name);
        }
        if (VllmFlags.IGNORED_SWITCHES.contains(name)) {
            if (name.equals("--enable-chunked-prefill") && inline == null && i + 1 < args.size()
                    && args.get(i + 1).matches("(?i)true|false")) {
                return i + 1;
            }
            return i;
        }
        if (!VllmFlags.IGNORED_VALUED.contains(name)) {
            unknown.add(name);
        }
        if (inline == null && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
            return i + 1;
        }
        return i;
    }

    private static boolean isValue(String token) {
        return !token.startsWith("-") || isNumber(token);
    }

    private static boolean isNumber(String token) {
        return token.matches("-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?");
    }

    private static boolean truthy(String v) {
        return !(v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no"));
    }
}
