package io.ascendgw.gateway.metrics.npu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.TestFixtures;

/**
 * Key-value outputs (ascend-npu.md §2): shared fixtures usages/power/temp/memory/board/common/health/proc-mem and
 * info -l (§2.1, §2.3-§2.10); inline variations follow §2 (spaces instead of TAB, continuation lines of §2.8,
 * {@code Card Count} and {@code Product Name} of card products in §2.1).
 */
class NpuSmiKeyValueParserTest {

    private final NpuSmiKeyValueParser parser = new NpuSmiKeyValueParser();

    @Test
    void shouldSeparateTheCardHeaderFromTheChipFieldsWhenParsingUsages() {
        // When
        NpuSmiKeyValues usages = parser.parse(fixture("usages-0.txt"));

        // Then
        assertThat(usages.blocks()).hasSize(2);
        assertThat(usages.card().orElseThrow().integer("Chip Count")).hasValue(1);
        KeyValueBlock chip = usages.chip(0).orElseThrow();
        assertThat(chip.integer("HBM Capacity(MB)")).hasValue(65536);
        assertThat(chip.number("HBM Usage Rate(%)")).hasValue(5);
        assertThat(chip.number("Ctrlcpu Usage Rate(%)")).hasValue(3);
        assertThat(chip.number("NPU Utilization(%)")).hasValue(0);
        assertThat(chip.entries()).hasSize(15);
        assertThat(chip.entries().get(chip.entries().size() - 1).key()).isEqualTo("Chip ID");
    }

    @Test
    void shouldReadPowerMemoryAndBoardValuesIncludingHexWhenParsingThoseOutputs() {
        // When
        NpuSmiKeyValues power = parser.parse(fixture("power-0.txt"));
        NpuSmiKeyValues memory = parser.parse(fixture("memory-0.txt"));
        NpuSmiKeyValues board = parser.parse(fixture("board-0.txt"));

        // Then
        assertThat(power.chip(0).orElseThrow().number("NPU Real-time Power(W)")).hasValue(92.6);
        KeyValueBlock memoryChip = memory.chip(0).orElseThrow();
        assertThat(memoryChip.integer("HBM Clock Speed(MHz)")).hasValue(1600);
        assertThat(memoryChip.number("HBM Temperature(C)")).hasValue(36);
        assertThat(memoryChip.integer("HBM Manufacturer ID")).hasValue(0x57);
        KeyValueBlock card = board.card().orElseThrow();
        assertThat(card.get("Product Name")).contains("IT21HMDC_Bin5");
        assertThat(card.get("Software Version")).contains("25.5.1");
        assertThat(card.get("Firmware Version")).contains("7.8.0.6.201");
        assertThat(card.get("PCIe Bus Info")).contains("0000:C1:00.0");
        assertThat(card.integer("PCI Device ID")).hasValue(0xD802);
        assertThat(card.get("Model")).contains("NA");
        assertThat(card.number("Model")).isEmpty();
    }

    @Test
    void shouldKeepDuplicateKeysApartWhenChipAndMcuBlocksRepeatThem() {
        // When
        NpuSmiKeyValues common = parser.parse(fixture("common-0.txt"));
        NpuSmiKeyValues temp = parser.parse(fixture("temp-0.txt"));
        NpuSmiKeyValues health = parser.parse(fixture("health-0.txt"));

        // Then
        assertThat(common.chip(0).orElseThrow().number("Temperature(C)")).hasValue(38);
        assertThat(common.mcu().orElseThrow().number("Temperature(C)")).hasValue(35);
        assertThat(common.chip(0).orElseThrow().integer("Aicore curFreq(MHZ)")).hasValue(800);
        assertThat(common.chip(0).orElseThrow().integer("Aicore Count")).hasValue(24);
        assertThat(temp.chip(0).orElseThrow().number("NPU Temperature (C)")).hasValue(38);
        assertThat(temp.mcu().orElseThrow().number("LM75A_TE (C)")).hasValue(35);
        assertThat(temp.mcu().orElseThrow().number("LM75B_TE (C)")).hasValue(34);
        assertThat(health.chip(0).orElseThrow().get("Health")).contains("OK");
        assertThat(health.mcu().orElseThrow().get("Health")).contains("OK");
    }

    @Test
    void shouldJoinContinuationLinesWhenAChipReportsSeveralAlarms() {
        // Given a chip health output with two error codes (§2.8), indented with spaces as pasted copies show
        String output = String.join("\n",
            "        Health Status                  : Alarm",
            "        Error Code                     : 80E01801 80E18402",
            "        Error Information              : node type=SOC, sensor type=Temperature, event state=over",
            "",
            "                                       : node type=HBM, sensor type=Memory, event state=ecc",
            "");

        // When
        NpuSmiKeyValues health = parser.parse(output);

        // Then
        assertThat(health.blocks()).hasSize(1);
        KeyValueBlock block = health.first().orElseThrow();
        assertThat(block.get("Health Status")).contains("Alarm");
        assertThat(block.get("Error Code")).contains("80E01801 80E18402");
        assertThat(block.get("Error Information")).contains(
            "node type=SOC, sensor type=Temperature, event state=over\nnode type=HBM, sensor type=Memory, event state=ecc");
    }

