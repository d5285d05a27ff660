package io.ascendgw.gateway.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.lora.LoraModule;
import io.ascendgw.gateway.sim.lora.LoraSettings;

class SimArgsParserTest {

    private static SimArgs parse(String... args) {
        return SimArgsParser.parse(List.of(args), Map.of());
    }

    @Test
    void shouldUseVllmDefaultsWhenNoFlagsAreGiven() {
        // When
        SimArgs args = parse();

        // Then
        assertThat(args.vllm().model()).isEqualTo("facebook/opt-125m");
        assertThat(args.vllm().servedModelNames()).containsExactly("facebook/opt-125m");
        assertThat(args.vllm().port()).isEqualTo(8000);
        assertThat(args.vllm().maxModelLen()).isEqualTo(8192);
        assertThat(args.vllm().maxNumSeqs()).isEqualTo(256);
        assertThat(args.vllm().blockSize()).isEqualTo(128);
        assertThat(args.sim().vllmVersion()).isEqualTo("0.11.0");
        assertThat(args.sim().workers()).isEqualTo(1);
        assertThat(args.sim().keepAliveSeconds()).isEqualTo(5.0);
        assertThat(args.prefixCaching()).isTrue();
        assertThat(args.maxBatchedTokens()).isEqualTo(2048);
        assertThat(args.unknownFlags()).isEmpty();
    }

    @Test
    void shouldParseValuesInBothFormsWhenFlagsUseSpaceOrEquals() {
        // When
        SimArgs args = parse("--model", "/models/Qwen2.5-3B", "--port=8123", "--max-model-len", "4096", "-tp", "2",
                "--gpu-memory-utilization=0.8", "--sim-zero-delay", "--sim-fail-rate", "0.25");

        // Then
        assertThat(args.vllm().model()).isEqualTo("/models/Qwen2.5-3B");
        assertThat(args.vllm().port()).isEqualTo(8123);
        assertThat(args.vllm().maxModelLen()).isEqualTo(4096);
        assertThat(args.vllm().tensorParallelSize()).isEqualTo(2);
        assertThat(args.vllm().gpuMemoryUtilization()).isEqualTo(0.8);
        assertThat(args.sim().zeroDelay()).isTrue();
        assertThat(args.sim().failRate()).isEqualTo(0.25);
    }

    @Test
    void shouldTakeSeveralServedNamesAndAnswerWithTheFirstWhenGivenAList() {
        // When
        SimArgs args = parse("--served-model-name", "qwen", "qwen-alias", "--port", "9000");

        // Then
        assertThat(args.vllm().servedModelNames()).containsExactly("qwen", "qwen-alias");
        assertThat(args.vllm().primaryModelName()).isEqualTo("qwen");
        assertThat(args.vllm().port()).isEqualTo(9000);
    }

    @Test
    void shouldAcceptAndIgnoreUnknownFlagsWithTheirValuesWhenTheyAreNotVllmFlags() {
        // When
        SimArgs args = parse("--frobnicate", "7", "--port", "9001", "--lonely-switch", "--trust-remote-code",
                "--dtype", "bfloat16", "--another=x");

        // Then
        assertThat(args.unknownFlags()).containsExactly("--frobnicate", "--lonely-switch", "--another");
        assertThat(args.vllm().port()).isEqualTo(9001);
    }

    @Test
    void shouldNegateSwitchesWhenPrefixedWithNo() {
        // When
        SimArgs off = parse("--no-enable-prefix-caching");
        SimArgs on = parse("--sim-vllm-version", "0.7.3", "--enable-prefix-caching");

        // Then
        assertThat(off.prefixCaching()).isFalse();
        assertThat(on.prefixCaching()).isTrue();
    }

    @Test
    void shouldApplyV0DefaultsWhenEmulating073() {
        // When
        SimArgs args = parse("--sim-vllm-version", "0.7.3", "--max-model-len", "32768");

        // Then
        assertThat(args.dialect().legacy()).isTrue();
        assertThat(args.prefixCaching()).isFalse();
        assertThat(args.maxBatchedTokens()).isEqualTo(32768);
        assertThat(args.logRequests()).isTrue();
        assertThat(parse("--sim-vllm-version", "0.7.3", "--disable-log-requests").logRequests()).isFalse();
        assertThat(parse().logRequests()).isFalse();
    }

    @Test
    void shouldTakeThePositionalModelWhenGivenLikeVllmServe() {
        // When
        SimArgs args = parse("Qwen/Qwen2.5-3B-Instruct", "--port", "8001");

        // Then
        assertThat(args.vllm().model()).isEqualTo("Qwen/Qwen2.5-3B-Instruct");
        assertThat(args.vllm().servedModelNames()).containsExactly("Qwen/Qwen2.5-3B-Instruct");
    }

