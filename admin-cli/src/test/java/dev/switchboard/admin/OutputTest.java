package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OutputTest {
    private static Map<String, Object> row(Object... kv) {
        var row = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) row.put((String) kv[i], kv[i + 1]);
        return row;
    }

    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        var rows = List.of(row("name", "a", "n", 5L, "list", List.of("x", "y")),
                row("name", "longer", "n", 12345L, "list", List.of()));

        assertThat(new Output(Output.Format.TABLE).render(rows, List.of())).isEqualTo("""
                name        n  list
                a           5  x,y
                longer  12345  -""");
    }

    @Test
    void flattensNestedObjectsAndShowsMissingValuesAndEmptyStrings() {
        var rows = List.of(row("name", "s", "pool", row("max", 10L, "min", 0L), "pw", ""),
                row("name", "t", "pool", row("max", 4L), "pw", null));

        assertThat(Output.keys(rows)).containsExactly("name", "pool.max", "pool.min", "pw");
        assertThat(Output.table(rows, Output.keys(rows))).isEqualTo("""
                name  pool.max  pool.min  pw
                s           10         0  ""
                t            4         -  -""");
    }

    @Test
    void declaredColumnsGiveAHeaderEvenWithoutRows() {
        assertThat(Output.table(List.of(), List.of("id", "user"))).isEqualTo("id  user");
        assertThat(Output.table(List.of(), List.of())).isEmpty();
    }

    @Test
    void cellsStayOnOneLine() {
        assertThat(Output.cell("a\nb\tc")).isEqualTo("a b c");
        assertThat(Output.cell(Map.of("k", 1L))).isEqualTo("{\"k\":1}");
        assertThat(Output.cell(Arrays.asList(1L, null))).isEqualTo("1,null");
    }

    @Test
    void jsonIsTheRowsAsTheyCame() {
        var rows = List.of(row("a", 1L, "b", row("c", null)));

        assertThat(Json.parse(new Output(Output.Format.JSON).render(rows, List.of("a")))).isEqualTo(rows);
    }
}
