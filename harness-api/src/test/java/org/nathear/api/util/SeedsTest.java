package org.nathear.api.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every derivation gives, bit for bit, the seeds of the four classes it replaced. {@code seeds-pinned.tsv}
 * was printed by that old code (runner {@code util.Seeds}, tasks {@code SceneSeeds}, gram {@code train.Seeds},
 * {@code DemoTaskGenerator.mix}) before it was removed; a change here would change the runner's cell seeds,
 * the generated demo and Nat-HEAR audio, and what GRAM training draws.
 */
class SeedsTest {
    /** The salt of {@code tasks.spatial.SceneSeeds}. */
    private static final long SCENE_SALT = 0x6A09E667F3BCC909L;

    static Stream<Arguments> pinned(String kind) {
        try (InputStream in = SeedsTest.class.getResourceAsStream("seeds-pinned.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> rows = r.lines().filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1))
                    .filter(f -> f[0].equals(kind)).toList();
            return rows.stream().map(f -> Arguments.of(Long.parseLong(f[1]), f[2], Long.parseLong(f[3])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> derive() {
        return pinned("derive");
    }

    static Stream<Arguments> scene() {
        return pinned("scene");
    }

    static Stream<Arguments> stream() {
        return pinned("stream");
    }

    static Stream<Arguments> namedStream() {
        return pinned("named-stream");
    }

    static Stream<Arguments> chain() {
        return pinned("chain");
    }

    @ParameterizedTest(name = "derive({0}, \"{1}\") = {2}")
    @MethodSource("derive")
    void deriveGivesTheRunnersOldSeeds(long seed, String purpose, long expected) {
        assertEquals(expected, Seeds.derive(seed, purpose));
    }

    @ParameterizedTest(name = "derive({0}, sceneSalt, \"{1}\") = {2}")
    @MethodSource("scene")
    void saltedDeriveGivesTheOldSceneSeeds(long seed, String purpose, long expected) {
        assertEquals(expected, Seeds.derive(seed, SCENE_SALT, purpose));
    }

    @ParameterizedTest(name = "stream({0}, {1}) = {2}")
    @MethodSource("stream")
    void streamGivesGramsOldNumberedSeeds(long seed, String index, long expected) {
        assertEquals(expected, Seeds.stream(seed, Long.parseLong(index)));
    }

    @ParameterizedTest(name = "stream({0}, \"{1}\") = {2}")
    @MethodSource("namedStream")
    void namedStreamGivesGramsOldNamedSeeds(long seed, String name, long expected) {
        assertEquals(expected, Seeds.stream(seed, name));
    }

    @ParameterizedTest(name = "chain({0}, [{1}]) = {2}")
    @MethodSource("chain")
    void chainGivesTheDemoSuitesOldSeeds(long seed, String parts, long expected) {
        long[] numbers = parts.isEmpty() ? new long[0] : Arrays.stream(parts.split(",")).mapToLong(Long::parseLong).toArray();
        assertEquals(expected, Seeds.chain(seed, numbers));
    }

    @Test
    void streamIsTheOutputSequenceOfSplittableRandom() {
        // an independent reference: the JDK's SplitMix64 with the same gamma and finaliser
        SplittableRandom reference = new SplittableRandom(20240611L);
        for (int i = 0; i < 5; i++) {
            assertEquals(reference.nextLong(), Seeds.stream(20240611L, i), "output " + i);
        }
    }

    @Test
    void domainsWithDifferentSaltsGetDifferentSeedsForTheSamePurpose() {
        assertNotEquals(Seeds.derive(7, "train/a.wav"), Seeds.derive(7, SCENE_SALT, "train/a.wav"));
    }
}
