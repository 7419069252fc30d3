/**
 * GRAM's front end: 32 kHz log-mel spectrograms per channel, Ambisonics intensity vectors, and 2 s crops.
 */
package org.nathear.gram.frontend;
