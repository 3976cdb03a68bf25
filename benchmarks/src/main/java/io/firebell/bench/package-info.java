/**
 * Benchmark scenarios run by {@code ./firebell bench} against a running suite. Each scenario prints
 * its figures next to its target; see docs/benchmarks.md.
 */
package io.firebell.bench;
