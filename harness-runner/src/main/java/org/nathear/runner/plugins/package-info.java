/**
 * Plugin discovery: model and task plugins from the class path, from plugin folders (each in a child-first
 * class loader of its own) and from model folders, with clear errors for duplicates and unknown ids.
 */
package org.nathear.runner.plugins;
