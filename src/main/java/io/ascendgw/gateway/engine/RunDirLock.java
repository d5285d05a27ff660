package io.ascendgw.gateway.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * Makes one gateway at a time the owner of a run directory. The engines recorded in its state file are that
 * gateway's: a second gateway started there (the start command run twice) would take them for a killed
 * predecessor's orphans and stop them under the first one's clients. The lock is the operating system's, so it goes
 * with its holder even when that is killed with SIGKILL, which is when the orphans are real.
 */
public final class RunDirLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.engine");
    static final String FILE = "gateway.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code runDir}, creating the directory, and writes this process's pid in it.
     *
     * @throws GatewayConfigException naming the other gateway's pid and the key to change, when another process
     *     (or another gateway in this JVM) holds it
     */
    public static RunDirLock acquire(Path runDir) {
        try {
            Files.createDirectories(runDir);
            FileChannel channel = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = tryLock(channel);
            } catch (IOException unsupported) {
                return unguarded(runDir, channel, unsupported);
            }
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new GatewayConfigException("Another gateway" + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                        + " is running with run directory " + runDir.toAbsolutePath() + " and owns the engines "
                        + "recorded there; stop it first, or give this gateway its own gateway.supervision.run-dir.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            channel.force(false);
            return new RunDirLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock run directory " + runDir.toAbsolutePath(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /** A file system without locks (some NFS mounts) must not keep the gateway from starting: it runs unguarded. */
    private static RunDirLock unguarded(Path runDir, FileChannel channel, IOException reason) throws IOException {
        LOG.warnf("Cannot lock run directory %s (%s): a second gateway started there would take this one's engines "
                + "for orphans", runDir.toAbsolutePath(), reason.getMessage());
        channel.close();
        return new RunDirLock(null, null);
    }

    private static String owner(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(32);
        channel.read(bytes, 0);
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The process is ending; the operating system releases the lock with it.
        }
    }
}
