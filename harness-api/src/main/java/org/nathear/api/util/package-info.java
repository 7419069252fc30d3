/**
 * Reproducibility helpers shared by every module: {@link org.nathear.api.util.Hashing} (SHA-256 for cache
 * keys, model keys and provenance) and {@link org.nathear.api.util.Seeds} (SplitMix64 seed derivation, so
 * every random choice follows from one explicit seed). Both are file formats in effect: cache keys,
 * committed checkpoints and generated task audio depend on their exact output, which tests pin.
 */
package org.nathear.api.util;
