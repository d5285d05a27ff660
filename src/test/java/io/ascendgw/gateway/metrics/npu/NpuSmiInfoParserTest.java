package io.ascendgw.gateway.metrics.npu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.TestFixtures;

/**
 * {@code npu-smi info} tables, per fixture and the ascend-npu.md section its layout follows:
 * info-910b-8 / info-910b-1 (§1.1, shared set), info-910b-26x-container (§1.2), info-310p (§1.3 310P),
 * info-a3 (§1.3 A3), info-910b-4-warning (§1.1 with §1.4 noise: NA, Warning, corrupted line, [WARNING]),
 * info-error-8020 / -8005 (§7.4), and an inline v2 header (§1.3 Atlas 350/950, refused).
 */
class NpuSmiInfoParserTest {

    private final NpuSmiInfoParser parser = new NpuSmiInfoParser();

    @Test
    void shouldReadEveryChipAndProcessWhenGivenThe8NpuTable() {
        // Given
        String output = TestFixtures.read("fixtures/npu-smi/info-910b-8.txt");

        // When
        NpuSnapshot snapshot = parsed(output);

        // Then
        assertThat(snapshot.driverVersion()).contains("25.5.1");
        assertThat(snapshot.layout()).isEqualTo(NpuTableLayout.HBM);
        assertThat(snapshot.tableWidth()).isEqualTo(98);
        assertThat(snapshot.skippedLines()).isEmpty();
        assertThat(snapshot.warnings()).isEmpty();
        assertThat(snapshot.chips()).extracting(NpuChip::npuId).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(snapshot.chips()).allSatisfy(chip -> {
            assertThat(chip.name()).isEqualTo("910B2");
            assertThat(chip.healthy()).isTrue();
            assertThat(chip.chipId()).isZero();
            assertThat(chip.hbmTotalMb()).hasValue(65536);
            assertThat(chip.memoryUsedMb()).hasValue(0);
            assertThat(chip.memoryTotalMb()).hasValue(0);
            assertThat(chip.hugepagesTotal()).hasValue(0);
            assertThat(chip.logicId()).isEmpty();
        });
        assertThat(snapshot.chips()).extracting(c -> c.busId().orElseThrow()).containsExactly(
            "0000:C1:00.0", "0000:01:00.0", "0000:C2:00.0", "0000:02:00.0",
            "0000:81:00.0", "0000:41:00.0", "0000:82:00.0", "0000:42:00.0");
        assertThat(snapshot.chips()).extracting(c -> c.powerWatts().orElseThrow())
            .containsExactly(92.6, 93.1, 236.4, 90.8, 95.0, 198.7, 91.4, 94.2);
        assertThat(snapshot.chips()).extracting(c -> c.temperatureCelsius().orElseThrow())
            .containsExactly(38.0, 39.0, 52.0, 37.0, 40.0, 49.0, 38.0, 41.0);
        assertThat(snapshot.chips()).extracting(c -> c.aiCorePercent().orElseThrow())
            .containsExactly(0.0, 0.0, 41.0, 0.0, 0.0, 27.0, 0.0, 0.0);
        assertThat(snapshot.chips()).extracting(c -> c.hbmUsedMb().orElseThrow())
            .containsExactly(3398L, 3390L, 58952L, 3395L, 3401L, 44870L, 3397L, 3393L);
        assertThat(snapshot.processes()).containsExactly(
            new NpuProcess(2, 0, 2817345, "VLLMWorker_TP", 55492, OptionalLong.empty()),
            new NpuProcess(5, 0, 2820113, "VLLMEngineCor", 41380, OptionalLong.empty()));
        assertThat(snapshot.hasContainerPids()).isFalse();
    }

    @Test
    void shouldReadTheIdleBaselineWhenGivenTheSingleNpuTable() {
        // Given
        NpuSnapshot snapshot = parsed(TestFixtures.read("fixtures/npu-smi/info-910b-1.txt"));

        // Then
        NpuChip chip = snapshot.chip(0, 0).orElseThrow();
        assertThat(chip.powerWatts()).hasValue(89.7);
        assertThat(chip.temperatureCelsius()).hasValue(36);
        assertThat(chip.hbmUsedMb()).hasValue(3412);
        assertThat(snapshot.processes()).isEmpty();
    }

