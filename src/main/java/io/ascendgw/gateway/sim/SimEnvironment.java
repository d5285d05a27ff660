package io.ascendgw.gateway.sim;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * Where a simulator writes its logs and how it "crashes".
 *
 * @param out   vLLM's logger stream (stdout in a real process)
 * @param err   uvicorn's lifecycle stream (stderr in a real process)
 * @param crash exits abruptly with the given status; in a real process {@link Runtime#halt(int)}, so shutdown hooks
 *              do not run and worker children are left behind, as after a real engine crash
 */
public record SimEnvironment(PrintStream out, PrintStream err, IntConsumer crash) {

    /** The real process: stdout, stderr, halt. */
    public static SimEnvironment system() {
        return new SimEnvironment(System.out, System.err, code -> {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        });
    }
}
