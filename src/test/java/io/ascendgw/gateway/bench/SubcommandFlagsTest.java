package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SubcommandFlagsTest {

    private static final Set<String> VALUED = Set.of("--rate", "--rates", "--count", "--file");

    @Test
    void shouldReadValuesAndSwitchesAndFallBackToDefaultsWhenFlagsAreMissing() throws UsageException {
        // When some flags are given, one of them twice, and others not
        SubcommandFlags flags = SubcommandFlags.parse(new String[] {"--count", "3", "--quick", "--rates", "1.5, 4",
            "--count", "7"}, VALUED, Set.of("--quick", "--slow"));

        // Then the last value counts, switches are seen, and absent flags take the defaults
        assertThat(flags.integer("--count", 1, 99)).isEqualTo(7);
        assertThat(flags.positiveList("--rates", new double[] {9})).containsExactly(1.5, 4);
        assertThat(flags.has("--quick")).isTrue();
        assertThat(flags.has("--slow")).isFalse();
        assertThat(flags.help()).isFalse();
        assertThat(flags.positive("--rate", 2.5)).isEqualTo(2.5);
        assertThat(flags.text("--file")).isEmpty();
    }

    @Test
    void shouldAskForHelpWhenGivenTheShortOrTheLongFlag() throws UsageException {
        // When -h or --help is given among other flags
        // Then help is asked for, without the subcommand knowing either flag
        assertThat(SubcommandFlags.parse(new String[] {"-h"}, VALUED, Set.of()).help()).isTrue();
        assertThat(SubcommandFlags.parse(new String[] {"--rate", "2", "--help"}, VALUED, Set.of()).help()).isTrue();
    }

    @Test
    void shouldRejectValuesThatAreNotNumbersInRangeNamingTheFlag() throws UsageException {
        // Given values that are not numbers, not finite, or below the minimum
        SubcommandFlags flags = SubcommandFlags.parse(new String[] {"--count", "2.5", "--rate", "Infinity",
            "--rates", "3,-1"}, VALUED, Set.of());

        // When read, then each names the flag and the value
        assertThatThrownBy(() -> flags.integer("--count", 1, 1)).isInstanceOf(UsageException.class)
                .hasMessage("--count must be an integer >= 1, got '2.5'");
        assertThatThrownBy(() -> flags.positive("--rate", 1)).isInstanceOf(UsageException.class)
                .hasMessage("--rate must be a number > 0, got 'Infinity'");
        assertThatThrownBy(() -> flags.positiveList("--rates", new double[0])).isInstanceOf(UsageException.class)
                .hasMessage("--rates must be a number > 0, got '-1'");
    }

    @Test
    void shouldRejectAValuedFlagUsedAsASwitch() {
        // When a flag that takes a value is followed by nothing, or a value comes with no flag
        // Then the problem is named
        assertThatThrownBy(() -> SubcommandFlags.parse(new String[] {"--count"}, VALUED, Set.of()))
                .isInstanceOf(UsageException.class).hasMessage("--count needs a value");
        assertThatThrownBy(() -> SubcommandFlags.parse(new String[] {"--count", "1", "2"}, VALUED, Set.of()))
                .isInstanceOf(UsageException.class).hasMessage("unknown flag 2");
    }
}
