package dev.switchboard.protocol.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;

/** The kinds of ByteBuffer a decoder meets: each reads the same bytes, but through different code paths. */
final class BufferKinds {
    /** A heap buffer that starts inside its backing array (arrayOffset 3, like a slice of a bigger read). */
    static ByteBuffer offsetHeap(byte[] bytes) {
        byte[] padded = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        return ByteBuffer.wrap(padded, 3, bytes.length).slice();
    }

    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    static ByteBuffer readOnly(byte[] bytes) {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    static final List<Function<byte[], ByteBuffer>> ALL =
            List.of(ByteBuffer::wrap, BufferKinds::offsetHeap, BufferKinds::direct, BufferKinds::readOnly);

    private BufferKinds() {
    }
}
