/**
 * The built-in demo suite: small HEAR-format tasks (pitch, textures, strokes, mixtures) generated
 * deterministically on first use.
 */
package org.nathear.tasks.demo;
