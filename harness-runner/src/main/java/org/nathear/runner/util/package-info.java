/**
 * Small runner utilities: hashing, seed derivation and the versions of the libraries recorded in result
 * provenance.
 */
package org.nathear.runner.util;