    @Test
    void shouldReadContainerPidsWhenGivenTheWide26xTable() {
        // Given
        NpuSnapshot snapshot = parsed(TestFixtures.read("fixtures/npu-smi/info-910b-26x-container.txt"));

        // Then
        assertThat(snapshot.driverVersion()).contains("26.0.rc1");
        assertThat(snapshot.tableWidth()).isEqualTo(116);
        assertThat(snapshot.layout()).isEqualTo(NpuTableLayout.HBM);
        assertThat(snapshot.chips()).extracting(NpuChip::npuId).containsExactly(3, 4);
        NpuChip busy = snapshot.chip(3, 0).orElseThrow();
        assertThat(busy.name()).isEqualTo("910B4");
        assertThat(busy.hbmUsedMb()).hasValue(29410);
        assertThat(busy.hbmTotalMb()).hasValue(32768);
        assertThat(busy.aiCorePercent()).hasValue(35);
        assertThat(snapshot.processesOn(3)).containsExactly(
            new NpuProcess(3, 0, 1732754, "VLLMWorker_TP", 26124, OptionalLong.of(412)),
            new NpuProcess(3, 0, 1732760, "python", 150, OptionalLong.empty()));
        assertThat(snapshot.processesOn(4)).isEmpty();
        assertThat(snapshot.hasContainerPids()).isTrue();
        assertThat(snapshot.skippedLines()).isEmpty();
    }

