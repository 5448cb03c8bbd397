package dev.switchboard.protocol.message;

import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the records promise beyond their bytes: final vs non-final frames, validation, and no secrets in logs. */
class MessageModelTest {

    /** SPEC.md §4: every request ends with exactly one of these. */
    @Test
    void finalFramesAreTheOnesThatEndARequest() {
        assertThat(new AuthChallenge("r=x").isFinal()).isTrue();
        assertThat(new Ready(ProtocolVersion.CURRENT, 1, 2, "d", "p", "v", "s", "v=x").isFinal()).isTrue();
        assertThat(new Switched("d", "p", "v").isFinal()).isTrue();
        assertThat(ResultEnd.ROWS.isFinal()).isTrue();
        assertThat(new Suspended(1).isFinal()).isTrue();
        assertThat(new BatchResult(List.of()).isFinal()).isTrue();
        assertThat(Ok.INSTANCE.isFinal()).isTrue();
        assertThat(new ServerError("XX000", 0, "bug").isFinal()).isTrue();

        assertThat(new ResultHeader(List.of()).isFinal()).isFalse();
        assertThat(new RowBatch(List.of(), List.of()).isFinal()).isFalse();
        assertThat(new Warning("01000", 0, "w").isFinal()).isFalse();
        assertThat(new GoAway("drain").isFinal()).isFalse();
    }

    @Test
    void secretsStayOutOfToString() {
        assertThat(new Auth("c=biws,r=abc,p=PROOF").toString()).doesNotContain("PROOF");
        assertThat(new Cancel(7, 0x5ec2e7L).toString()).contains("7").doesNotContain(Long.toString(0x5ec2e7L));
        assertThat(new Ready(ProtocolVersion.CURRENT, 7, 0x5ec2e7L, "db", "H2", "2", "0.1", "v=SIGNATURE").toString())
                .doesNotContain(Long.toString(0x5ec2e7L)).doesNotContain("SIGNATURE");
    }

    @Test
    void plainExecuteTakesNoParameters() {
        assertThatThrownBy(() -> new Execute("select 1", List.of(new Value.Int32(1)), false, 1, 0, 0, false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsAndSizesAreChecked() {
        assertThatThrownBy(() -> Execute.plain("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fetch(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetadataCall("getTables", List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecuteBatch(List.of(), List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecuteBatch(List.of("a", "b"), List.of(List.of()), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerError("4200", 0, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void savepointNamesGoWithSavepointOperationsOnly() {
        assertThatThrownBy(() -> new Transact(Transact.Op.SAVEPOINT, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Transact(Transact.Op.COMMIT, "sp")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsMustMatchTheirColumns() {
        assertThatThrownBy(() -> new RowBatch(List.of(SqlType.INT32), List.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowBatch(List.of(SqlType.INT32), List.of(List.of(new Value.Text("1")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowBatch(List.of(SqlType.NULL), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RowBatch(List.of(SqlType.INT32), List.of(List.of(new Value.Null(4)))).rows()).hasSize(1);
    }

    @Test
    void bytesCompareByContentAndAreCopied() {
        byte[] raw = {1, 2, 3};
        var b = new Value.Bytes(raw);
        raw[0] = 9;
        assertThat(b).isEqualTo(new Value.Bytes(new byte[] {1, 2, 3})).hasSameHashCodeAs(new Value.Bytes(new byte[] {1, 2, 3}));
        b.value()[1] = 9;
        assertThat(b.value()).containsExactly(1, 2, 3);
    }
}
