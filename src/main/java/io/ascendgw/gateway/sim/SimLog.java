package io.ascendgw.gateway.sim;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * vLLM-looking log lines: vLLM's logger on stdout ({@code INFO 11-27 01:07:00 [api_server.py:1839] ...}, with the
 * {@code (APIServer pid=N) } prefix from 0.10.1) and uvicorn's lifecycle lines on stderr. Thread-safe.
 */
public final class SimLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    private final VllmDialect dialect;
    private final PrintStream out;
    private final PrintStream err;
    private final long pid;

    public SimLog(VllmDialect dialect, PrintStream out, PrintStream err, long pid) {
        this.dialect = dialect;
        this.out = out;
        this.err = err;
        this.pid = pid;
    }

    /** An INFO line from vLLM's logger; {@code location} is {@code file.py:line}. */
    public void info(String location, String message) {
        vllm("INFO", location, message);
    }

    /** A WARNING line from vLLM's logger. */
    public void warning(String location, String message) {
        vllm("WARNING", location, message);
    }

    /** An ERROR line from vLLM's logger. */
    public void error(String location, String message) {
        vllm("ERROR", location, message);
    }

    /** A uvicorn lifecycle line on stderr ({@code INFO:     Application startup complete.}). */
    public void uvicorn(String message) {
        err.println("INFO:     " + message);
    }

    /** A uvicorn access line on stdout. */
    public void access(String client, String method, String path, int status, String phrase) {
        out.println("INFO:     " + client + " - \"" + method + " " + path + " HTTP/1.1\" " + status + " " + phrase);
    }

    public VllmDialect dialect() {
        return dialect;
    }

    private void vllm(String level, String location, String message) {
        StringBuilder sb = new StringBuilder(96);
        if (dialect.pidPrefixedLogs()) {
            sb.append("(APIServer pid=").append(pid).append(") ");
        }
        sb.append(level).append(' ').append(LocalDateTime.now().format(TIME)).append(' ');
        if (dialect.bracketedLogLocation()) {
            sb.append('[').append(location).append("] ");
        } else {
            sb.append(location).append("] ");
        }
        out.println(sb.append(message));
    }
}
