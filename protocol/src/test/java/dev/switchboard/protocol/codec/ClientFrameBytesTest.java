package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.Cancel;
import dev.switchboard.protocol.message.ClientMessage;
import dev.switchboard.protocol.message.CloseCursor;
import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.ExecuteBatch;
import dev.switchboard.protocol.message.Fetch;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.MetadataCall;
import dev.switchboard.protocol.message.Ping;
import dev.switchboard.protocol.message.SetOption;
import dev.switchboard.protocol.message.Terminate;
import dev.switchboard.protocol.message.Transact;
import dev.switchboard.protocol.types.Value;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact bytes of one frame of each client message (SPEC.md §6.1), so that an accidental format change fails here
 * before it breaks a driver in the field. Each expectation is written field by field; {@code #} starts a note.
 */
class ClientFrameBytesTest {

    private static void assertFrame(ClientMessage msg, String expected) {
        assertThat(TestFrames.hex(msg)).isEqualTo(TestFrames.compact(expected));
        assertThat(TestFrames.decodeClient(TestFrames.unhex(expected))).isEqualTo(msg);
    }

    @Test
    void hello() {
        assertFrame(new Hello(new ProtocolVersion(1, 0), "jdbc", "alice", "sales", "app", "n,,n=,r=abc"), """
                00000035 48                   # length 53, 'H'
                0001 0000                     # version 1.0
                00000004 6a646263             # clientName "jdbc"
                00000005 616c696365           # user "alice"
                00000005 73616c6573           # database "sales"
                00000003 617070               # applicationName "app"
                0000000b 6e2c2c6e3d2c723d616263   # client-first "n,,n=,r=abc"
                """);
    }

    @Test
    void auth() {
        assertFrame(new Auth("c=biws,r=abc,p=xyz"), """
                00000017 70                   # 'p'
                00000012 633d626977732c723d6162632c703d78797a
                """);
    }

    @Test
    void preparedExecuteWithTaggedParameters() {
        var execute = new Execute("SELECT ?", List.of(new Value.Int32(7), new Value.Null(Types.VARCHAR)), true,
                1000, 0, 30, false, List.of());
        assertFrame(execute, """
                0000002a 45                   # 'E'
                01                            # flags: prepared
                000003e8                      # fetchSize 1000
                00000000                      # maxRows: no limit
                0000001e                      # timeoutSeconds 30
                00000008 53454c454354203f     # sql "SELECT ?"
                0002                          # 2 parameters
                02 00000007                   # INT32 7
                00 0000000c                   # NULL, jdbcType VARCHAR (12)
                00000000                      # no key columns
                """);
    }

    @Test
    void plainExecuteAskingForGeneratedKeys() {
        var execute = new Execute("INSERT INTO t DEFAULT VALUES", List.of(), false, 10, 5, 0, true, List.of("id"));
        assertFrame(execute, """
                0000003a 45
                02                            # flags: generated keys
                0000000a 00000005 00000000    # fetchSize 10, maxRows 5, no timeout
                0000001c 494e5345525420494e544f20742044454641554c542056414c554553
                0000                          # no parameters
                00000001 00000002 6964        # key columns ["id"]
                """);
    }

    @Test
    void preparedExecuteAskingForGeneratedKeysSetsBothFlags() {
        var execute = new Execute("x", List.of(), true, 1, 0, 0, true, List.of());
        assertFrame(execute, "00000019 45 03 00000001 00000000 00000000 00000001 78 0000 00000000");
    }

    @Test
    void preparedBatch() {
        var batch = new ExecuteBatch(List.of("INSERT INTO t VALUES (?)"),
                List.of(List.of(new Value.Int32(1)), List.of(new Value.Null(Types.INTEGER))), 0);
        assertFrame(batch, """
                00000037 42                   # 'B'
                00000000                      # no timeout
                00000001 00000018 494e5345525420494e544f20742056414c55455320283f29
                00000002                      # 2 parameter sets
                0001 02 00000001              # [INT32 1]
                0001 00 00000004              # [NULL INTEGER]
                """);
    }

    @Test
    void plainBatch() {
        assertFrame(new ExecuteBatch(List.of("x", "y"), List.of(), 5), """
                00000017 42 00000005
                00000002 00000001 78 00000001 79
                00000000                      # no parameter sets: plain statements
                """);
    }

    @Test
    void fetch() {
        assertFrame(new Fetch(7, 1000), "00000009 46 00000007 000003e8");
    }

    @Test
    void closeCursor() {
        assertFrame(new CloseCursor(7), "00000005 43 00000007");
    }

    @Test
    void transact() {
        assertFrame(Transact.of(Transact.Op.COMMIT), "00000006 78 00 00000000");
        assertFrame(Transact.of(Transact.Op.ROLLBACK), "00000006 78 01 00000000");
        assertFrame(new Transact(Transact.Op.SAVEPOINT, "sp1"), "00000009 78 02 00000003 737031");
        assertFrame(new Transact(Transact.Op.ROLLBACK_TO, "sp1"), "00000009 78 03 00000003 737031");
        assertFrame(new Transact(Transact.Op.RELEASE, "sp1"), "00000009 78 04 00000003 737031");
    }

    @Test
    void setOption() {
        assertFrame(new SetOption(SetOption.Option.AUTOCOMMIT, "false"), "0000000b 53 00 00000005 66616c7365");
        assertFrame(new SetOption(SetOption.Option.READ_ONLY, "true"), "0000000a 53 01 00000004 74727565");
        assertFrame(new SetOption(SetOption.Option.ISOLATION, "8"), "00000007 53 02 00000001 38");
        assertFrame(new SetOption(SetOption.Option.DATABASE, "sales"), "0000000b 53 03 00000005 73616c6573");
        assertFrame(new SetOption(SetOption.Option.SCHEMA, "s"), "00000007 53 04 00000001 73");
    }

    @Test
    void metadataCall() {
        var call = new MetadataCall("getTables", List.of(new Value.Null(Types.VARCHAR), new Value.Text("public"),
                new Value.Text("%"), new Value.Int32(1), new Value.Text("TABLE")), 100);
        assertFrame(call, """
                00000039 4d                   # 'M'
                00000009 6765745461626c6573   # method "getTables"
                00000064                      # fetchSize 100
                0005                          # 5 arguments
                00 0000000c                   # catalog: NULL
                07 00000006 7075626c6963      # schemaPattern "public"
                07 00000001 25                # tableNamePattern "%"
                02 00000001                   # String[] types: count 1 ...
                07 00000005 5441424c45        # ... "TABLE"
                """);
    }

    @Test
    void cancel() {
        assertFrame(new Cancel(42, 0x0123456789abcdefL), "00000011 63 000000000000002a 0123456789abcdef");
    }

    @Test
    void pingAndTerminateHaveNoPayload() {
        assertFrame(Ping.INSTANCE, "00000001 50");
        assertFrame(Terminate.INSTANCE, "00000001 58");
    }
}
