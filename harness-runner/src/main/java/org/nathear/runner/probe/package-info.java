/**
 * The shallow probes fitted on frozen embeddings: the linear probe, hear-eval-kit's MLP, and direction
 * regression for localization, on rows that may be memory-mapped, with feature standardisation.
 */
package org.nathear.runner.probe;
