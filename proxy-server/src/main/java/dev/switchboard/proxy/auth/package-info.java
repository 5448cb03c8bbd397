/** Client authentication (SCRAM-SHA-256 against stored verifiers). Depends on {@code config} and the protocol's SCRAM helpers. */
package dev.switchboard.proxy.auth;
