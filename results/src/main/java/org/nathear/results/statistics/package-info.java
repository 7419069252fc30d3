/**
 * Statistics over result files: the
 * HEAR / Nat-HEAR / localization grouping of tasks ({@link org.nathear.results.statistics.TaskGroup})
 * and the GRAM paper's overall score s(m) with its bootstrap intervals
 * ({@link org.nathear.results.statistics.SmScores}).
 */
package org.nathear.results.statistics;
