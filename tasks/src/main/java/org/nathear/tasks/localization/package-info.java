/**
 * Localization tasks: HEAR-format tasks whose label is the source direction, made from spatialized scenes.
 */
package org.nathear.tasks.localization;