    @Test
    void shouldReadDdrMemoryAndDeviceIdsWhenGivenA310pTable() {
        // Given
        NpuSnapshot snapshot = parsed(TestFixtures.read("fixtures/npu-smi/info-310p.txt"));

        // Then
        assertThat(snapshot.layout()).isEqualTo(NpuTableLayout.DEVICE);
        assertThat(snapshot.tableWidth()).isEqualTo(106);
        assertThat(snapshot.skippedLines()).isEmpty();
        assertThat(snapshot.chips()).extracting(NpuChip::npuId, NpuChip::chipId)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0), org.assertj.core.groups.Tuple.tuple(8, 0),
                org.assertj.core.groups.Tuple.tuple(8, 1));
        NpuChip duoSecond = snapshot.chip(8, 1).orElseThrow();
        assertThat(duoSecond.name()).isEqualTo("310P3");
        assertThat(duoSecond.logicId()).hasValue(2);
        assertThat(duoSecond.powerWatts()).isEmpty();
        assertThat(duoSecond.memoryUsedMb()).hasValue(8740);
        assertThat(duoSecond.memoryTotalMb()).hasValue(21525);
        assertThat(duoSecond.hbmUsedMb()).isEmpty();
        assertThat(duoSecond.hugepagesTotal()).hasValue(0);
        assertThat(duoSecond.busId()).isEqualTo(snapshot.chip(8, 0).orElseThrow().busId());
        assertThat(snapshot.processes()).extracting(NpuProcess::npuId, NpuProcess::chipId, NpuProcess::memoryMb)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(8, 0, 7680L),
                org.assertj.core.groups.Tuple.tuple(8, 1, 6890L));
    }

    @Test
    void shouldReadBothDiesWhenGivenAnA3Table() {
        // Given
        NpuSnapshot snapshot = parsed(TestFixtures.read("fixtures/npu-smi/info-a3.txt"));

        // Then
        assertThat(snapshot.layout()).isEqualTo(NpuTableLayout.A3);
        assertThat(snapshot.chips()).hasSize(4);
        NpuChip secondDie = snapshot.chip(0, 1).orElseThrow();
        assertThat(secondDie.name()).isEqualTo("Ascend910");
        assertThat(secondDie.phyId()).hasValue(1);
        assertThat(secondDie.powerWatts()).isEmpty();
        assertThat(secondDie.hbmUsedMb()).hasValue(61625);
        assertThat(snapshot.chip(1, 1).orElseThrow().phyId()).hasValue(3);
        assertThat(snapshot.chip(0, 0).orElseThrow().powerWatts()).hasValue(211.3);
        assertThat(snapshot.processesOn(0)).extracting(NpuProcess::chipId).containsExactly(0, 1);
        assertThat(snapshot.skippedLines()).isEmpty();
    }

    @Test
    void shouldKeepTheRestAndReportTheDamageWhenTheTableHasNaWarningAndACorruptedLine() {
        // Given
        String output = TestFixtures.read("fixtures/npu-smi/info-910b-4-warning.txt");

        // When
        NpuSnapshot snapshot = parsed(output);

        // Then
        assertThat(snapshot.driverVersion()).contains("24.1.rc2.2");
        assertThat(snapshot.chips()).extracting(NpuChip::npuId).containsExactly(0, 1, 2, 3);
        NpuChip warned = snapshot.chip(1, 0).orElseThrow();
        assertThat(warned.health()).isEqualTo("Warning");
        assertThat(warned.healthy()).isFalse();
        assertThat(warned.powerWatts()).isEmpty();
        assertThat(warned.busId()).isEmpty();
        assertThat(warned.temperatureCelsius()).hasValue(87);
        assertThat(snapshot.skippedLines()).singleElement().satisfies(line -> {
            assertThat(line.lineNumber()).isEqualTo(13);
            assertThat(line.line()).contains("corrupted");
        });
        assertThat(snapshot.processesOn(2)).extracting(NpuProcess::pid, NpuProcess::memoryMb).containsExactly(
            org.assertj.core.groups.Tuple.tuple(3112001L, 114L), org.assertj.core.groups.Tuple.tuple(3112002L, 114L),
            org.assertj.core.groups.Tuple.tuple(3111990L, 52245L));
        assertThat(snapshot.processesOn(3)).extracting(NpuProcess::pid).containsExactly(3112001L);
        assertThat(snapshot.warnings()).singleElement().asString().startsWith("[WARNING]The driver package");
    }

    @Test
    void shouldSkipOnlyTheBrokenChipWhenARowIsTruncated() {
        // Given the 8-NPU table with NPU 4's first row cut short (e.g. a dropped pipe)
        List<String> lines = new java.util.ArrayList<>(
            TestFixtures.read("fixtures/npu-smi/info-910b-8.txt").lines().toList());
        int rowA = lines.indexOf(lines.stream().filter(l -> l.startsWith("| 4     910B2")).findFirst().orElseThrow());
        lines.set(rowA, "| 4     910B2               | OK            | 95.0");

        // When
        NpuSnapshot snapshot = parsed(String.join("\n", lines));

        // Then
        assertThat(snapshot.chips()).extracting(NpuChip::npuId).containsExactly(0, 1, 2, 3, 5, 6, 7);
        assertThat(snapshot.skippedLines()).extracting(UnparsedLine::lineNumber).containsExactly(rowA + 1, rowA + 2);
    }

    @Test
    void shouldRejectWithTheMessageWhenNpuSmiPrintsAnErrorInsteadOfATable() {
        // When
        NpuInfoParse busy = parser.parse(TestFixtures.read("fixtures/npu-smi/info-error-8020.txt"));
        NpuInfoParse noGroup = parser.parse(TestFixtures.read("fixtures/npu-smi/info-error-8005.txt"));
        NpuInfoParse empty = parser.parse("");

        // Then
        assertThat(busy).asInstanceOf(type(NpuInfoParse.Rejected.class)).extracting(NpuInfoParse.Rejected::reason)
            .asString().contains("ret is -8020").contains("DrvMngGetConsoleLogLevel failed");
        assertThat(noGroup).asInstanceOf(type(NpuInfoParse.Rejected.class)).extracting(NpuInfoParse.Rejected::reason)
            .asString().contains("ret is -8005");
        assertThat(empty).isEqualTo(new NpuInfoParse.Rejected("npu-smi printed nothing"));
    }

    @Test
    void shouldRefuseTheV2LayoutWhenGivenAnAtlas350Table() {
        // Given the header of the v2 table (§1.3: `| NPU ID | Name | Health | ...`, `NPU Util(%)`)
        String output = """
            | npu-smi 26.0.rc1       Version: 26.0.rc1 |
            | NPU ID | Name        | Health | Power(W) Temp(C) Hugepages-Usage(page) |
            |        |             | Bus-Id | NPU Util(%) Memory-Usage(MB) HBM-Usage(MB) |
            | 0      | Ascend950DT | OK     | 100.0 40 0 / 0 |
            """;

        // When
        NpuInfoParse result = parser.parse(output);

        // Then
        assertThat(result).asInstanceOf(type(NpuInfoParse.Rejected.class)).extracting(NpuInfoParse.Rejected::reason)
            .asString().contains("v2");
    }

    @Test
    void shouldAttachLogicIdsWhenGivenTheChipMapping() {
        // Given
        NpuSnapshot snapshot = parsed(TestFixtures.read("fixtures/npu-smi/info-910b-8.txt"));
        List<NpuChipMapping> mapping = new NpuSmiMappingParser().parse(TestFixtures.read("fixtures/npu-smi/info-m.txt"));

        // When
        NpuSnapshot mapped = snapshot.withLogicIds(mapping);

        // Then
        assertThat(mapped.chips()).extracting(c -> c.logicId().orElseThrow()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(mapped.processes()).isEqualTo(snapshot.processes());
    }

    private NpuSnapshot parsed(String output) {
        NpuInfoParse result = parser.parse(output);
        assertThat(result).isInstanceOf(NpuInfoParse.Parsed.class);
        return ((NpuInfoParse.Parsed) result).snapshot();
    }
}
