package dev.switchboard.proxy.net;

import dev.switchboard.protocol.codec.BufferWireOut;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's ByteBuf writer produces exactly the bytes of the reference encoder, also after an offset. */
class ByteBufWireOutTest {
    @Test
    void sameBytesAsTheReferenceEncoder() {
        var batch = new RowBatch(List.of(SqlType.TEXT, SqlType.INT32), List.of(
                List.of(new Value.Text("żółw ✓"), new Value.Int32(7)), List.of(new Value.Null(0), new Value.Int32(-1))));
        var error = new ServerError("42P01", 7, "relation \"x\" does not exist");
        var ref = new BufferWireOut();
        ServerCodec.encode(batch, ref);
        ServerCodec.encode(error, ref);

        ByteBuf buf = Unpooled.buffer().writeBytes(new byte[] {9, 9, 9});   // not at index 0
        var out = new ByteBufWireOut(buf);
        ServerCodec.encode(batch, out);
        ServerCodec.encode(error, out);
        byte[] written = ByteBufUtil.getBytes(buf, 3, buf.readableBytes() - 3);
        buf.release();
        assertThat(written).isEqualTo(ref.toByteArray());
    }
}
