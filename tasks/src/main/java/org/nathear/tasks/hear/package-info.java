/**
 * Reading and validating folders of HEAR-format tasks ({@code hear-preprocess} output): metadata, label
 * vocabularies, split files and audio at each sample rate.
 */
package org.nathear.tasks.hear;
