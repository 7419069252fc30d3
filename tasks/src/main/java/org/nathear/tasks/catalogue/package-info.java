/**
 * The catalogue of the GRAM paper's HEAR tasks (ids, split modes, folds, metrics), used by {@code --suite
 * hear} to check a task folder.
 */
package org.nathear.tasks.catalogue;
