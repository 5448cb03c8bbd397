package dev.switchboard.protocol.codec;

import dev.switchboard.protocol.message.Execute;
import dev.switchboard.protocol.message.ResultEnd;
import dev.switchboard.protocol.message.ResultHeader;
import dev.switchboard.protocol.message.RowBatch;
import dev.switchboard.protocol.types.Column;
import dev.switchboard.protocol.types.SqlType;
import dev.switchboard.protocol.types.Value;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of SPEC.md (Appendix A, {@code SELECT 1}): the codec produces these bytes, and SPEC.md shows the
 * same ones. If this fails after a wire change, update the appendix with the new bytes in the same commit.
 */
class SpecExampleTest {
    static final Execute EXECUTE = Execute.plain("SELECT 1", 1000);
    static final ResultHeader HEADER = new ResultHeader(List.of(new Column("?column?", "?column?", "", "",
            SqlType.INT32, Types.INTEGER, "int4", 10, 0, 11, ResultSetMetaData.columnNullable, Column.SIGNED)));
    static final RowBatch ROWS = new RowBatch(List.of(SqlType.INT32), List.of(List.of(new Value.Int32(1))));
    static final ResultEnd END = ResultEnd.ROWS;

    static final String EXECUTE_HEX = "00000020 45 00 000003e8 00000000 00000000 00000008 53454c4543542031 0000 00000000";
    static final String HEADER_HEX = """
            0000003e 54 0001
            00000008 3f636f6c756d6e3f 00000008 3f636f6c756d6e3f 00000000 00000000
            02 00000004 00000004 696e7434 0000000a 00000000 0000000b 01 02
            """;
    static final String ROWS_HEX = "0000000d 44 0001 02 00000001 00 00000001";
    static final String END_HEX = "0000000a 4b ffffffffffffffff 00";

    @Test
    void codecWritesTheExampleBytes() {
        assertThat(TestFrames.hex(EXECUTE)).isEqualTo(TestFrames.compact(EXECUTE_HEX));
        assertThat(TestFrames.hex(HEADER)).isEqualTo(TestFrames.compact(HEADER_HEX));
        assertThat(TestFrames.hex(ROWS)).isEqualTo(TestFrames.compact(ROWS_HEX));
        assertThat(TestFrames.hex(END)).isEqualTo(TestFrames.compact(END_HEX));
    }

    @Test
    void specShowsTheSameBytes() throws IOException {
        Map<String, String> frames = exampleFrames(Files.readString(Path.of("SPEC.md")));
        assertThat(frames.keySet()).containsExactly("C→S EXECUTE", "S→C RESULT_HEADER", "S→C ROW_BATCH",
                "S→C RESULT_END");
        assertThat(TestFrames.compact(frames.get("C→S EXECUTE"))).isEqualTo(TestFrames.hex(EXECUTE));
        assertThat(TestFrames.compact(frames.get("S→C RESULT_HEADER"))).isEqualTo(TestFrames.hex(HEADER));
        assertThat(TestFrames.compact(frames.get("S→C ROW_BATCH"))).isEqualTo(TestFrames.hex(ROWS));
        assertThat(TestFrames.compact(frames.get("S→C RESULT_END"))).isEqualTo(TestFrames.hex(END));
    }

    @Test
    void exampleBytesDecodeToTheExampleMessages() {
        assertThat(TestFrames.decodeClient(TestFrames.unhex(EXECUTE_HEX))).isEqualTo(EXECUTE);
        assertThat(TestFrames.decodeServer(TestFrames.unhex(HEADER_HEX))).isEqualTo(HEADER);
        assertThat(TestFrames.decodeServer(TestFrames.unhex(ROWS_HEX))).isEqualTo(ROWS);
        assertThat(TestFrames.decodeServer(TestFrames.unhex(END_HEX))).isEqualTo(END);
    }

    /**
     * The fenced block after the {@code <!-- example: SELECT 1 -->} marker: a line starting with a direction
     * ({@code C→S} or {@code S→C}) and a frame name opens a frame; the lines after it are its hex, with {@code #} notes.
     */
    static Map<String, String> exampleFrames(String spec) {
        int marker = spec.indexOf("<!-- example: SELECT 1 -->");
        assertThat(marker).as("example marker in SPEC.md").isNotNegative();
        int open = spec.indexOf("```", marker);
        int start = spec.indexOf('\n', open) + 1;
        int end = spec.indexOf("```", start);
        var frames = new LinkedHashMap<String, String>();
        var names = new ArrayList<String>();
        for (String line : spec.substring(start, end).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("C→S") || trimmed.startsWith("S→C")) {
                String name = trimmed.split("\\s+")[0] + " " + trimmed.split("\\s+")[1];
                names.add(name);
                frames.put(name, "");
            } else if (!names.isEmpty()) {
                String name = names.getLast();
                frames.put(name, frames.get(name) + line + "\n");
            }
        }
        return frames;
    }
}
