/**
 * Several result files as one table of cells (task × model): {@link org.nathear.results.merge.RunMerge}
 * and what happens when two files hold the same cell ({@link org.nathear.results.merge.ConflictPolicy},
 * {@link org.nathear.results.merge.CellConflictException}).
 */
package org.nathear.results.merge;
