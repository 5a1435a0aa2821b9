/**
 * The side-by-side benchmark behind {@code ./videogen bench}: workloads, the JMH render-kernel benchmark,
 * and the report (docs/BENCHMARKS.md and its chart). Built only with the {@code bench} Maven profile.
 */
package dev.videogen.bench;
