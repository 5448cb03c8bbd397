package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.FrameType;
import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.AuthChallenge;
import dev.switchboard.protocol.message.BatchResult;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.CloseCursor;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.ExecuteBatch;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.GoAway;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.message.Ok;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Suspended;
import dev.switchboard.protocol.message.Switched;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.protocol.message.Transact;
import dev.switchboard.protocol.message.Warning;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * jqwik generators for every message and value of protocol v1 (STYLE idiom 13). Strings are well-formed Unicode
 * (a Java string with an unpaired surrogate cannot survive UTF-8, by Java's design, not the protocol's).
 */
final class MessageArbitraries {
    static final List<SqlType> COLUMN_TYPES = Arrays.stream(SqlType.values()).filter(t -> t != SqlType.NULL).toList();

    private MessageArbitraries() {
    }

    // ---- primitives

    /** ASCII identifiers, any-plane Unicode (accents, CJK, emoji), and the empty string. */
    static Arbitrary<String> strings() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(16);
        Arbitrary<String> unicode = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(12)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
        return Arbitraries.frequencyOf(Tuple.of(4, ascii), Tuple.of(3, unicode), Tuple.of(1, Arbitraries.just("")));
    }

    static Arbitrary<Integer> anyInt() {
        return Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static Arbitrary<Long> anyLong() {
        return Arbitraries.longs().between(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Arbitrary<Integer> positive() {
        return Arbitraries.integers().between(1, Integer.MAX_VALUE);
    }

    static Arbitrary<Integer> nonNegative() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    static Arbitrary<ProtocolVersion> versions() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 0xffff))
                .as(ProtocolVersion::new);
    }

    // ---- values

    static Arbitrary<BigDecimal> decimals() {
        BigInteger big = BigInteger.TEN.pow(40);
        Arbitrary<Integer> scales = Arbitraries.oneOf(Arbitraries.integers().between(-40, 40),
                Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
        return Combinators.combine(Arbitraries.bigIntegers().between(big.negate(), big), scales).as(BigDecimal::new);
    }

    static Arbitrary<Float> floats() {
        return Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE));
    }

    static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE));
    }

    static Arbitrary<LocalDate> dates() {
        return Arbitraries.oneOf(Arbitraries.of(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH),
                Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                        .map(LocalDate::ofEpochDay));
    }

    static Arbitrary<LocalTime> times() {
        return Arbitraries.oneOf(Arbitraries.of(LocalTime.MIN, LocalTime.MAX, LocalTime.NOON),
                Arbitraries.longs().between(0, LocalTime.MAX.toNanoOfDay()).map(LocalTime::ofNanoOfDay));
    }

    static Arbitrary<LocalDateTime> dateTimes() {
        return Arbitraries.oneOf(Arbitraries.of(LocalDateTime.MIN, LocalDateTime.MAX),
                Combinators.combine(dates(), times()).as(LocalDateTime::of));
    }

    static Arbitrary<OffsetDateTime> offsetDateTimes() {
        Arbitrary<ZoneOffset> offsets = Arbitraries.oneOf(Arbitraries.of(ZoneOffset.MIN, ZoneOffset.MAX, ZoneOffset.UTC),
                Arbitraries.integers().between(-18 * 3600, 18 * 3600).map(ZoneOffset::ofTotalSeconds));
        return Combinators.combine(dateTimes(), offsets).as(OffsetDateTime::of);
    }

    /** A non-null value of wire type {@code type}. */
    static Arbitrary<Value> value(SqlType type) {
        return switch (type) {
            case NULL -> anyInt().map(Value.Null::new);
            case BOOLEAN -> Arbitraries.of(true, false).map(Value.Bool::new);
            case INT32 -> anyInt().map(Value.Int32::new);
            case INT64 -> anyLong().map(Value.Int64::new);
            case FLOAT32 -> floats().map(Value.Float32::new);
            case FLOAT64 -> doubles().map(Value.Float64::new);
            case DECIMAL -> decimals().map(Value.Decimal::new);
            case TEXT -> strings().map(Value.Text::new);
            case BYTES -> Arbitraries.bytes().array(byte[].class).ofMaxSize(24).map(Value.Bytes::new);
            case DATE -> dates().map(Value.Date::new);
            case TIME -> times().map(Value.Time::new);
            case TIMESTAMP -> dateTimes().map(Value.Timestamp::new);
            case TIMESTAMP_TZ -> offsetDateTimes().map(Value.TimestampTz::new);
        };
    }

    /** Any value as a parameter carries it: NULL keeps its jdbcType hint. */
    static Arbitrary<Value> taggedValues() {
        return Arbitraries.of(SqlType.class).flatMap(MessageArbitraries::value);
    }

    static Arbitrary<List<Value>> params() {
        return taggedValues().list().ofMaxSize(6);
    }

    // ---- client messages

    static Arbitrary<ClientMessage> clientMessages() {
        return Arbitraries.oneOf(hellos(), strings().map(Auth::new), executes(), batches(),
                Combinators.combine(anyInt(), positive()).as(Fetch::new),
                anyInt().map(CloseCursor::new),
                transacts(),
                Combinators.combine(Arbitraries.of(SetOption.Option.class), strings()).as(SetOption::new),
                Combinators.combine(strings(), params(), positive()).as(MetadataCall::new),
                Combinators.combine(anyLong(), anyLong()).as(Cancel::new),
                Arbitraries.just(Ping.INSTANCE),
                Arbitraries.just(Terminate.INSTANCE));
    }

    static Arbitrary<Hello> hellos() {
        return Combinators.combine(versions(), strings(), strings(), strings(), strings(), strings()).as(Hello::new);
    }

    static Arbitrary<Execute> executes() {
        return Combinators.combine(strings(), params(), Arbitraries.of(true, false), positive(), nonNegative(),
                        nonNegative(), Arbitraries.of(true, false), strings().list().ofMaxSize(3))
                .as((sql, params, prepared, fetch, max, timeout, keys, keyColumns) ->
                        new Execute(sql, prepared ? params : List.of(), prepared, fetch, max, timeout, keys, keyColumns));
    }

    static Arbitrary<ExecuteBatch> batches() {
        Arbitrary<ExecuteBatch> prepared = Combinators.combine(strings(), params().list().ofMinSize(1).ofMaxSize(4),
                nonNegative()).as((sql, sets, timeout) -> new ExecuteBatch(List.of(sql), sets, timeout));
        Arbitrary<ExecuteBatch> plain = Combinators.combine(strings().list().ofMinSize(1).ofMaxSize(4), nonNegative())
                .as((sqls, timeout) -> new ExecuteBatch(sqls, List.of(), timeout));
        return Arbitraries.oneOf(prepared, plain);
    }

    static Arbitrary<Transact> transacts() {
        Arbitrary<String> names = strings().filter(s -> !s.isEmpty());
        return Arbitraries.of(Transact.Op.class).flatMap(op -> switch (op) {
            case COMMIT, ROLLBACK -> Arbitraries.just(Transact.of(op));
            case SAVEPOINT, ROLLBACK_TO, RELEASE -> names.map(name -> new Transact(op, name));
        });
    }

    // ---- server messages

    static Arbitrary<ServerMessage> serverMessages() {
        return Arbitraries.oneOf(strings().map(AuthChallenge::new),
                Combinators.combine(versions(), anyLong(), anyLong(), strings(), strings(), strings(), strings(),
                        strings()).as(Ready::new),
                Combinators.combine(strings(), strings(), strings()).as(Switched::new),
                columns().list().ofMaxSize(4).map(ResultHeader::new),
                rowBatches(),
                Combinators.combine(anyLong(), Arbitraries.of(true, false)).as(ResultEnd::new),
                anyInt().map(Suspended::new),
                anyLong().list().ofMaxSize(6).map(BatchResult::new),
                Arbitraries.just(Ok.INSTANCE),
                Combinators.combine(strings(), anyInt(), strings()).as(Warning::new),
                Combinators.combine(sqlStates(), anyInt(), strings()).as(ServerError::new),
                strings().map(GoAway::new));
    }

    static Arbitrary<String> sqlStates() {
        return Arbitraries.strings().withCharRange('0', '9').withCharRange('A', 'Z').ofLength(5);
    }

    static Arbitrary<Column> columns() {
        var names = Combinators.combine(strings(), strings(), strings(), strings()).as(Tuple::of);
        var type = Combinators.combine(Arbitraries.of(COLUMN_TYPES), anyInt(), strings()).as(Tuple::of);
        var sizes = Combinators.combine(anyInt(), anyInt(), anyInt(), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 0xff)).as(Tuple::of);
        return Combinators.combine(names, type, sizes).as((n, t, s) -> new Column(n.get1(), n.get2(), n.get3(),
                n.get4(), t.get1(), t.get2(), t.get3(), s.get1(), s.get2(), s.get3(), s.get4(), s.get5()));
    }

    /**
     * Up to 20 columns of random types (so bitmaps of 1 to 3 bytes) and a few rows with NULLs anywhere. A decoded
     * NULL in a row is {@code Value.Null(0)}: rows carry no type hint, so these use 0.
     */
    static Arbitrary<RowBatch> rowBatches() {
        return Arbitraries.of(COLUMN_TYPES).list().ofMaxSize(20).withSizeDistribution(RandomDistribution.uniform())
                .flatMap(types -> {
                    List<Arbitrary<Value>> cells = types.stream().map(t -> Arbitraries.frequencyOf(
                            Tuple.of(1, Arbitraries.just((Value) new Value.Null(0))), Tuple.of(3, value(t)))).toList();
                    return Combinators.combine(cells).as(row -> row).list().ofMaxSize(5)
                            .map(rows -> new RowBatch(types, rows));
                });
    }

    /** Type bytes of client frames, to aim garbage at the decoders' insides rather than at FrameType.of. */
    static Arbitrary<Byte> clientTypeCodes() {
        return Arbitraries.of(FrameType.HELLO, FrameType.AUTH, FrameType.EXECUTE, FrameType.EXECUTE_BATCH,
                FrameType.FETCH, FrameType.CLOSE_CURSOR, FrameType.TRANSACT, FrameType.SET_OPTION, FrameType.METADATA,
                FrameType.CANCEL, FrameType.PING, FrameType.TERMINATE).map(FrameType::code);
    }

    static Arbitrary<Byte> serverTypeCodes() {
        return Arbitraries.of(FrameType.AUTH_CHALLENGE, FrameType.READY, FrameType.SWITCHED, FrameType.RESULT_HEADER,
                FrameType.ROW_BATCH, FrameType.RESULT_END, FrameType.SUSPENDED, FrameType.BATCH_RESULT, FrameType.OK,
                FrameType.WARNING, FrameType.ERROR, FrameType.GOAWAY).map(FrameType::code);
    }
}
