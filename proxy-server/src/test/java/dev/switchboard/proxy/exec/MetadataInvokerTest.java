package dev.switchboard.proxy.exec;

import dev.switchboard.protocol.types.Value;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MetadataInvokerTest {
    private static final Value NULL = new Value.Null(Types.NULL);

    @Test
    void bindsFlatArgumentsIncludingArrays() {
        var args = List.<Value>of(NULL, new Value.Text("PUBLIC"), new Value.Text("%"), new Value.Int32(2),
                new Value.Text("TABLE"), new Value.Text("VIEW"));
        var bound = MetadataInvoker.bind(new Class<?>[] {String.class, String.class, String.class, String[].class}, args)
                .orElseThrow();
        assertThat(bound[0]).isNull();
        assertThat((String[]) bound[3]).containsExactly("TABLE", "VIEW");
    }

    @Test
    void refusesArgumentsThatDoNotFit() {
        assertThat(MetadataInvoker.bind(new Class<?>[] {String.class}, List.of(new Value.Int32(1)))).isEmpty();
        assertThat(MetadataInvoker.bind(new Class<?>[] {String.class}, List.of(NULL, NULL))).isEmpty();
        assertThat(MetadataInvoker.bind(new Class<?>[] {String[].class}, List.of(new Value.Int32(3)))).isEmpty();
    }

    @Test
    void callsResultSetAndScalarMethodsOnARealDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:metadata_invoker;DB_CLOSE_DELAY=-1", "sa", "")) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS things (id INT PRIMARY KEY)");
            var md = c.getMetaData();
            Object tables = MetadataInvoker.invoke(md, "getTables", List.of(NULL, NULL, new Value.Text("THINGS"),
                    new Value.Int32(1), new Value.Text("TABLE")));
            try (ResultSet rs = (ResultSet) tables) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo("THINGS");
            }
            assertThat(MetadataInvoker.invoke(md, "supportsTransactions", List.of())).isEqualTo(true);
            assertThat(MetadataInvoker.invoke(md, "getIdentifierQuoteString", List.of())).isEqualTo("\"");
        }
    }

    @Test
    void methodsOutsideTheAllowListAreRefused() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:metadata_invoker2", "sa", "")) {
            var e = catchThrowableOfType(SQLException.class,
                    () -> MetadataInvoker.invoke(c.getMetaData(), "getConnection", List.of()));
            assertThat(e.getSQLState()).isEqualTo("0A000");
        }
    }
}
