/**
 * What listens in a simulated room: the {@link org.nathear.tasks.acoustics.receivers.Receiver} interface
 * and its implementations, an omnidirectional microphone, a first-order Ambisonics microphone (with the
 * channel conventions of {@link org.nathear.tasks.acoustics.receivers.FoaConvention}) and a pair of ears
 * rendered through a head-related transfer function.
 */
package org.nathear.tasks.acoustics.receivers;
