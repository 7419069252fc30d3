/**
 * {@code nathear validate-model}: checks a model against the contract (shapes, layouts, determinism, timing,
 * memory) before a long run and reports findings.
 */
package org.nathear.runner.validate;
