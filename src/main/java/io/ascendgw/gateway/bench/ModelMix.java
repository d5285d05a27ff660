package io.ascendgw.gateway.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Models drawn per request by weight, e.g. a base model and its LoRA adapters (a request names an adapter as its
 * {@code model}). The draw is a pure function of a random state, so a seeded workload names the same model for the
 * same request index in every run. Immutable.
 *
 * @param choices the models with their weights, in the order given; names distinct, weights finite and above zero
 */
public record ModelMix(List<Choice> choices) {

    /** One model and its relative weight. */
    public record Choice(String model, double weight) {
        public Choice {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("--model-mix needs a model name in every entry");
            }
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("--model-mix weight of " + model + " must be a number > 0, got "
                        + weight);
            }
        }
    }

    public ModelMix {
        choices = List.copyOf(choices);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("--model-mix needs at least one model");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Choice choice : choices) {
            if (!names.add(choice.model())) {
                throw new IllegalArgumentException("--model-mix names " + choice.model() + " twice");
            }
        }
    }

    /**
     * Parses {@code NAME[=WEIGHT],...} (weight 1 when left out), e.g. {@code base=1,sql-lora=3}. The weight follows
     * the last {@code =}, so names may contain {@code :} or {@code /}.
     */
    public static ModelMix parse(String value) {
        List<Choice> choices = new ArrayList<>();
        for (String entry : value.split(",")) {
            String item = entry.strip();
            int eq = item.lastIndexOf('=');
            if (eq < 0) {
                choices.add(new Choice(item, 1));
                continue;
            }
            String name = item.substring(0, eq).strip();
            try {
                choices.add(new Choice(name, Double.parseDouble(item.substring(eq + 1).strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--model-mix weight of " + name + " must be a number > 0, got '"
                        + item.substring(eq + 1) + "'");
            }
        }
        return new ModelMix(choices);
    }

    /** The model for one draw: each with probability weight / total weight. */
    public String pick(SplittableRandom random) {
        double point = random.nextDouble() * totalWeight();
        for (Choice choice : choices) {
            point -= choice.weight();
            if (point < 0) {
                return choice.model();
            }
        }
        return choices.get(choices.size() - 1).model();
    }

    /** Each model's share of the draws, by model name. */
    public double share(String model) {
        return choices.stream().filter(c -> c.model().equals(model)).mapToDouble(Choice::weight).sum() / totalWeight();
    }

    /** The flag spelling, e.g. {@code base=1,sql-lora=3}. */
    public String describe() {
        return choices.stream().map(c -> c.model() + "=" + number(c.weight())).collect(Collectors.joining(","));
    }

    private double totalWeight() {
        return choices.stream().mapToDouble(Choice::weight).sum();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
