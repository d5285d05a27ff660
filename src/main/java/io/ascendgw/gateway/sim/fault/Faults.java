package io.ascendgw.gateway.sim.fault;

import java.util.concurrent.atomic.AtomicLong;

import io.ascendgw.gateway.sim.SimOptions;

/**
 * The simulator's injected faults: the configured triggers ({@code --sim-*} flags) and the live switches the
 * control API flips. All methods are thread-safe and non-blocking.
 */
public final class Faults {

    /** What to do with an accepted generation request. */
    public enum Decision {
        /** Serve it. */
        PROCEED,
        /** Answer 500 with vLLM's error body. */
        FAIL,
        /** Exit the process abruptly now. */
        CRASH
    }

    private final AtomicLong generationRequests = new AtomicLong();
    private volatile long crashAfterRequests;
    private volatile long hangAfterRequests;
    private volatile boolean hangHttpOnHang;
    private volatile double failRate;
    private volatile int abortStreamAfterTokens;
    private volatile int crashExitCode;
    private volatile boolean engineHung;
    private volatile boolean httpHung;
    private volatile boolean dead;

    /** Faults as configured on the command line; {@code --sim-hang-http} without a trigger hangs from the start. */
    public Faults(SimOptions options) {
        this.crashAfterRequests = options.crashAfterRequests();
        this.hangAfterRequests = options.hangAfterRequests();
        this.hangHttpOnHang = options.hangHttp();
        this.failRate = options.failRate();
        this.abortStreamAfterTokens = options.abortStreamAfterTokens();
        this.crashExitCode = options.crashExitCode();
        if (options.hangHttp() && options.hangAfterRequests() < 0 && options.hangAfterSeconds() < 0) {
            hang();
        }
    }

    /** Counts a validated generation request and decides its fate (request N+1 trips an N-trigger). */
    public Decision onGenerationRequest() {
        long k = generationRequests.incrementAndGet();
        long crashAfter = crashAfterRequests;
        if (crashAfter >= 0 && k > crashAfter) {
            return Decision.CRASH;
        }
        long hangAfter = hangAfterRequests;
        if (hangAfter >= 0 && k > hangAfter) {
            hang();
        }
        double p = failRate;
        if (p > 0 && Math.floor(k * p) > Math.floor((k - 1) * p)) {
            return Decision.FAIL;
        }
        return Decision.PROCEED;
    }

    /** The engine stops making progress; with hang-http also every HTTP answer stops. */
    public void hang() {
        engineHung = true;
        if (hangHttpOnHang) {
            httpHung = true;
        }
    }

    /**
     * Applies a control-API change; null leaves a setting alone. {@code hangHttp=true} hangs engine and HTTP at
     * once; {@code hang} then sets the engine hang (HTTP follows if hang-http mode is on).
     */
    public void update(Boolean hang, Boolean hangHttp, Boolean dead, Double failRate, Integer abortAfterTokens,
            Integer crashExitCode) {
        if (hangHttp != null) {
            this.hangHttpOnHang = hangHttp;
            if (hangHttp) {
                hang();
            } else {
                this.httpHung = false;
            }
        }
        if (hang != null) {
            this.engineHung = hang;
            this.httpHung = hang && hangHttpOnHang;
        }
        if (dead != null) {
            this.dead = dead;
        }
        if (failRate != null) {
            this.failRate = failRate;
        }
        if (abortAfterTokens != null) {
            this.abortStreamAfterTokens = abortAfterTokens;
        }
        if (crashExitCode != null) {
            this.crashExitCode = crashExitCode;
        }
    }

    /** Removes every fault, including pending request-count triggers. */
    public void clear() {
        crashAfterRequests = -1;
        hangAfterRequests = -1;
        hangHttpOnHang = false;
        failRate = 0;
        abortStreamAfterTokens = -1;
        engineHung = false;
        httpHung = false;
        dead = false;
    }

    public boolean engineHung() {
        return engineHung;
    }

    public boolean httpHung() {
        return httpHung;
    }

    public boolean dead() {
        return dead;
    }

    public double failRate() {
        return failRate;
    }

    public int abortStreamAfterTokens() {
        return abortStreamAfterTokens;
    }

    public int crashExitCode() {
        return crashExitCode;
    }

    public long crashAfterRequests() {
        return crashAfterRequests;
    }

    public long hangAfterRequests() {
        return hangAfterRequests;
    }

    public boolean hangHttpOnHang() {
        return hangHttpOnHang;
    }

    /** Validated generation requests seen so far. */
    public long generationRequests() {
        return generationRequests.get();
    }
}
