/**
 * {@code nathear-spark run}: the same run as {@code nathear run} on an Apache Spark cluster. Clips of each
 * (task, split) are embedded by executors into shards of the shared cache (a shared folder, or any Hadoop
 * file system: {@link org.nathear.spark.HadoopCacheStore}) and merged by the driver; each
 * cell's probe and metrics run as a Spark task; the driver writes the same results, leaderboard and
 * hear-eval-kit files.
 */
package org.nathear.spark;
