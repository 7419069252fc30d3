package org.nathear.api.spi;

import java.util.Objects;

/**
 * A model found by a {@link ModelProvider}.
 *
 * @param plugin  the model; when {@code error} is set, a stand-in whose descriptor carries the
 *                best id that could be read and whose {@code open} and {@code weightsSha256} throw
 *                the error, so that a run fails that model's cells and finishes the others
 * @param origin  where it came from (the model folder), for listings and messages
 * @param error   why the model cannot be used, or {@code null}
 */
public record DiscoveredModel(ModelPlugin plugin, String origin, String error) {
    /** Checks that the plugin and its origin are given. */
    public DiscoveredModel {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(origin, "origin");
    }

    /** True when the folder could not be turned into a model (its cells fail with {@link #error()}). */
    public boolean isBroken() {
        return error != null;
    }
}
