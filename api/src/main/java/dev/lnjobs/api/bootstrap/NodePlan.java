package dev.lnjobs.api.bootstrap;

/**
 * The machine a bootstrap fee buys, fixed when it is requested: a later change of DO_REGION, DO_SIZE or
 * DO_VOLUME_SIZE_GB does not change what an already requested node gets.
 */
public record NodePlan(String region, String size, int volumeSizeGb) {

    public NodePlan {
        if (region == null || region.isBlank() || size == null || size.isBlank()) {
            throw new IllegalArgumentException("a node plan needs a region and a size");
        }
        if (volumeSizeGb < 0) {
            throw new IllegalArgumentException("volume size must be 0 (none) or a positive number of GB");
        }
    }

    public boolean wantsVolume() {
        return volumeSizeGb > 0;
    }
}
