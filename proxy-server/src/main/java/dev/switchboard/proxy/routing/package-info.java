/** User → database decisions (allow-lists, defaults, templates). Depends on {@code config} only; no JDBC, no Netty. */
package dev.switchboard.proxy.routing;