    @Test
    void shouldReadTheChipFormWithoutChipIdWhenCalledWithMinusC() {
        // When
        NpuSmiKeyValues health = parser.parse(fixture("health-0-c0.txt"));

        // Then
        assertThat(health.chip(0)).isEmpty();
        assertThat(health.first().orElseThrow().get("Health Status")).contains("OK");
        assertThat(health.first().orElseThrow().get("Error Code")).contains("NA");
        assertThat(health.firstValue("Error Information")).contains("NA");
    }

    @Test
    void shouldListCardsWhenParsingInfoL() {
        // When
        var cards = parser.parseCardList(fixture("info-l.txt"));
        var cardProduct = parser.parseCardList(String.join("\n",
            "\tCard Count                     : 1", "",
            "\tNPU ID                         : 8",
            "\tProduct Name                   : IT21PDDA01",
            "\tSerial Number                  : 102339862345",
            "\tChip Count                     : 2", ""));

        // Then
        assertThat(cards).extracting(NpuCard::npuId).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(cards).allSatisfy(card -> assertThat(card.chipCount()).isEqualTo(1));
        assertThat(parser.parse(fixture("info-l.txt")).firstValue("Total Count")).contains("8");
        assertThat(cardProduct).containsExactly(new NpuCard(8, 2, Optional.of("IT21PDDA01")));
    }

    @Test
    void shouldReadProcessRowsWhenParsingProcMem() {
        // When
        var busy = parser.parseProcMem(fixture("proc-mem-2.txt"), 2);
        var idle = parser.parseProcMem(fixture("proc-mem-0.txt"), 0);
        var oddSpacing = parser.parseProcMem(
            "\tProcess id:41  Process name:python3.8 Process memory(MB):  114\n\tChip ID : 1\n", 6);

        // Then
        assertThat(busy).containsExactly(new NpuProcess(2, 0, 2817345, "VLLMWorker_TP", 55492, OptionalLong.empty()));
        assertThat(idle).isEmpty();
        assertThat(parser.parse(fixture("proc-mem-0.txt")).chip(0).orElseThrow().otherLines())
            .containsExactly("No process in device.");
        assertThat(oddSpacing).containsExactly(new NpuProcess(6, 1, 41, "python3.8", 114, OptionalLong.empty()));
    }

    @Test
    void shouldMapNpuIdsToLogicIdsWhenParsingInfoM() {
        // When
        var rows = new NpuSmiMappingParser().parse(fixture("info-m.txt"));
        var a3 = new NpuSmiMappingParser().parse(String.join("\n",
            "\tNPU ID                         Chip ID                        Chip Logic ID                  "
                + "Chip Phy-ID                    Chip Name                     ",
            "\t0                              0                              0                              "
                + "0                              Ascend910",
            "\t0                              1                              1                              "
                + "1                              Ascend910",
            "\t0                              2                              -                              "
                + "-                              Mcu                           "));

        // Then
        assertThat(rows).hasSize(16);
        assertThat(rows).filteredOn(r -> !r.isMcu())
            .extracting(NpuChipMapping::npuId, NpuChipMapping::chipId, r -> r.logicId().orElseThrow(),
                NpuChipMapping::chipName)
            .containsExactly(tuple(0, 0, 0, "Ascend 910B2"), tuple(1, 0, 1, "Ascend 910B2"),
                tuple(2, 0, 2, "Ascend 910B2"), tuple(3, 0, 3, "Ascend 910B2"), tuple(4, 0, 4, "Ascend 910B2"),
                tuple(5, 0, 5, "Ascend 910B2"), tuple(6, 0, 6, "Ascend 910B2"), tuple(7, 0, 7, "Ascend 910B2"));
        assertThat(rows).filteredOn(NpuChipMapping::isMcu).hasSize(8)
            .allSatisfy(r -> {
                assertThat(r.logicId()).isEmpty();
                assertThat(r.chipId()).isEqualTo(1);
            });
        assertThat(a3).extracting(NpuChipMapping::chipId, r -> r.phyId().isPresent(), NpuChipMapping::chipName)
            .containsExactly(tuple(0, true, "Ascend910"), tuple(1, true, "Ascend910"), tuple(2, false, "Mcu"));
    }

    private static String fixture(String name) {
        return TestFixtures.read("fixtures/npu-smi/" + name);
    }
}
