package io.ascendgw.gateway.engine;

import java.io.IOException;

/** Starts engine processes. The seam that lets tests launch anything that behaves like vLLM. */
public interface EngineLauncher {

    /** Starts one engine as described; blocking (fork and exec), call from a worker thread. */
    EngineProcess launch(EngineSpec spec) throws IOException;
}
