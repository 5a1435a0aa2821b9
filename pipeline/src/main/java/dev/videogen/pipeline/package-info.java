/** The pipeline assembly, its options, job and manifest reading, the report and the command line. */
package dev.videogen.pipeline;
