package io.ascendgw.gateway.bench;

/** Placeholder: the load generator entry point (filled in by the benchmark work). */
public final class LoadGeneratorMain {
    private LoadGeneratorMain() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("load generator not built yet");
    }
}
