package io.ascendgw.gateway.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The fake {@code npu-smi} script of {@code src/test/resources/npu-smi}, made executable. */
public final class FakeNpuSmi {

    private FakeNpuSmi() {
    }

    /** Absolute path of the script; Maven copies resources without the executable bit, so it is set here. */
    public static String path() {
        URL url = FakeNpuSmi.class.getClassLoader().getResource("npu-smi/fake-npu-smi");
        if (url == null) {
            throw new IllegalStateException("npu-smi/fake-npu-smi is not on the test class path");
        }
        try {
            Path script = Path.of(url.toURI()).toAbsolutePath();
            if (!script.toFile().canExecute() && !script.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + script + " executable");
            }
            return script.toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
