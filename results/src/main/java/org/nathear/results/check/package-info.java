/**
 * The regression gate ({@code nathear check}): compares a run against a baseline file cell by cell
 * ({@link org.nathear.results.check.RegressionCheck}) and writes its report
 * ({@link org.nathear.results.check.CheckReports}).
 */
package org.nathear.results.check;
