/**
 * Background noise for Nat-HEAR scenes: a {@link org.nathear.tasks.spatial.noise.NoiseBank} draws clips from
 * a folder of recordings or from generated textures.
 */
package org.nathear.tasks.spatial.noise;
