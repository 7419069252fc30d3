/**
 * The GRAM model plugins ({@code gram-binaural}, {@code gram-ambisonics}, {@code gram-clean}, {@code
 * gram-binaural-time}) and the embedded GRAM-tiny weights they load.
 */
package org.nathear.gram.plugin;
