package dev.switchboard.bench.jmh;

import dev.switchboard.protocol.codec.BufferWireOut;
import dev.switchboard.protocol.codec.RowBatchReader;
import dev.switchboard.protocol.codec.RowBatchWriter;
import dev.switchboard.protocol.codec.ServerCodec;
import dev.switchboard.protocol.codec.ValueCodec;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Encoding and decoding one ROW_BATCH frame of {@code rows} rows, both ways the code base does it: the hot paths
 * ({@link RowBatchWriter} straight from values, as the server writes from a ResultSet; {@link RowBatchReader} with
 * typed getters, as the driver's ResultSet reads) and the message model ({@link ServerCodec} with {@link Value}
 * records). Shapes: {@code bigint_text} is bigresult's row (a bigint and 92 characters, ~100 bytes); {@code mixed}
 * is eight columns of common types with 10% NULLs. Score: microseconds per batch (divide by rows for per row).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RowBatchCodecBench {
    @Param({"1000"})
    public int rows;

    @Param({"bigint_text", "mixed"})
    public String shape;

    private List<SqlType> types;
    private List<List<Value>> values;
    private RowBatch message;
    private BufferWireOut out;
    private byte[] frame;

    @Setup
    public void setup() {
        var random = new SplittableRandom(42);
        types = shape.equals("mixed")
                ? List.of(SqlType.INT32, SqlType.INT64, SqlType.FLOAT64, SqlType.TEXT, SqlType.BOOLEAN, SqlType.DECIMAL,
                SqlType.TIMESTAMP, SqlType.TEXT)
                : List.of(SqlType.INT64, SqlType.TEXT);
        values = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) values.add(row(r, random));
        message = new RowBatch(types, values);
        out = new BufferWireOut(256 * 1024);
        ServerCodec.encode(message, out);
        frame = out.toByteArray();
    }

    private List<Value> row(int r, SplittableRandom random) {
        if (!shape.equals("mixed")) {
            return List.of(new Value.Int64(r), new Value.Text("x".repeat(60) + Long.toHexString(random.nextLong())
                    + "y".repeat(16)));
        }
        return List.of(new Value.Int32(r), new Value.Int64(random.nextLong()), new Value.Float64(random.nextDouble()),
                new Value.Text("customer " + r), new Value.Bool(random.nextBoolean()),
                new Value.Decimal(BigDecimal.valueOf(random.nextInt(1_000_000), 2)),
                new Value.Timestamp(LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(r)),
                random.nextInt(10) == 0 ? new Value.Null(java.sql.Types.VARCHAR) : new Value.Text("note " + r));
    }

    /** The server's path: values written straight into the frame, no message object. */
    @Benchmark
    public int encodeWithRowBatchWriter() {
        out.reset();
        var w = new RowBatchWriter(out, types);
        for (List<Value> row : values) {
            w.beginRow();
            for (int i = 0; i < row.size(); i++) {
                Value v = row.get(i);
                if (v instanceof Value.Null) w.setNull(i);
                else ValueCodec.writePayload(w.out(), v);
            }
            w.endRow();
        }
        w.finish();
        return out.position();
    }

    /** The message model's path: a RowBatch record encoded by ServerCodec. */
    @Benchmark
    public int encodeWithServerCodec() {
        out.reset();
        ServerCodec.encode(message, out);
        return out.position();
    }

    /** The driver's path: rows read in place with typed getters. */
    @Benchmark
    public void decodeWithRowBatchReader(Blackhole bh) {
        var reader = new RowBatchReader(ByteBuffer.wrap(frame).position(5));   // after the length and the type
        int n = reader.columnCount();
        while (reader.next()) {
            for (int i = 0; i < n; i++) {
                if (reader.isNull(i)) {
                    bh.consume(null);
                    continue;
                }
                switch (reader.type(i)) {
                    case INT32 -> bh.consume(reader.getInt(i));
                    case INT64 -> bh.consume(reader.getLong(i));
                    case FLOAT64 -> bh.consume(reader.getDouble(i));
                    case BOOLEAN -> bh.consume(reader.getBoolean(i));
                    case DECIMAL -> bh.consume(reader.getDecimal(i));
                    case TIMESTAMP -> bh.consume(reader.getTimestamp(i));
                    default -> bh.consume(reader.getText(i));
                }
            }
        }
    }

    /** The message model's path: the frame decoded into a RowBatch of Value records. */
    @Benchmark
    public ServerMessage decodeWithServerCodec() {
        return ServerCodec.decode(ByteBuffer.wrap(frame).position(4));      // after the length
    }
}
