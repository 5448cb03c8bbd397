package dev.switchboard.protocol.message;

/** A frame a client sends. Every request except {@link Cancel} and {@link Terminate} gets exactly one final answer. */
public sealed interface ClientMessage
        permits Hello, Auth, Execute, ExecuteBatch, Fetch, CloseCursor, Transact, SetOption, MetadataCall, Cancel,
        Ping, Terminate {
}
