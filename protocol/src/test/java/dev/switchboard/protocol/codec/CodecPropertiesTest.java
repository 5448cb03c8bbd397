package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameLimits;
import dev.switchboard.protocol.frame.FrameType;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.ServerMessage;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Round trips for every message, and bad input (random, truncated, corrupted) that only ever fails as a
 * {@link ProtocolException} (STYLE idiom 13, DESIGN.md "Garbage, truncated or oversized frames").
 */
class CodecPropertiesTest {

    @Provide
    Arbitrary<ClientMessage> clientMessages() {
        return MessageArbitraries.clientMessages();
    }

    @Provide
    Arbitrary<ServerMessage> serverMessages() {
        return MessageArbitraries.serverMessages();
    }

    @Provide
    Arbitrary<Byte> clientTypeCodes() {
        return MessageArbitraries.clientTypeCodes();
    }

    @Provide
    Arbitrary<Byte> serverTypeCodes() {
        return MessageArbitraries.serverTypeCodes();
    }

    // ---- round trips

    @Property
    void clientMessagesRoundTrip(@ForAll("clientMessages") ClientMessage m) {
        assertThat(ClientCodec.decode(TestFrames.encode(m).position(4))).isEqualTo(m);
    }

    @Property
    void serverMessagesRoundTrip(@ForAll("serverMessages") ServerMessage m) {
        assertThat(ServerCodec.decode(TestFrames.encode(m).position(4))).isEqualTo(m);
    }

    /** Heap buffers that start inside their array, direct buffers (Netty's usual), and read-only views. */
    @Property(tries = 300)
    void decodingDoesNotDependOnTheKindOfBuffer(@ForAll("clientMessages") ClientMessage c,
                                                @ForAll("serverMessages") ServerMessage s) {
        for (Function<byte[], ByteBuffer> kind : BufferKinds.ALL) {
            assertThat(ClientCodec.decode(kind.apply(payload(TestFrames.bytes(c))))).isEqualTo(c);
            assertThat(ServerCodec.decode(kind.apply(payload(TestFrames.bytes(s))))).isEqualTo(s);
        }
    }

    @Property
    void lengthPrefixCountsTheBytesAfterIt(@ForAll("clientMessages") ClientMessage c,
                                           @ForAll("serverMessages") ServerMessage s) {
        ByteBuffer client = TestFrames.encode(c);
        ByteBuffer server = TestFrames.encode(s);
        assertThat(client.getInt(0)).isEqualTo(client.remaining() - FrameLimits.LENGTH_BYTES);
        assertThat(server.getInt(0)).isEqualTo(server.remaining() - FrameLimits.LENGTH_BYTES);
        assertThat(client.get(4)).isEqualTo(ClientCodec.typeOf(c).code());
        assertThat(server.get(4)).isEqualTo(ServerCodec.typeOf(s).code());
    }

    /** Encoding is a function of the message: decoding and encoding again gives the same bytes. */
    @Property
    void reEncodingGivesTheSameBytes(@ForAll("clientMessages") ClientMessage c,
                                     @ForAll("serverMessages") ServerMessage s) {
        byte[] client = TestFrames.bytes(c);
        byte[] server = TestFrames.bytes(s);
        assertThat(TestFrames.bytes(TestFrames.decodeClient(client))).isEqualTo(client);
        assertThat(TestFrames.bytes(TestFrames.decodeServer(server))).isEqualTo(server);
    }

    // ---- garbage

    @Property
    void garbageIsOnlyAProtocolErrorForTheServer(@ForAll byte[] junk) {
        try {
            ClientCodec.decode(ByteBuffer.wrap(junk));
        } catch (ProtocolException expected) {
            // the only way to fail
        }
    }

    @Property
    void garbageIsOnlyAProtocolErrorForTheDriver(@ForAll byte[] junk) {
        try {
            ServerCodec.decode(ByteBuffer.wrap(junk));
        } catch (ProtocolException expected) {
            // the only way to fail
        }
    }

    /** Garbage behind a valid client type byte, so that it reaches each message's reader. */
    @Property(tries = 3000)
    void garbageAfterAClientTypeIsOnlyAProtocolError(@ForAll("clientTypeCodes") byte type,
                                                     @ForAll @Size(max = 80) byte[] junk) {
        try {
            ClientCodec.decode(ByteBuffer.allocate(1 + junk.length).put(type).put(junk).flip());
        } catch (ProtocolException expected) {
            // the only way to fail
        }
    }

