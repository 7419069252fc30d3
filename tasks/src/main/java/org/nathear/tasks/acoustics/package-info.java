/**
 * Room acoustics for Nat-HEAR: shoebox rooms with frequency-dependent wall absorption, the image-source
 * method, reverberation time and the room simulator that turns reflections into impulse responses for a
 * {@link org.nathear.tasks.acoustics.receivers.Receiver receiver}.
 */
package org.nathear.tasks.acoustics;
