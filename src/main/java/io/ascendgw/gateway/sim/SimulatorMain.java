package io.ascendgw.gateway.sim;

/** Placeholder: the simulator entry point (filled in by the simulator work). */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("simulator not built yet");
    }
}