    @Property(tries = 3000)
    void garbageAfterAServerTypeIsOnlyAProtocolError(@ForAll("serverTypeCodes") byte type,
                                                     @ForAll @Size(max = 80) byte[] junk) {
        try {
            ServerCodec.decode(ByteBuffer.allocate(1 + junk.length).put(type).put(junk).flip());
        } catch (ProtocolException expected) {
            // the only way to fail
        }
    }

    // ---- truncation and corruption of valid frames

    @Property
    void everyTruncatedClientFrameIsAProtocolError(@ForAll("clientMessages") ClientMessage m) {
        byte[] payload = payload(TestFrames.bytes(m));
        for (int cut = 0; cut < payload.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(payload, 0, cut);
            assertThatThrownBy(() -> ClientCodec.decode(truncated)).as("cut at %d of %s", cut, m)
                    .isInstanceOf(ProtocolException.class);
        }
    }

    @Property
    void everyTruncatedServerFrameIsAProtocolError(@ForAll("serverMessages") ServerMessage m) {
        byte[] payload = payload(TestFrames.bytes(m));
        for (int cut = 0; cut < payload.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(payload, 0, cut);
            assertThatThrownBy(() -> ServerCodec.decode(truncated)).as("cut at %d of %s", cut, m)
                    .isInstanceOf(ProtocolException.class);
        }
    }

    /** A frame with extra bytes after the message is as bad as one with bytes missing. */
    @Property
    void trailingBytesAreAProtocolError(@ForAll("clientMessages") ClientMessage c,
                                        @ForAll("serverMessages") ServerMessage s,
                                        @ForAll @Size(min = 1, max = 8) byte[] extra) {
        assertThatThrownBy(() -> ClientCodec.decode(ByteBuffer.wrap(concat(payload(TestFrames.bytes(c)), extra))))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ServerCodec.decode(ByteBuffer.wrap(concat(payload(TestFrames.bytes(s)), extra))))
                .isInstanceOf(ProtocolException.class);
    }

    /** Any one byte of a valid frame changed: a (different) valid message, or a protocol error, nothing else. */
    @Property
    void aCorruptedClientFrameIsAMessageOrAProtocolError(@ForAll("clientMessages") ClientMessage m,
                                                         @ForAll byte flip) {
        byte[] payload = payload(TestFrames.bytes(m));
        byte mask = flip == 0 ? 1 : flip;
        for (int i = 0; i < payload.length; i++) {
            byte[] corrupted = payload.clone();
            corrupted[i] ^= mask;
            try {
                ClientCodec.decode(ByteBuffer.wrap(corrupted));
            } catch (ProtocolException expected) {
                // fine
            }
        }
    }

    @Property
    void aCorruptedServerFrameIsAMessageOrAProtocolError(@ForAll("serverMessages") ServerMessage m,
                                                         @ForAll byte flip) {
        byte[] payload = payload(TestFrames.bytes(m));
        byte mask = flip == 0 ? 1 : flip;
        for (int i = 0; i < payload.length; i++) {
            byte[] corrupted = payload.clone();
            corrupted[i] ^= mask;
            if (claimsManyRowsOfNothing(corrupted)) continue;
            try {
                ServerCodec.decode(ByteBuffer.wrap(corrupted));
            } catch (ProtocolException expected) {
                // fine
            }
        }
    }

    /**
     * A ROW_BATCH of zero columns claiming more than a thousand rows: decoding one hangs or exhausts the heap, a known
     * bug that RowBatchTest#zeroColumnBatchClaimingBillionsOfRowsIsAProtocolErrorNotOutOfMemory pins down. A flip
     * makes one whenever it zeroes a column count. Drop this guard once that bug is fixed.
     */
    static boolean claimsManyRowsOfNothing(byte[] payload) {
        var in = ByteBuffer.wrap(payload);
        return payload.length >= 7 && in.get(0) == FrameType.ROW_BATCH.code() && in.getShort(1) == 0
                && in.getInt(3) > 1000;
    }

    /** The frame without its length prefix: what the codecs decode. */
    static byte[] payload(byte[] frame) {
        return java.util.Arrays.copyOfRange(frame, FrameLimits.LENGTH_BYTES, frame.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
