/** Job spec v1: the JSON contract users write, parsed and validated into immutable values. */
package dev.videogen.media.spec;
