/**
 * The shared audio toolkit: WAV reading and writing, the band-limited resampler, the STFT, the mel filterbank
 * and log-mel spectrograms. Models and tasks use these so that every component hears the same signal.
 */
package org.nathear.api.audio;
