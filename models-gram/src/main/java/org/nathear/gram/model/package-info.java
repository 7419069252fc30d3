/**
 * The GRAM network in DJL (patch embedding, ViT encoder, local-global decoder) and the engine that owns its
 * native resources.
 */
package org.nathear.gram.model;
