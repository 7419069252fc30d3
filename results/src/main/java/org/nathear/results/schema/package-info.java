/**
 * The {@code nathear.run} result schema (docs/result-format.md): one record per level of a result file (run,
 * cell, fold, metric summary, bootstrap interval, histogram, model facts, provenance, settings, timings) and
 * {@link org.nathear.results.schema.ResultFileException} for content that breaks it. Records validate
 * themselves and know nothing of files, merging or rendering.
 */
package org.nathear.results.schema;
