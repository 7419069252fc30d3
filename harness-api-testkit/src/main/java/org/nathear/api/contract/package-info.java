/**
 * The contract kit: JUnit 5 interfaces ({@code ModelPluginContract}, {@code TaskPluginContract}) whose
 * default tests every model and task plugin's own test class implements. Published as {@code
 * org.nathear:harness-api-testkit} so a plugin depends on it by coordinates, in test scope.
 */
package org.nathear.api.contract;
