/**
 * Signal processing shared by the simulator, the task writers and GRAM training: per-thread FFT plans
 * ({@link org.nathear.tasks.dsp.FftPlans}) and the one FFT convolution of the project
 * ({@link org.nathear.tasks.dsp.FftConvolver}, overlap-add on JTransforms real FFTs).
 */
package org.nathear.tasks.dsp;
