/**
 * Statistics used across result files, in one place: percentiles and percentile intervals
 * ({@link org.nathear.results.statistics.Percentiles}) behind every bootstrap interval of a cell, every
 * s(m) interval and every HEAR→Nat-HEAR drop. Depends on nothing else in nathear.
 */
package org.nathear.results.statistics;
