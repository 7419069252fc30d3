/**
 * The HEAR-Naive baseline (log-mel with a fixed-seed random projection), the reference of s(m).
 */
package org.nathear.baselines;
