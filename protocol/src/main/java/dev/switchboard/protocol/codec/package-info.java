/**
 * Bytes ↔ messages, without Netty: {@code ClientCodec}, {@code ServerCodec}, the value encoding, and the row batch
 * writer/reader that the hot paths use to skip per-value objects. Malformed input is always a
 * {@code ProtocolException}.
 */
package dev.switchboard.protocol.codec;
