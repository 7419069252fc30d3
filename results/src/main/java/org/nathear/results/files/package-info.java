/**
 * Result files on disk: crash-safe JSON writing and reading of {@link org.nathear.results.schema.RunResult}
 * ({@link org.nathear.results.files.ResultFiles}), the plausibility ranges every read metric is checked
 * against ({@link org.nathear.results.files.MetricRanges}) and a run paired with the file it came from
 * ({@link org.nathear.results.files.SourcedRun}).
 */
package org.nathear.results.files;
