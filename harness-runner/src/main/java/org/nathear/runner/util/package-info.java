/**
 * Small runner utilities: the versions of the libraries recorded in result provenance. (Hashing and seed
 * derivation live in harness-api's {@code org.nathear.api.util}, shared by every module.)
 */
package org.nathear.runner.util;
