/**
 * Head-related transfer functions: SOFA files (measured heads) and a rigid spherical-head model, for binaural
 * rendering.
 */
package org.nathear.tasks.hrtf;
