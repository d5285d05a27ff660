package io.ascendgw.gateway.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Parsed command line.
 *
 * @param spec what to run
 * @param resultFile where to write the JSON result, if anywhere
 * @param help {@code --help} was given: print usage and exit 0
 */
public record CliOptions(LoadSpec spec, Optional<Path> resultFile, boolean help) {
}
