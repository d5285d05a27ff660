package io.ascendgw.gateway.sim.structured;

import java.util.List;

import io.ascendgw.gateway.sim.text.BlockHasher;

/** An answer that is exactly one of the given strings ({@code guided_choice}, {@code structured_outputs.choice}). */
public record ChoiceText(List<String> choices) implements OutputStructure {

    public ChoiceText {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("no choices");
        }
        choices = List.copyOf(choices);
    }

    @Override
    public String text(long key) {
        return choices.get((int) Long.remainderUnsigned(BlockHasher.mix(key ^ 0x63686f696365L), choices.size()));
    }
}
