package io.ascendgw.gateway.bench.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.bench.ModelMix;
import io.ascendgw.gateway.bench.UsageException;

class LoraBenchmarkMainTest {

    @TempDir
    Path dir;

    @Test
    void shouldCompareLoraBlindAndAwareAtTwoRatesWhenQuick() throws UsageException {
        // When
        LoraBenchPlan plan = LoraBenchPlan.parse(new String[] {"--quick", "--work-dir", dir.toString()});

        // Then
        assertThat(plan.contenders()).extracting(Contender::name).containsExactly("lora-blind", "lora-aware");
        assertThat(plan.rates()).containsExactly(6, 12);
        assertThat(plan.requests(12)).isEqualTo(144);
    }

    @Test
    void shouldMakeEachConfigurationFromTheDefaultPolicyAndTheLoraWeightWhenNamed() throws UsageException {
        // When the full plan is parsed with a configuration list
        LoraBenchPlan plan = LoraBenchPlan.parse(new String[] {"--configs",
            "lora-blind,lora-aware,lora=5,least-request", "--work-dir", dir.toString(), "--adapters", "3",
            "--max-loras", "1"});

        // Then lora-blind zeroes the weight, lora-aware keeps the shipped one, lora=W sets it
        assertThat(plan.gatewayProperties(plan.contenders().get(0)))
                .containsEntry("gateway.routing.policy", "default").containsEntry("gateway.routing.weights.lora", "0");
        assertThat(plan.gatewayProperties(plan.contenders().get(1)))
                .containsEntry("gateway.routing.policy", "default").doesNotContainKey("gateway.routing.weights.lora");
        assertThat(plan.gatewayProperties(plan.contenders().get(2)))
                .containsEntry("gateway.routing.weights.lora", "5");
        assertThat(plan.gatewayProperties(plan.contenders().get(3)))
                .containsEntry("gateway.routing.policy", "least-request");
        // And every engine serves each adapter with the given slot count
        assertThat(plan.gatewayProperties(plan.contenders().get(0)).get("gateway.pools.bench.args"))
                .startsWith("--enable-lora,--max-loras,1,--lora-modules,a0=org/a0,a1=org/a1,a2=org/a2,");
        assertThat(plan.rates()).containsExactly(5, 10, 15);
    }

    @Test
    void shouldSendATenthToTheBaseModelAndTheRestZipfOverTheAdaptersWhenMixing() throws UsageException {
        // When
        ModelMix mix = LoraBenchPlan.parse(new String[] {"--work-dir", dir.toString()}).mix();

        // Then
        assertThat(mix.choices()).hasSize(9);
        assertThat(mix.share("bench-model")).isCloseTo(0.1, within(1e-9));
        assertThat(mix.share("a0") / mix.share("a1")).isCloseTo(2, within(1e-9));
        assertThat(mix.share("a0") / mix.share("a7")).isCloseTo(8, within(1e-9));
        double adapters = mix.choices().stream().filter(c -> c.model().startsWith("a"))
                .mapToDouble(c -> mix.share(c.model())).sum();
        assertThat(adapters).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void shouldRejectAnUnknownConfigurationOrWeight() {
        assertThatThrownBy(() -> LoraBenchPlan.parse(new String[] {"--configs", "lora-blind,fastest"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown configuration 'fastest'");
        assertThatThrownBy(() -> LoraBenchPlan.parse(new String[] {"--configs", "lora=-1"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("lora=W needs a weight >= 0");
    }

    @Test
    void shouldExitWith2AndUsageWhenAFlagIsUnknownAnd0ForHelp() {
        // Given captured streams
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // When run with an unknown flag, and with --help
        int bad = LoraBenchmarkMain.run(new String[] {"--fast"}, print(out), print(err));
        int help = LoraBenchmarkMain.run(new String[] {"--help"}, print(out), print(err));
        // Then the unknown flag is named and the usage printed
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag --fast").contains("usage: bench lora");
        assertThat(help).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--max-loras");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
