/**
 * The metrics of the evaluation protocol (scene, event and direction-of-arrival scores, with sed_eval's event
 * semantics) and bootstrap intervals over test clips.
 */
package org.nathear.runner.metrics;
