/**
 * The service-provider interfaces found with {@link java.util.ServiceLoader}: model plugins and their opened
 * models, model providers for model folders (e.g. ONNX), task plugins, task providers and their opened tasks.
 */
package org.nathear.api.spi;
