/**
 * The contracts every part of nathear shares: audio clips and channel layouts, model and task descriptors,
 * labels, metric ids, model options, and the {@link org.nathear.api.HarnessException} family of errors.
 * Plugin authors compile against this package, {@code .spi} and {@code .audio} only.
 */
package org.nathear.api;
