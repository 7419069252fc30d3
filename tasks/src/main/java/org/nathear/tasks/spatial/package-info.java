/**
 * The Nat-HEAR spatializer: turns a mono HEAR task into a binaural or first-order Ambisonics task folder
 * ({@link org.nathear.tasks.spatial.Spatializer}, {@link org.nathear.tasks.spatial.TaskFiles}). Scenes
 * come from {@link org.nathear.tasks.spatial.scene}, noise from {@link org.nathear.tasks.spatial.noise}.
 */
package org.nathear.tasks.spatial;
