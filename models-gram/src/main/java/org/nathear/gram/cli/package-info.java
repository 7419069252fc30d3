/**
 * {@code nathear gram} (train, corpus, import), contributed to the command line through the {@link
 * org.nathear.api.spi.CommandPlugin} service, so the runner does not compile against GRAM.
 */
package org.nathear.gram.cli;
