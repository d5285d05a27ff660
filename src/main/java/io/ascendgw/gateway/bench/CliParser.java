package io.ascendgw.gateway.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ascendgw.gateway.bench.dataset.DatasetException;
import io.ascendgw.gateway.bench.dataset.DatasetReader;

/**
 * Turns {@code bench} flags into {@link CliOptions}; see {@link CliUsage} for the flags. The spellings of
 * {@code vllm bench serve} (vLLM's {@code benchmark_serving.py}) for the same settings are accepted too, so a command
 * line copied from vLLM's documentation runs as it is.
 */
public final class CliParser {

    /** vLLM's benchmark flags that mean exactly one of ours. */
    private static final Map<String, String> VLLM_FLAGS = Map.of(
            "--num-prompts", "--num-requests",
            "--max-concurrency", "--concurrency",
            "--random-input-len", "--input-len",
            "--random-output-len", "--output-len",
            "--sharegpt-output-len", "--output-len",
            "--custom-output-len", "--output-len",
            "--metric-percentiles", "--percentiles");

    private final LoadSpec.Builder builder = LoadSpec.builder();
    private final Set<String> seen = new HashSet<>();
    private Optional<Path> resultFile = Optional.empty();
    private String workloadName;
    private Path datasetPath;
    /** vLLM's {@code --backend}, which sets the endpoint when {@code --endpoint} is not given. */
    private Endpoint backendEndpoint;
    private String host;
    private String port;
    private double requestRate = Double.POSITIVE_INFINITY;
    /** vLLM's {@code --save-result}, {@code --result-dir} and {@code --result-filename}. */
    private boolean saveResult;
    private String resultDir;
    private String resultFilename;
    private double burstiness = 1.0;
    private int inputLen = 1024;
    private int prefixLen = 1024;
    private int numPrefixes = 4;
    private int suffixLen = 64;
    private int outputLen = 128;
    private String outputDist = "fixed";
    private int images;
    private int[] imageSize = {1024, 768};
    private int distinctImages = 16;

    private CliParser() {
    }

    /** Parses {@code args}; throws {@link UsageException} with a message naming the bad flag. */
    public static CliOptions parse(String... args) throws UsageException {
        return new CliParser().parseAll(args);
    }

