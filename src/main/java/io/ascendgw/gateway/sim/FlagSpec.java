package io.ascendgw.gateway.sim;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * One command-line flag: its names, how many values it takes, its help line and how it updates the builder.
 *
 * @param names   long name first, then aliases ({@code --tensor-parallel-size}, {@code -tp})
 * @param arity   number of values
 * @param metavar value placeholder for the help text ("" for switches)
 * @param help    one-line description including the default
 * @param apply   applies the values (for {@link Arity#SWITCH}: one value, "true" or "false")
 */
record FlagSpec(List<String> names, Arity arity, String metavar, String help,
        BiConsumer<SimArgsBuilder, List<String>> apply) {

    /** How many values a flag consumes. */
    enum Arity {
        /** A boolean switch; {@code --no-<name>} negates it. */
        SWITCH,
        /** Exactly one value. */
        ONE,
        /** One or more values (argparse {@code nargs='+'}). */
        MANY
    }

    static FlagSpec of(String name, Arity arity, String metavar, String help,
            BiConsumer<SimArgsBuilder, List<String>> apply) {
        return new FlagSpec(List.of(name), arity, metavar, help, apply);
    }

    String name() {
        return names.get(0);
    }

    /** Parses an int the way argparse reports failures. */
    static int intValue(String flag, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new SimArgsException("argument " + flag + ": invalid int value: '" + v + "'");
        }
    }

    /** Parses a long the way argparse reports failures. */
    static long longValue(String flag, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new SimArgsException("argument " + flag + ": invalid int value: '" + v + "'");
        }
    }

    /** Parses a float the way argparse reports failures. */
    static double doubleValue(String flag, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new SimArgsException("argument " + flag + ": invalid float value: '" + v + "'");
        }
    }
}
