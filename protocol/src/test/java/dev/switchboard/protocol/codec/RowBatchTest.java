package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The hot-path row codecs agree with the message model: {@link RowBatchWriter} writes what
 * {@code ServerCodec.encode(RowBatch)} writes, and {@link RowBatchReader}'s typed getters read what
 * {@link RowBatchReader#value} reads. A malformed batch fails only as a {@link ProtocolException}.
 */
class RowBatchTest {

    @Provide
    Arbitrary<RowBatch> batches() {
        return MessageArbitraries.rowBatches();
    }

    @Provide
    Arbitrary<List<SqlType>> columnTypes() {
        return Arbitraries.of(MessageArbitraries.COLUMN_TYPES).list().ofMaxSize(20);
    }

    /** The payload after the type byte, as the driver hands it to a reader. */
    private static ByteBuffer payloadOf(RowBatch batch) {
        return TestFrames.encode(batch).position(5);
    }

    @Property(tries = 500)
    void writerWritesWhatTheCodecWrites(@ForAll("batches") RowBatch batch) {
        var out = new BufferWireOut(16);
        var writer = new RowBatchWriter(out, batch.types());
        for (List<Value> row : batch.rows()) {
            writer.beginRow();
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i) instanceof Value.Null) writer.setNull(i);
                else ValueCodec.writePayload(writer.out(), row.get(i));
            }
            writer.endRow();
        }
        writer.finish();
        byte[] expected = TestFrames.bytes(batch);
        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(writer.rows()).isEqualTo(batch.rows().size());
        assertThat(writer.bytes()).isEqualTo(expected.length);
    }

    /** A writer that starts mid-buffer (after another frame) patches its own length, count and bitmaps only. */
    @Property(tries = 200)
    void writerAfterAnotherFrameLeavesThatFrameAlone(@ForAll("batches") RowBatch batch) {
        var out = new BufferWireOut(16);
        ServerCodec.encode(Ok.INSTANCE, out);
        ServerCodec.encode(batch, out);
        var viaWriter = new BufferWireOut(16);
        ServerCodec.encode(Ok.INSTANCE, viaWriter);
        var writer = new RowBatchWriter(viaWriter, batch.types());
        for (List<Value> row : batch.rows()) {
            writer.beginRow();
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i) instanceof Value.Null) writer.setNull(i);
                else ValueCodec.writePayload(writer.out(), row.get(i));
            }
            writer.endRow();
        }
        writer.finish();
        assertThat(viaWriter.toByteArray()).isEqualTo(out.toByteArray());
    }

    @Property(tries = 500)
    void typedGettersAgreeWithValue(@ForAll("batches") RowBatch batch) {
        var reader = new RowBatchReader(payloadOf(batch));
        assertThat(reader.columnCount()).isEqualTo(batch.types().size());
        assertThat(reader.rowCount()).isEqualTo(batch.rows().size());
        assertThat(reader.types()).isEqualTo(batch.types());
        for (List<Value> expectedRow : batch.rows()) {
            assertThat(reader.next()).isTrue();
            for (int i = 0; i < reader.columnCount(); i++) {
                Value expected = expectedRow.get(i);
                assertThat(reader.value(i)).isEqualTo(expected);
                assertThat(reader.isNull(i)).isEqualTo(expected instanceof Value.Null);
                if (!reader.isNull(i)) assertThat(typed(reader, i)).isEqualTo(expected);
            }
            assertThat(reader.row()).isEqualTo(expectedRow);
        }
        assertThat(reader.next()).isFalse();
        assertThat(reader.next()).isFalse();
        assertThat(reader.fullyConsumed()).isTrue();
    }

    @Property(tries = 200)
    void readerWorksOnEveryKindOfBuffer(@ForAll("batches") RowBatch batch) {
        byte[] payload = CodecPropertiesTest.payload(TestFrames.bytes(batch));
        byte[] afterType = java.util.Arrays.copyOfRange(payload, 1, payload.length);
        for (Function<byte[], ByteBuffer> kind : BufferKinds.ALL) {
            var reader = new RowBatchReader(kind.apply(afterType));
            var rows = new ArrayList<List<Value>>();
            while (reader.next()) rows.add(reader.row());
            assertThat(rows).isEqualTo(batch.rows());
        }
    }

    /** What a driver's ResultSet calls, by wire type, wrapped back into a Value to compare. */
    private static Value typed(RowBatchReader r, int i) {
        return switch (r.type(i)) {
            case NULL -> throw new AssertionError("a column has wire type NULL");
            case BOOLEAN -> new Value.Bool(r.getBoolean(i));
            case INT32 -> new Value.Int32(r.getInt(i));
            case INT64 -> new Value.Int64(r.getLong(i));
            case FLOAT32 -> new Value.Float32(r.getFloat(i));
            case FLOAT64 -> new Value.Float64(r.getDouble(i));
            case DECIMAL -> new Value.Decimal(r.getDecimal(i));
            case TEXT -> new Value.Text(r.getText(i));
            case BYTES -> new Value.Bytes(r.getBytes(i));
            case DATE -> new Value.Date(r.getDate(i));
            case TIME -> new Value.Time(r.getTime(i));
            case TIMESTAMP -> new Value.Timestamp(r.getTimestamp(i));
            case TIMESTAMP_TZ -> new Value.TimestampTz(r.getTimestampTz(i));
        };
    }

    // ---- malformed batches

    /** Reads every cell of every row, as a ResultSet walking the whole batch would. */
    private static void readAll(ByteBuffer payload) {
        var reader = new RowBatchReader(payload);
        for (int rows = 0; rows < 100_000 && reader.next(); rows++) {
            for (int i = 0; i < reader.columnCount(); i++) reader.value(i);
        }
    }

    @Property
    void randomPayloadIsOnlyAProtocolError(@ForAll byte[] junk) {
        try {
            readAll(ByteBuffer.wrap(junk));
        } catch (ProtocolException expected) {
            // the only way to fail
        }
    }

    /** A well-formed column list and row count, then garbage rows. */
    @Property(tries = 3000)
    void garbageRowsAreOnlyAProtocolError(@ForAll("columnTypes") List<SqlType> types,
                                          @ForAll @IntRange(max = 5) int rows, @ForAll @Size(max = 120) byte[] junk) {
        var head = new BufferWireOut();
        head.writeShort(types.size());
        for (SqlType t : types) head.writeByte(t.code());
        head.writeInt(rows);
        head.writeBytes(junk);
        try {
            readAll(head.toByteBuffer());
        } catch (ProtocolException expected) {
            // the only way to fail
        }
    }

    @Property(tries = 300)
    void everyTruncatedBatchIsAProtocolErrorForTheReader(@ForAll("batches") RowBatch batch) {
        byte[] payload = CodecPropertiesTest.payload(TestFrames.bytes(batch));
        for (int cut = 1; cut < payload.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(payload, 1, cut - 1);
            assertThatThrownBy(() -> {
                var reader = new RowBatchReader(truncated);
                while (reader.next()) {
                    for (int i = 0; i < reader.columnCount(); i++) reader.value(i);
                }
                if (!reader.fullyConsumed()) throw new AssertionError("unreachable: a cut batch has no extra bytes");
            }).as("cut at %d", cut).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void columnOfWireTypeNullIsAProtocolError() {
        assertThatThrownBy(() -> new RowBatchReader(ByteBuffer.wrap(TestFrames.unhex("0001 00 00000000"))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void unknownWireTypeIsAProtocolError() {
        assertThatThrownBy(() -> new RowBatchReader(ByteBuffer.wrap(TestFrames.unhex("0001 0d 00000000"))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void booleanOtherThanZeroOrOneIsAProtocolErrorWhenTheRowIsRead() {
        var reader = new RowBatchReader(ByteBuffer.wrap(TestFrames.unhex("0001 01 00000001 00 02")));
        assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class);
    }

    @Test
    void rowCountBeyondWhatTheBytesCanHoldIsAProtocolError() {
        // nine columns: every row needs at least a two-byte bitmap, and 3 bytes follow
        assertThatThrownBy(() -> new RowBatchReader(ByteBuffer.wrap(
                TestFrames.unhex("0009 010101010101010101 00000002 ffff00"))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void bytesAfterTheLastRowAreNotFullyConsumed() {
        var reader = new RowBatchReader(ByteBuffer.wrap(TestFrames.unhex("0001 02 00000001 00 00000007 ff")));
        assertThat(reader.next()).isTrue();
        assertThat(reader.getInt(0)).isEqualTo(7);
        assertThat(reader.next()).isFalse();
        assertThat(reader.fullyConsumed()).isFalse();
        assertThatThrownBy(() -> ServerCodec.decode(ByteBuffer.wrap(TestFrames.unhex("44 0001 02 00000001 00 00000007 ff"))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void writerRefusesMoreColumnsThanTheU16CountCanSay() {
        var types = java.util.Collections.nCopies(65536, SqlType.INT32);
        var out = new BufferWireOut();
        assertThatThrownBy(() -> new RowBatchWriter(out, types)).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.position()).as("nothing written").isZero();
        new RowBatchWriter(out, types.subList(0, 65535)).finish();
        assertThat(new RowBatchReader(ByteBuffer.wrap(out.toByteArray(), 5, out.position() - 5)).columnCount())
                .isEqualTo(65535);
    }

    @Test
    void moreThan65535ParametersCannotBeEncoded() {
        var params = java.util.Collections.<Value>nCopies(65536, new Value.Int32(1));
        assertThatThrownBy(() -> TestFrames.bytes(dev.switchboard.protocol.message.Execute.prepared("x", params, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroColumnBatchesCarryRowsOfNothing() {
        var batch = new RowBatch(List.of(), List.of(List.of(), List.of(), List.of()));
        assertThat(TestFrames.hex(batch)).isEqualTo("00000007440000" + "00000003");
        assertThat(TestFrames.decodeServer(TestFrames.bytes(batch))).isEqualTo(batch);
    }

    /**
     * BUG: a zero-column ROW_BATCH needs no bytes per row, so 7 bytes can claim 2^31-1 rows. ServerCodec sizes its row
     * list by that count and dies with OutOfMemoryError ("Requested array size exceeds VM limit"); a RowBatchReader
     * loops two billion times. A hostile or broken server can kill the driver with one small frame.
     */
    @Test
    void zeroColumnBatchClaimingBillionsOfRowsIsAProtocolErrorNotOutOfMemory() {
        ByteBuffer frame = ByteBuffer.wrap(TestFrames.unhex("44 0000 7fffffff"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> ServerCodec.decode(frame)).isInstanceOf(ProtocolException.class));
    }
}
