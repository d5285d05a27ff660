package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliParserTest {

    @Test
    void shouldApplyDefaultsWhenNoFlags() throws UsageException {
        // When
        CliOptions options = CliParser.parse();

        // Then
        LoadSpec spec = options.spec();
        assertThat(spec.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(spec.endpoint()).isEqualTo(Endpoint.CHAT);
        assertThat(spec.model()).isEmpty();
        assertThat(spec.runLength()).isEqualTo(new RunLength.RequestCount(1000));
        assertThat(spec.loadMode()).isEqualTo(new LoadMode.RequestRate(Double.POSITIVE_INFINITY));
        assertThat(spec.stream()).isTrue();
        assertThat(spec.workload()).isEqualTo(new Workload.RandomPrompts(1024));
        assertThat(spec.outputLengths()).isEqualTo(new OutputLengths.Fixed(128));
        assertThat(spec.ignoreEos()).isTrue();
        assertThat(options.resultFile()).isEmpty();
        assertThat(options.help()).isFalse();
    }

    @Test
    void shouldReadEveryFlagWhenAllGiven() throws UsageException {
        // When
        CliOptions options = CliParser.parse("--base-url", "https://lb.local:8443/llm", "--endpoint", "completions",
                "--model", "qwen", "--duration", "2m", "--concurrency", "16", "--no-stream", "--output-len-dist",
                "uniform:32-256", "--workload", "shared-prefix", "--prefix-len", "2000", "--num-prefixes", "8",
                "--suffix-len=50", "--lang", "zh", "--seed", "9", "--warmup", "4", "--timeout", "1.5", "--header",
                "Authorization: Bearer k:1", "--header", "X-A:b", "--percentiles", "50,99.9", "--result-file",
                "out.json", "--label", "gw", "--insecure", "--no-ignore-eos");

        // Then
        LoadSpec spec = options.spec();
        assertThat(spec.baseUrl().toString()).isEqualTo("https://lb.local:8443/llm");
        assertThat(spec.endpoint()).isEqualTo(Endpoint.COMPLETIONS);
        assertThat(spec.model()).contains("qwen");
        assertThat(spec.runLength()).isEqualTo(new RunLength.TimeBudget(Duration.ofMinutes(2)));
        assertThat(spec.loadMode()).isEqualTo(new LoadMode.Concurrency(16));
        assertThat(spec.poolSize()).isEqualTo(16);
        assertThat(spec.stream()).isFalse();
        assertThat(spec.outputLengths()).isEqualTo(new OutputLengths.Uniform(32, 256));
        assertThat(spec.workload()).isEqualTo(new Workload.SharedPrefix(2000, 8, 50));
        assertThat(spec.language()).isEqualTo(PromptLanguage.ZH);
        assertThat(spec.seed()).isEqualTo(9);
        assertThat(spec.warmupRequests()).isEqualTo(4);
        assertThat(spec.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(spec.headers()).containsExactly(Map.entry("Authorization", "Bearer k:1"), Map.entry("X-A", "b"));
        assertThat(spec.percentiles()).containsExactly(50.0, 99.9);
        assertThat(spec.label()).isEqualTo("gw");
        assertThat(spec.trustAll()).isTrue();
        assertThat(spec.ignoreEos()).isFalse();
        assertThat(options.resultFile()).contains(Path.of("out.json"));
    }

    @ParameterizedTest
    @CsvSource({
        "http://10.0.0.2:8000/v1, http://10.0.0.2:8000",
        "http://10.0.0.2:8000/v1/, http://10.0.0.2:8000",
        "https://lb.local/llm/v1, https://lb.local/llm",
        "https://lb.local/v1x, https://lb.local/v1x"})
    void shouldDropTheTrailingV1OfAnOpenAiClientsBaseUrl(String given, String used) throws UsageException {
        // The generator appends /v1/... itself; without this, /v1/v1/models answers 404
        assertThat(CliParser.parse("--base-url", given).spec().baseUrl().toString()).isEqualTo(used);
    }

    @Test
    void shouldAcceptFiniteRateAndRequestCount() throws UsageException {
        LoadSpec spec = CliParser.parse("--request-rate=2.5", "--num-requests", "10", "--input-len", "64",
                "--output-len", "7").spec();

        assertThat(spec.loadMode()).isEqualTo(new LoadMode.RequestRate(2.5));
        assertThat(spec.runLength()).isEqualTo(new RunLength.RequestCount(10));
        assertThat(spec.workload()).isEqualTo(new Workload.RandomPrompts(64));
        assertThat(spec.outputLengths()).isEqualTo(new OutputLengths.Fixed(7));
        assertThat(spec.poolSize()).isEqualTo(10_000);
    }

    @Test
    void shouldReportHelpWhenAsked() throws UsageException {
        assertThat(CliParser.parse("--num-requests", "5", "--help").help()).isTrue();
        assertThat(CliParser.parse("-h").help()).isTrue();
    }

    @Test
    void shouldReadTheModelMixWhenGivenInsteadOfAModel() throws UsageException {
        // When
        LoadSpec spec = CliParser.parse("--model-mix", "base=1,sql-lora=3").spec();

        // Then
        assertThat(spec.model()).isEmpty();
        assertThat(spec.modelMix()).contains(ModelMix.parse("base=1,sql-lora=3"));
        assertThat(CliParser.parse().spec().modelMix()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--bogus 1|unknown flag --bogus",
        "--model|--model needs a value",
        "--model m --model-mix a,b|either --model or --model-mix",
        "--model-mix a=0|--model-mix weight of a must be a number > 0",
        "--num-requests abc|--num-requests needs a number",
        "--num-requests 0|--num-requests must be >= 1",
        "--concurrency -3|--concurrency must be >= 1",
        "--request-rate 0|--request-rate must be > 0 or inf",
        "--request-rate 5 --concurrency 2|either --request-rate or --concurrency",
        "--num-requests 5 --duration 10|either --num-requests or --duration",
        "--duration 10|--duration needs a finite --request-rate or a --concurrency",
        "--duration 0 --concurrency 1|--duration must be > 0",
        "--endpoint embeddings|--endpoint must be chat or completions",
        "--workload sharegpt|--workload must be random, shared-prefix or dataset",
        "--prefix-len 100|--prefix-len applies to --workload shared-prefix",
        "--workload shared-prefix --input-len 100|--input-len applies to --workload random",
        "--output-len-dist normal|--output-len-dist must be fixed or uniform:a-b",
        "--output-len-dist uniform:9-3|uniform output length needs 1 <= a <= b",
        "--output-len 5 --output-len-dist uniform:1-9|--output-len applies to --output-len-dist fixed",
        "--lang fr|--lang must be en, zh or mixed",
        "--header NoColon|--header must be Name:value",
        "--percentiles 50,101|--percentiles must lie in (0, 100]",
        "--base-url ftp://x|--base-url must be http",
        "--base-url 127.0.0.1:8000|--base-url must be http://host[:port][/path]",
        "--timeout -1|--timeout must be > 0",
        "--warmup -1|--warmup must be >= 0",
        "--seed 1 --seed 2|--seed given twice",
        "--stream=yes|--stream takes no value",
        "stray|unexpected argument 'stray'",
    })
    void shouldRejectWithMessageNamingTheFlagWhenFlagsAreBad(String args, String message) {
        assertThatThrownBy(() -> CliParser.parse(args.split(" "))).isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldDocumentEveryFlagInHelp() {
        for (String flag : List.of("--base-url", "--endpoint", "--model", "--model-mix", "--num-requests", "--duration",
                "--request-rate", "--concurrency", "--stream", "--no-stream", "--input-len", "--output-len",
                "--output-len-dist", "--workload", "--prefix-len", "--num-prefixes", "--suffix-len", "--lang",
                "--seed", "--warmup", "--timeout", "--header", "--percentiles", "--result-file", "--label",
                "--max-connections", "--insecure", "--no-ignore-eos", "--help")) {
            assertThat(CliUsage.TEXT).contains(flag);
        }
    }

    @Test
    void shouldReplayADatasetWhenADatasetPathIsGiven(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // Given
        Path file = java.nio.file.Files.writeString(dir.resolve("p.jsonl"),
                "{\"prompt\": \"one two three four\", \"output_tokens\": 5}\n");

        // When the path alone is given, or with --workload dataset, or with an output length of the run's own
        LoadSpec impliedSpec = CliParser.parse("--dataset-path", file.toString()).spec();
        Workload implied = impliedSpec.workload();
        Workload named = CliParser.parse("--workload", "dataset", "--dataset-path", file.toString()).spec()
                .workload();
        LoadSpec fixedSpec = CliParser.parse("--dataset-path", file.toString(), "--output-len", "7").spec();
        Workload fixed = fixedSpec.workload();

        // Then the dataset is replayed, with its recorded lengths unless the run sets them
        assertThat(implied).isEqualTo(named).isInstanceOfSatisfying(Workload.Replay.class, replay -> {
            assertThat(replay.recordedLengths()).isTrue();
            assertThat(replay.dataset().requests()).hasSize(1);
        });
        assertThat(implied.describe()).isEqualTo("dataset(p.jsonl (jsonl): 1 of 1 records)");
        assertThat(((Workload.Replay) fixed).recordedLengths()).isFalse();
        assertThat(fixed.describe()).endsWith(", output lengths from flags)");
        assertThat(impliedSpec.describeOutputLengths()).isEqualTo("recorded, else fixed:128");
        assertThat(fixedSpec.describeOutputLengths()).isEqualTo("fixed:7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--workload dataset|--workload dataset needs --dataset-path FILE",
        "--workload random --dataset-path x.jsonl|--dataset-path applies to --workload dataset",
        "--dataset-path x.jsonl --input-len 9|--input-len applies to generated prompts, not to --workload dataset",
        "--dataset-path x.jsonl --images 1|--images applies to generated prompts, not to --workload dataset",
        "--dataset-path no-such.jsonl|dataset no-such.jsonl: no such file",
        "--num-requests 6 --num-prompts 5|--num-prompts is vLLM's spelling of --num-requests, given twice",
        "--output-len 50 --custom-output-len 32|--custom-output-len is vLLM's spelling of --output-len, given twice",
        "--dataset-name sonnet|--dataset-name sonnet is not supported: use random, sharegpt or custom (or "
                + "--workload shared-prefix for repeated prefixes)",
        "--dataset-name random --workload random|give either --workload or --dataset-name (vLLM's spelling), not both",
        "--backend tgi|--backend must be vllm, openai or openai-chat (this tool speaks the OpenAI API only), got 'tgi'",
        "--port 8001 --base-url http://h:1|give either --base-url or --host/--port, not both",
        "--burstiness 0.5|--burstiness applies to a finite --request-rate",
        "--request-rate 5 --burstiness 0|--burstiness must be a number > 0, got '0'",
        "--goodput itl:5|--goodput takes name:milliseconds with a name among [ttft, tpot, e2el], got 'itl:5'",
        "--save-result --result-file r.json|give either --result-file or vLLM's --save-result, not both"})
    void shouldRefuseADatasetOrVllmFlagThatDoesNotApplyOrConflicts(String args, String message) {
        assertThatThrownBy(() -> CliParser.parse(args.split(" "))).isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    @Test
    void shouldRunACommandLineCopiedFromVllmsBenchmark(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // Given vLLM's ShareGPT command line (vllm bench serve / benchmark_serving.py)
        Path file = java.nio.file.Files.writeString(dir.resolve("ShareGPT.json"), "[{\"conversations\": ["
                + "{\"from\": \"human\", \"value\": \"" + "word ".repeat(40) + "\"}, "
                + "{\"from\": \"gpt\", \"value\": \"" + "word ".repeat(80) + "\"}]}]");

        // When
        LoadSpec spec = CliParser.parse("--backend", "vllm", "--model", "Qwen/Qwen2.5-7B-Instruct", "--host",
                "127.0.0.1", "--port", "8001", "--dataset-name", "sharegpt", "--dataset-path", file.toString(),
                "--num-prompts", "10", "--max-concurrency", "4", "--sharegpt-output-len", "64", "--ignore-eos",
                "--metric-percentiles", "50,99").spec();

        // Then it means what it means to vLLM's tool: /v1/completions (the vllm backend's), 10 requests, 4 at a time,
        // the ShareGPT prompts with 64 output tokens each
        assertThat(spec.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8001"));
        assertThat(spec.endpoint()).isEqualTo(Endpoint.COMPLETIONS);
        assertThat(spec.runLength()).isEqualTo(new RunLength.RequestCount(10));
        assertThat(spec.loadMode()).isEqualTo(new LoadMode.Concurrency(4));
        assertThat(spec.outputLengths()).isEqualTo(new OutputLengths.Fixed(64));
        assertThat(spec.workload()).isInstanceOfSatisfying(Workload.Replay.class,
                replay -> assertThat(replay.recordedLengths()).isFalse());
        assertThat(spec.percentiles()).containsExactly(50.0, 99.0);
        assertThat(spec.ignoreEos()).isTrue();
        // And the chat backend, vLLM's endpoint paths and the random dataset's lengths are understood too
        LoadSpec chat = CliParser.parse("--backend", "openai-chat", "--dataset-name", "random", "--random-input-len",
                "300", "--random-output-len", "20").spec();
        assertThat(chat.endpoint()).isEqualTo(Endpoint.CHAT);
        assertThat(chat.workload()).isEqualTo(new Workload.RandomPrompts(300));
        assertThat(chat.outputLengths()).isEqualTo(new OutputLengths.Fixed(20));
        assertThat(CliParser.parse("--endpoint", "/v1/completions").spec().endpoint())
                .isEqualTo(Endpoint.COMPLETIONS);
        // And vLLM's custom dataset keeps its recorded lengths with --custom-output-len -1, not with a length
        Path custom = java.nio.file.Files.writeString(dir.resolve("c.jsonl"), "{\"prompt\": \"hi there\"}\n");
        assertThat(((Workload.Replay) CliParser.parse("--dataset-name", "custom", "--dataset-path",
                custom.toString(), "--custom-output-len", "-1").spec().workload()).recordedLengths()).isTrue();
        assertThat(CliParser.parse("--dataset-name", "custom", "--dataset-path", custom.toString(),
                "--custom-output-len", "32").spec().outputLengths()).isEqualTo(new OutputLengths.Fixed(32));
    }

    @Test
    void shouldReadGoodputObjectivesAndBurstinessAsVllmSpellsThem() throws UsageException {
        // When vLLM's multi-value --goodput is followed by more flags, and our comma form is used
        LoadSpec spec = CliParser.parse("--request-rate", "20", "--burstiness", "0.5", "--goodput", "ttft:300",
                "tpot:50", "--num-prompts", "5").spec();
        LoadSpec commas = CliParser.parse("--goodput", "e2el:2000,ttft:100").spec();

        // Then
        assertThat(spec.loadMode()).isEqualTo(new LoadMode.RequestRate(20, 0.5));
        assertThat(spec.loadMode().describe()).isEqualTo("request-rate=20.0 burstiness=0.5");
        assertThat(spec.goodput()).contains(new GoodputSlo(300, 50, Double.NaN));
        assertThat(spec.runLength()).isEqualTo(new RunLength.RequestCount(5));
        assertThat(commas.goodput()).contains(new GoodputSlo(100, Double.NaN, 2000));
    }

    @Test
    void shouldSaveTheResultWhereVllmsFlagsSayAndAcceptItsTokenizerFlags() throws UsageException {
        // When vLLM's result flags are given, with the tokenizer flags its tool needs and this one does not
        CliOptions named = CliParser.parse("--save-result", "--result-dir", "results", "--result-filename", "r.json",
                "--tokenizer", "Qwen/Qwen2.5-7B-Instruct", "--trust-remote-code", "--percentile-metrics",
                "ttft,tpot,itl");
        CliOptions unnamed = CliParser.parse("--save-result", "--max-concurrency", "8");
        CliOptions notSaved = CliParser.parse("--result-filename", "r.json");

        // Then the result goes where vLLM would write it, under a name of its own when none is given, and nowhere
        // without --save-result, as in vLLM
        assertThat(named.resultFile()).contains(Path.of("results", "r.json"));
        assertThat(unnamed.resultFile()).get().asString().matches("bench-concurrency8-\\d{8}-\\d{6}\\.json");
        assertThat(notSaved.resultFile()).isEmpty();
    }
}
