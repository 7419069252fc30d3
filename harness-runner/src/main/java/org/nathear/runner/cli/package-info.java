/**
 * The picocli commands of {@code nathear} (run, list, validate-model, leaderboard, check, spatialize,
 * localize, tut-real, gram, version) and their shared options. Commands parse and check input, then hand work
 * to the engine.
 */
package org.nathear.runner.cli;
