/**
 * Run results: the {@code nathear.run} schema, crash-safe result files, merging runs, s(m) and the DoA table,
 * bootstrap intervals, the regression check, and Markdown, CSV and HTML leaderboards.
 */
package org.nathear.results;
