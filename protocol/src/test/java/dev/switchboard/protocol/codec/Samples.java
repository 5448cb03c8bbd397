package dev.switchboard.protocol.codec;

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

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

/** One ordinary message of every type, in frame-type order, for tests that need "each message once". */
final class Samples {
    private Samples() {
    }

    static List<ClientMessage> client() {
        return List.of(
                new Hello(ProtocolVersion.CURRENT, "switchboard-jdbc 0.1.0", "alice", "", "billing", "n,,n=,r=abc"),
                new Auth("c=biws,r=abcdef,p=cHJvb2Y="),
                Execute.prepared("select * from t where id = ? and d > ?",
                        List.of(new Value.Int64(42), new Value.Date(LocalDate.of(2024, 1, 31))), 1000),
                new ExecuteBatch(List.of("insert into t values (?, ?)"),
                        List.of(List.of(new Value.Int32(1), new Value.Text("a")),
                                List.of(new Value.Int32(2), new Value.Null(Types.VARCHAR))), 10),
                new Fetch(1, 1000),
                new CloseCursor(1),
                new Transact(Transact.Op.ROLLBACK_TO, "before_update"),
                new SetOption(SetOption.Option.DATABASE, "support"),
                new MetadataCall("getColumns", List.of(new Value.Null(Types.VARCHAR), new Value.Text("public"),
                        new Value.Text("t"), new Value.Text("%")), 500),
                new Cancel(7, -3),
                Ping.INSTANCE,
                Terminate.INSTANCE);
    }

    static List<ServerMessage> server() {
        return List.of(
                new AuthChallenge("r=abcdef,s=c2FsdA==,i=4096"),
                new Ready(ProtocolVersion.CURRENT, 7, -3, "sales", "PostgreSQL", "17.2", "0.1.0", "v=c2lnbmF0dXJl"),
                new Switched("support", "MariaDB", "11.4.2"),
                new ResultHeader(List.of(Column.of("id", SqlType.INT64, Types.BIGINT, "int8"),
                        Column.of("price", SqlType.DECIMAL, Types.NUMERIC, "numeric"))),
                new RowBatch(List.of(SqlType.INT64, SqlType.DECIMAL), List.of(
                        List.of(new Value.Int64(1), new Value.Decimal(new BigDecimal("9.99"))),
                        List.of(new Value.Int64(2), new Value.Null(0)))),
                ResultEnd.ROWS,
                new Suspended(1),
                new BatchResult(List.of(1L, 1L)),
                Ok.INSTANCE,
                new Warning("01004", 0, "string data, right truncation"),
                new ServerError("42P01", 0, "relation \"nope\" does not exist"),
                new GoAway("shutting down"));
    }
}
