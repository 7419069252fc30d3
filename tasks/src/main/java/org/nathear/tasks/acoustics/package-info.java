/**
 * Room acoustics for Nat-HEAR: shoebox rooms with frequency-dependent wall absorption, the image-source
 * method, reverberation time, and receivers that turn reflections into impulse responses.
 */
package org.nathear.tasks.acoustics;
