package io.ascendgw.gateway.bench;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flags of a {@code bench} subcommand ({@code proxy-overhead}, {@code routing}, {@code lora},
 * {@code fairness}, {@code chaos}, {@code soak}): {@code --name value} pairs and bare switches, checked against the
 * ones the subcommand knows, so every subcommand answers {@code --help}, an unknown flag and a missing or malformed
 * value the same way. Immutable.
 */
public final class SubcommandFlags {

    private final Map<String, String> values;
    private final Set<String> switches;

    private SubcommandFlags(Map<String, String> values, Set<String> switches) {
        this.values = Map.copyOf(values);
        this.switches = Set.copyOf(switches);
    }

    /**
     * Reads {@code args}; {@code -h} and {@code --help} are always known switches. A flag given twice keeps its
     * last value, as most command-line tools do.
     *
     * @throws UsageException for a flag not in {@code valued} or {@code switches}, or a valued flag at the end
     */
    public static SubcommandFlags parse(String[] args, Set<String> valued, Set<String> switches)
            throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help") || switches.contains(flag)) {
                given.add(flag.equals("-h") ? "--help" : flag);
            } else if (valued.contains(flag)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                values.put(flag, args[++i]);
            } else {
                throw new UsageException("unknown flag " + flag);
            }
        }
        return new SubcommandFlags(values, given);
    }

    /** Prints the problem and the usage to {@code err}; returns exit code 2, the one for bad flags. */
    public static int rejected(String command, UsageException problem, String usage, PrintStream err) {
        err.println(command + ": " + problem.getMessage());
        err.print(usage);
        return 2;
    }

    public boolean help() {
        return switches.contains("--help");
    }

    public boolean has(String switchFlag) {
        return switches.contains(switchFlag);
    }

    public Optional<String> text(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    /** An integer of at least {@code min}, or {@code otherwise} when the flag is not given. */
    public int integer(String flag, int min, int otherwise) throws UsageException {
        String value = values.get(flag);
        if (value == null) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the flag's name
        }
        throw new UsageException(flag + " must be an integer >= " + min + ", got '" + value + "'");
    }

    /** A finite number above zero, or {@code otherwise} when the flag is not given. */
    public double positive(String flag, double otherwise) throws UsageException {
        String value = values.get(flag);
        return value == null ? otherwise : positiveNumber(flag, value);
    }

    /** A comma-separated list of finite numbers above zero, or {@code otherwise} when the flag is not given. */
    public double[] positiveList(String flag, double[] otherwise) throws UsageException {
        String value = values.get(flag);
        if (value == null) {
            return otherwise;
        }
        String[] parts = value.split(",");
        double[] numbers = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = positiveNumber(flag, parts[i]);
        }
        return numbers;
    }

    private static double positiveNumber(String flag, String value) throws UsageException {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the flag's name
        }
        throw new UsageException(flag + " must be a number > 0, got '" + value + "'");
    }
}
