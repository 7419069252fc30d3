/**
 * Scores over several tasks: the HEAR / Nat-HEAR / localization grouping of tasks
 * ({@link org.nathear.results.scores.TaskGroup}) and the GRAM paper's overall score s(m) per group with its
 * bootstrap intervals and the HEAR→Nat-HEAR drop ({@link org.nathear.results.scores.SmScores}).
 */
package org.nathear.results.scores;
