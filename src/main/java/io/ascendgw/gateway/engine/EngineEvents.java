package io.ascendgw.gateway.engine;

/**
 * Told about lifecycle events of engines (metrics, the prefix index). Called on the supervisor's thread; must not
 * block.
 */
public interface EngineEvents {

    /** The engine entered a new state. */
    default void onStateChange(Engine engine, EngineState from, EngineState to) {
    }

    /** A new process of the engine was launched (the first or a restart); whatever it had cached is gone. */
    default void onLaunched(Engine engine, long pid) {
    }

    /** The engine became ready {@code startupSeconds} after its launch. */
    default void onReady(Engine engine, double startupSeconds) {
    }

    /** The engine's process exited; {@code expected} is false for crashes and kills by the watchdog. */
    default void onExit(Engine engine, int exitCode, boolean expected) {
    }

    /** The engine failed too often and stays down. */
    default void onCrashLoop(Engine engine) {
    }
}
