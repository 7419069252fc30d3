/**
 * GRAM pre-training: corpora, online scene mixing with the Nat-HEAR simulator or measured impulse responses,
 * batches, AdamW with a cosine schedule, and the trainer behind {@code nathear gram train}.
 */
package org.nathear.gram.train;