    @Test
    void shouldReadLoraModulesInBothOfVllmsFormsWhenLoraIsEnabled() {
        // When adapters are given as name=path and as JSON, with a limit of adapters per batch
        SimArgs args = SimArgsParser.parse(List.of("--enable-lora", "--lora-modules", "sql=/lora/sql",
                "{\"name\": \"chat\", \"path\": \"org/chat\", \"base_model_name\": \"qwen\"}", "--max-loras",
                "3"), Map.of("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True"));

        // Then
        LoraSettings lora = args.vllm().lora();
        assertThat(lora.enabled()).isTrue();
        assertThat(lora.modules()).containsExactly(new LoraModule("sql", "/lora/sql", null),
                new LoraModule("chat", "org/chat", "qwen"));
        assertThat(lora.maxLoras()).isEqualTo(3);
        assertThat(lora.runtimeUpdating()).isTrue();
        assertThat(parse().vllm().lora()).isEqualTo(new LoraSettings(false, List.of(), 1, false));
        // and malformed adapters are refused as argparse refuses them
        assertThatThrownBy(() -> parse("--lora-modules", "{not json")).isInstanceOf(SimArgsException.class)
                .hasMessage("Invalid JSON format for --lora-modules: {not json");
        assertThatThrownBy(() -> parse("--lora-modules", "{\"name\":\"a\",\"rank\":8}"))
                .hasMessageContaining("Invalid fields for --lora-modules");
        assertThatThrownBy(() -> parse("--lora-modules", "a=b=c")).hasMessageContaining("Invalid format");
        assertThatThrownBy(() -> parse("--max-loras", "0")).hasMessage("argument --max-loras: must be >= 1, got 0");
    }

    @Test
    void shouldRejectBadValuesAndMisspelledSimulatorFlagsWhenParsing() {
        assertThatThrownBy(() -> parse("--port", "eighty")).isInstanceOf(SimArgsException.class)
                .hasMessage("argument --port: invalid int value: 'eighty'");
        assertThatThrownBy(() -> parse("--max-num-seqs")).hasMessageContaining("expected one argument");
        assertThatThrownBy(() -> parse("--sim-zero-dealy")).hasMessageContaining("--sim-zero-dealy");
        // values no engine could run with are refused like bad values, not left to crash the engine loop later
        assertThatThrownBy(() -> parse("--max-num-seqs", "0")).isInstanceOf(SimArgsException.class)
                .hasMessage("argument --max-num-seqs: must be >= 1, got 0");
        assertThatThrownBy(() -> parse("--max-model-len", "-5"))
                .hasMessage("argument --max-model-len: must be >= 1, got -5");
        assertThatThrownBy(() -> parse("--gpu-memory-utilization", "1.5"))
                .hasMessageContaining("--gpu-memory-utilization: must be in (0, 1]");
        assertThatThrownBy(() -> parse("--sim-fail-rate", "2"))
                .hasMessageContaining("--sim-fail-rate: must be in [0, 1]");
        assertThatThrownBy(() -> parse("--sim-output-len-max", "5")).hasMessageContaining("got 10 and 5");
        assertThatThrownBy(() -> parse("--runner", "embed")).hasMessage("argument --runner: invalid choice: "
                + "'embed' (choose from 'auto', 'generate', 'pooling', 'draft')");
        assertThatThrownBy(() -> parse("--sim-embedding-dim", "0")).hasMessageContaining("--sim-embedding-dim");
    }

    @Test
    void shouldServeEmbeddingsWhenThePoolingRunnerOrTheOldEmbedTaskIsAsked() {
        assertThat(parse("--runner", "pooling").vllm().pooling()).isTrue();
        assertThat(parse("--task", "embed").vllm().pooling()).isTrue();
        assertThat(parse("--task=embedding").vllm().pooling()).isTrue();
        assertThat(parse("--runner", "generate", "--task", "embed").vllm().pooling()).isFalse();
        assertThat(parse().vllm().pooling()).isFalse();
        assertThat(parse("--task", "generate").vllm().pooling()).isFalse();
    }

    @Test
    void shouldReadApiKeyAndStatsIntervalFromTheEnvironmentWhenFlagsAreAbsent() {
        // When
        SimArgs args = SimArgsParser.parse(List.of(), Map.of("VLLM_API_KEY", "secret", "VLLM_LOG_STATS_INTERVAL",
                "2.5"));

        // Then
        assertThat(args.vllm().apiKeys()).containsExactly("secret");
        assertThat(args.sim().statsIntervalSeconds()).isEqualTo(2.5);
    }

    @Test
    void shouldTurnTheResponsesStoreOnForANonZeroIntegerAsVllmDoes() {
        for (String on : List.of("1", "2", "-1", " 1 ")) {
            assertThat(SimArgsParser.parse(List.of(), Map.of("VLLM_ENABLE_RESPONSES_API_STORE", on)).vllm()
                    .responsesStore()).as(on).isTrue();
        }
        for (String off : List.of("0", "00", "", "true")) {
            assertThat(SimArgsParser.parse(List.of(), Map.of("VLLM_ENABLE_RESPONSES_API_STORE", off)).vllm()
                    .responsesStore()).as(off).isFalse();
        }
        assertThat(SimArgsParser.parse(List.of(), Map.of()).vllm().responsesStore()).isFalse();
    }

    @Test
    void shouldDeriveKvBlocksFromMemoryWhenNoOverrideIsGiven() {
        // When
        int oneCard = parse().numGpuBlocks();
        int twoCards = parse("-tp", "2").numGpuBlocks();
        int lessMemory = parse("--gpu-memory-utilization", "0.5").numGpuBlocks();

        // Then
        assertThat(oneCard).isBetween(10_000, 12_000);
        assertThat(twoCards).isGreaterThan(2 * oneCard);
        assertThat(lessMemory).isLessThan(oneCard);
        assertThat(parse("--num-gpu-blocks-override", "64").numGpuBlocks()).isEqualTo(64);
    }

    @Test
    void shouldListEverySimulatorFlagInTheHelpTextWhenAskedForHelp() {
        // When
        SimArgs args = parse("--help");
        String help = SimUsage.text();

        // Then
        assertThat(args.help()).isTrue();
        for (FlagSpec flag : SimArgsParser.simFlags()) {
            assertThat(help).contains(flag.name());
        }
        assertThat(help).contains("/sim/faults");
    }
}