    private CliOptions parseAll(String[] args) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return new CliOptions(builder.build(), Optional.empty(), true);
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "' (flags start with --)");
            }
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (isSwitch(flag)) {
                if (value != null) {
                    throw new UsageException(flag + " takes no value");
                }
                applySwitch(flag);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
                // vLLM's --goodput takes several values: ttft:300 tpot:50
                while (flag.equals("--goodput") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value += " " + args[++i];
                }
            }
            apply(flag, value);
        }
        return build();
    }

    private static boolean isSwitch(String flag) {
        return switch (flag) {
            case "--stream", "--no-stream", "--insecure", "--no-ignore-eos", "--ignore-eos", "--save-result",
                    "--trust-remote-code" -> true;
            default -> false;
        };
    }

    private void applySwitch(String flag) {
        switch (flag) {
            case "--stream" -> builder.stream(true);
            case "--no-stream" -> builder.stream(false);
            case "--insecure" -> builder.trustAll(true);
            case "--ignore-eos" -> builder.ignoreEos(true); // vLLM's switch; already the default here
            case "--save-result" -> saveResult = true;
            case "--trust-remote-code" -> {
                // vLLM's, for its tokenizer; token counts come from the server's usage here
            }
            default -> builder.ignoreEos(false);
        }
    }

    private void apply(String given, String value) throws UsageException {
        if (given.equals("--custom-output-len") && value.trim().equals("-1")) {
            return; // vLLM: keep the dataset's own lengths, which is what no output-length flag means here
        }
        String flag = VLLM_FLAGS.getOrDefault(given, given);
        if (!flag.equals("--header") && !seen.add(flag)) {
            throw new UsageException(flag.equals(given) ? flag + " given twice"
                    : given + " is vLLM's spelling of " + flag + ", given twice");
        }
        if (vllmFlag(flag, value)) {
            return;
        }
        try {
            switch (flag) {
                case "--base-url" -> builder.baseUrl(FlagValues.url(value));
                case "--endpoint" -> builder.endpoint(Endpoint.parse(value));
                case "--model" -> builder.model(value);
                case "--model-mix" -> builder.modelMix(ModelMix.parse(value));
                case "--num-requests" -> builder.numRequests(FlagValues.positive(flag, value));
                case "--duration" -> builder.duration(FlagValues.duration(value));
                case "--request-rate" -> {
                    requestRate = FlagValues.rate(value);
                    builder.requestRate(requestRate);
                }
                case "--concurrency" -> builder.concurrency(FlagValues.positive(flag, value));
                case "--max-connections" -> builder.maxConnections(FlagValues.positive(flag, value));
                case "--warmup" -> builder.warmupRequests(FlagValues.nonNegative(flag, value));
                case "--timeout" -> builder.requestTimeout(FlagValues.secondsDuration(flag, value));
                case "--output-len" -> outputLen = FlagValues.positive(flag, value);
                case "--output-len-dist" -> outputDist = value;
                case "--workload" -> workloadName = value;
                case "--dataset-path" -> datasetPath = Path.of(value);
                case "--input-len" -> inputLen = FlagValues.positive(flag, value);
                case "--prefix-len" -> prefixLen = FlagValues.positive(flag, value);
                case "--num-prefixes" -> numPrefixes = FlagValues.positive(flag, value);
                case "--suffix-len" -> suffixLen = FlagValues.positive(flag, value);
                case "--lang" -> builder.language(PromptLanguage.parse(value));
                case "--seed" -> builder.seed(Long.parseLong(value.trim()));
                case "--header" -> header(value);
                case "--percentiles" -> builder.percentiles(FlagValues.percentiles(value));
                case "--goodput" -> builder.goodput(GoodputSlo.parse(List.of(value.trim().split("[\\s,]+"))));
                case "--burstiness" -> {
                    burstiness = Double.parseDouble(value.trim());
                    if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
                        throw new UsageException("--burstiness must be a number > 0, got '" + value + "'");
                    }
                }
                case "--result-file" -> resultFile = Optional.of(Path.of(value));
                case "--label" -> builder.label(value);
                case "--images" -> images = FlagValues.positive(flag, value);
                case "--image-size" -> imageSize = ImageLoad.parseSize(value);
                case "--distinct-images" -> distinctImages = FlagValues.positive(flag, value);
                default -> throw new UsageException("unknown flag " + flag);
            }
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a number, got '" + value + "'");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** vLLM's flags with no exact counterpart here; false when {@code flag} is not one of them. */
    private boolean vllmFlag(String flag, String value) throws UsageException {
        switch (flag) {
            case "--dataset-name" -> workloadName = switch (value) {
                case "random" -> "random";
                case "sharegpt", "custom" -> "dataset"; // the file's format is recognised from its content
                default -> throw new UsageException("--dataset-name " + value + " is not supported: use random, "
                        + "sharegpt or custom (or --workload shared-prefix for repeated prefixes)");
            };
            case "--backend" -> backendEndpoint = switch (value) {
                case "vllm", "openai", "openai-completions" -> Endpoint.COMPLETIONS;
                case "openai-chat", "vllm-chat" -> Endpoint.CHAT;
                default -> throw new UsageException("--backend must be vllm, openai or openai-chat (this tool speaks "
                        + "the OpenAI API only), got '" + value + "'");
            };
            case "--result-dir" -> resultDir = value;
            case "--result-filename" -> resultFilename = value;
            case "--tokenizer", "--percentile-metrics" -> {
                // Accepted as vLLM's tool takes them: token counts come from the server's usage here, and every
                // latency metric gets its percentiles.
            }
            case "--host" -> host = value;
            case "--port" -> port = Integer.toString(FlagValues.positive(flag, value));
            default -> {
                return false;
            }
        }
        return true;
    }

    private CliOptions build() throws UsageException {
        if (seen.contains("--num-requests") && seen.contains("--duration")) {
            throw new UsageException("give either --num-requests or --duration, not both");
        }
        if (seen.contains("--request-rate") && seen.contains("--concurrency")) {
            throw new UsageException("give either --request-rate or --concurrency, not both");
        }
        if (seen.contains("--workload") && seen.contains("--dataset-name")) {
            throw new UsageException("give either --workload or --dataset-name (vLLM's spelling), not both");
        }
        if (host != null || port != null) {
            if (seen.contains("--base-url")) {
                throw new UsageException("give either --base-url or --host/--port, not both");
            }
            builder.baseUrl(FlagValues.url("http://" + (host == null ? "127.0.0.1" : host) + ":"
                    + (port == null ? "8000" : port)));
        }
        if (backendEndpoint != null && !seen.contains("--endpoint")) {
            builder.endpoint(backendEndpoint);
        }
        if (seen.contains("--burstiness")) {
            if (Double.isInfinite(requestRate)) {
                throw new UsageException("--burstiness applies to a finite --request-rate");
            }
            builder.loadMode(new LoadMode.RequestRate(requestRate, burstiness));
        }
        try {
            builder.workload(workload());
            builder.outputLengths(outputLengths());
            builder.images(images());
            LoadSpec spec = builder.build();
            return new CliOptions(spec, saveResult ? Optional.of(vllmResultFile(spec)) : resultFile, false);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Where vLLM's {@code --save-result} writes: {@code --result-dir}/{@code --result-filename}, by default a name
     * made of the load and the time, as vLLM makes one.
     */
    private Path vllmResultFile(LoadSpec spec) throws UsageException {
        if (seen.contains("--result-file")) {
            throw new UsageException("give either --result-file or vLLM's --save-result, not both");
        }
        String load = spec.loadMode() instanceof LoadMode.Concurrency c ? "concurrency" + c.limit()
                : spec.loadMode() instanceof LoadMode.RequestRate r && !r.isInfinite() ? r.perSecond() + "qps"
                : "infqps";
        String name = resultFilename != null ? resultFilename : "bench-" + load + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json";
        return resultDir == null ? Path.of(name) : Path.of(resultDir, name);
    }

    private Workload workload() throws UsageException {
        String name = workloadName != null ? workloadName : datasetPath != null ? "dataset" : "random";
        if (datasetPath != null && !name.equals("dataset")) {
            throw new UsageException("--dataset-path applies to --workload dataset");
        }
        switch (name) {
            case "random" -> {
                for (String flag : List.of("--prefix-len", "--num-prefixes", "--suffix-len")) {
                    if (seen.contains(flag)) {
                        throw new UsageException(flag + " applies to --workload shared-prefix");
                    }
                }
                return new Workload.RandomPrompts(inputLen);
            }
            case "shared-prefix" -> {
                if (seen.contains("--input-len")) {
                    throw new UsageException("--input-len applies to --workload random; use --prefix-len/--suffix-len");
                }
                return new Workload.SharedPrefix(prefixLen, numPrefixes, suffixLen);
            }
            case "dataset" -> {
                return replay();
            }
            default -> throw new UsageException(
                    "--workload must be random, shared-prefix or dataset, got '" + name + "'");
        }
    }

    private Workload replay() throws UsageException {
        if (datasetPath == null) {
            throw new UsageException("--workload dataset needs --dataset-path FILE");
        }
        for (String flag : List.of("--input-len", "--prefix-len", "--num-prefixes", "--suffix-len", "--lang",
                "--images")) {
            if (seen.contains(flag)) {
                throw new UsageException(flag + " applies to generated prompts, not to --workload dataset");
            }
        }
        // As vLLM's --sharegpt-output-len: output-length flags given on the command line replace the recorded ones.
        boolean recordedLengths = !seen.contains("--output-len") && !seen.contains("--output-len-dist");
        try {
            return new Workload.Replay(DatasetReader.read(datasetPath, recordedLengths), recordedLengths);
        } catch (DatasetException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ImageLoad images() throws UsageException {
        if (images == 0) {
            for (String flag : List.of("--image-size", "--distinct-images")) {
                if (seen.contains(flag)) {
                    throw new UsageException(flag + " applies with --images N");
                }
            }
            return null;
        }
        return new ImageLoad(images, imageSize[0], imageSize[1], distinctImages);
    }

    private OutputLengths outputLengths() throws UsageException {
        if (outputDist.equals("fixed")) {
            return new OutputLengths.Fixed(outputLen);
        }
        if (!outputDist.startsWith("uniform:")) {
            throw new UsageException("--output-len-dist must be fixed or uniform:a-b, got '" + outputDist + "'");
        }
        if (seen.contains("--output-len")) {
            throw new UsageException("--output-len applies to --output-len-dist fixed; uniform:a-b gives the range");
        }
        return OutputLengths.parseUniform(outputDist);
    }

    private void header(String value) throws UsageException {
        int colon = value.indexOf(':');
        if (colon <= 0 || value.substring(0, colon).isBlank()) {
            throw new UsageException("--header must be Name:value, got '" + value + "'");
        }
        builder.header(value.substring(0, colon).trim(), value.substring(colon + 1).trim());
    }
}
