/**
 * GRAM, the multi-channel masked audio auto-encoder, in DJL: configuration, sizes, variants and masking.
 * Sub-packages hold the front end, the network, pre-training, checkpoints and the embedding plugins.
 */
package org.nathear.gram;
