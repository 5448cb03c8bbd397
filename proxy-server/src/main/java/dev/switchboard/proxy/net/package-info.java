/**
 * The Netty front end: pipeline, framing, handshake and session handlers. The only package that sees a Channel; it
 * never runs JDBC on an event loop.
 */
package dev.switchboard.proxy.net;
