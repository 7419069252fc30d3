/**
 * The Nat-HEAR spatializer: scene sampling, binaural and first-order Ambisonics receivers, noise banks,
 * convolution and the writer of spatial task folders.
 */
package org.nathear.tasks.spatial;
