/**
 * GRAM checkpoints: nathear's own format, safetensors reading, and the mapping of the authors' published
 * weights onto the Java network.
 */
package org.nathear.gram.io;
