/**
 * File helpers shared by every module: temporary files that follow the umask once moved into place.
 */
package org.nathear.api.io;
