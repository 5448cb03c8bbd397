/** Frame type codes, limits and the protocol version. Depends on nothing but {@code codec.ProtocolException}. */
package dev.switchboard.protocol.frame;
