/**
 * The evaluation engine: runs every (task, model) cell, adapts channels, extracts embeddings behind the model
 * guard, applies the protocol of each task kind (scene, event, localization), writes hear-eval-kit compatible
 * files, and resumes interrupted runs.
 */
package org.nathear.runner.eval;
