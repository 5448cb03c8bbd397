package dev.switchboard.proxy.exec;

import org.junit.jupiter.api.Test;

import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KnownColumnsTest {
    private static final KnownColumns.Details ID = new KnownColumns.Details("id", Types.INTEGER, "int4", "serial", "t",
            ResultSetMetaData.columnNoNulls, true);

    @Test
    void keepsDetailsPerDatabaseAndQuery() {
        var known = new KnownColumns();
        known.put("a", "SELECT id FROM t", List.of(ID));
        assertThat(known.get("a", "SELECT id FROM t")).containsExactly(ID);
        assertThat(known.get("b", "SELECT id FROM t")).isNull();
        assertThat(known.get("a", "SELECT id FROM u")).isNull();
    }

    @Test
    void detailsDescribeOnlyTheColumnTheyWereReadFor() {
        assertThat(ID.describes("id", Types.INTEGER, "int4")).isTrue();
        assertThat(ID.describes("id", Types.BIGINT, "int8")).as("type changed").isFalse();
        assertThat(ID.describes("key", Types.INTEGER, "int4")).as("label changed").isFalse();
    }
}
