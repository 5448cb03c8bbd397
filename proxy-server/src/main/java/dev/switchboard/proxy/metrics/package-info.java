/**
 * Prometheus metrics: {@link dev.switchboard.proxy.metrics.Metrics} names every series the proxy exports and owns
 * the Micrometer registry that {@code GET /metrics} scrapes.
 *
 * <p>Depends on Micrometer and {@code pool} (it reads the registry's counts at scrape time); must not depend on
 * {@code net}, {@code exec}, {@code admin} or Netty. Recording is lock-free and never blocks, so event loops and
 * request threads may call it.
 */
package dev.switchboard.proxy.metrics;
