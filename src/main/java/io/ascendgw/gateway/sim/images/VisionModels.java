package io.ascendgw.gateway.sim.images;

import java.util.List;
import java.util.Locale;

/** Tells a vision-language model by its name, as the simulator has no config.json to read the architecture from. */
public final class VisionModels {

    private static final List<String> MARKERS = List.of("-vl", "vl-", "vision", "llava", "internvl", "minicpm-v",
            "glm-4v", "qvq", "pixtral");

    private VisionModels() {
    }

    /** Whether {@code name} (a model path or id, or a served name) looks like a vision-language model. */
    public static boolean looksMultimodal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("vl")) {
            return true;
        }
        for (String marker : MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
