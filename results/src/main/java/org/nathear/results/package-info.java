/**
 * Run results, read and written by tools that know no runner. The module is split by job:
 * {@link org.nathear.results.statistics statistics} (percentiles and percentile intervals),
 * {@link org.nathear.results.schema schema} (the {@code nathear.run} records),
 * {@link org.nathear.results.files files} (reading and writing result files),
 * {@link org.nathear.results.merge merge} (several runs as one table of cells),
 * {@link org.nathear.results.scores scores} (task groups and s(m)),
 * {@link org.nathear.results.boards boards} (Markdown, CSV and HTML leaderboards) and
 * {@link org.nathear.results.check check} (the regression gate). Each package depends only on the ones
 * listed before it.
 */
package org.nathear.results;
