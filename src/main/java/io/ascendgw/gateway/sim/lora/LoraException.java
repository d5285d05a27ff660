package io.ascendgw.gateway.sim.lora;

/** An adapter could not be loaded or unloaded; carries the status and error type vLLM answers with. */
public final class LoraException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    public LoraException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
