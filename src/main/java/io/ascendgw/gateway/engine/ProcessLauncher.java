package io.ascendgw.gateway.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches engines as OS processes, each in a session of its own ({@code setsid}) so its whole tree can be found
 * and stopped later, with stdout and stderr going to a rotating log file.
 */
public final class ProcessLauncher implements EngineLauncher {

    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Path logDir;
    private final long logMaxBytes;
    private final int logFiles;
    private final Path setsid;

    public ProcessLauncher(Path logDir, long logMaxBytes, int logFiles) {
        this.logDir = logDir;
        this.logMaxBytes = logMaxBytes;
        this.logFiles = logFiles;
        this.setsid = SETSID.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    @Override
    public EngineProcess launch(EngineSpec spec) throws IOException {
        EngineCommand command = EngineCommand.of(spec);
        List<String> argv = new ArrayList<>();
        if (setsid != null) {
            argv.add(setsid.toString());
        }
        argv.addAll(command.argv());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(command.environment());
        EngineLog log = new EngineLog(logDir.resolve(spec.id() + ".log"), logMaxBytes, logFiles);
        log.append("[gateway] launching: " + String.join(" ", command.argv()));
        Process process = builder.start();
        log.pump(process.getInputStream(), spec.id());
        // setsid execs in place (the child is not a group leader), so the session id is the engine's pid.
        long session = setsid != null ? process.pid() : -1;
        return new OsEngineProcess(process, session, log);
    }
}
