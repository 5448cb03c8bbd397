package dev.switchboard.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders what servers answered: rows (ordered maps, as {@link Json} reads them) as an aligned text table for people,
 * or as a JSON array for scripts. Stateless apart from the format; thread-safe.
 *
 * <p>In a table, a nested object's members become columns named by their path ({@code pool.maxPoolSize}), a list
 * becomes its elements joined by commas, {@code null} is {@code -}, and a column whose cells are all numbers is
 * right-aligned. JSON keeps every value as the server sent it.
 */
final class Output {
    /** The values of {@code --output}. */
    enum Format { TABLE, JSON }

    static final String NULL = "-";
    private static final String GAP = "  ";

    private final Format format;

    Output(Format format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    Format format() {
        return format;
    }

    /**
     * @param columns the table's columns, in order (paths into nested objects allowed); empty: every key of every row,
     *                in first-seen order. Ignored for JSON.
     * @return the text without a final line break; empty when there is nothing to show
     */
    String render(List<Map<String, Object>> rows, List<String> columns) {
        return switch (format) {
            case JSON -> Json.pretty(rows);
            case TABLE -> table(rows, columns.isEmpty() ? keys(rows) : columns);
        };
    }

    static String table(List<Map<String, Object>> rows, List<String> columns) {
        if (columns.isEmpty()) return "";
        int n = columns.size();
        var cells = new ArrayList<String[]>(rows.size());
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            width[c] = columns.get(c).length();
            numeric[c] = !rows.isEmpty();
        }
        for (var row : rows) {
            String[] line = new String[n];
            for (int c = 0; c < n; c++) {
                Object value = lookup(row, columns.get(c));
                line[c] = cell(value);
                width[c] = Math.max(width[c], line[c].length());
                if (value != null && !(value instanceof Number)) numeric[c] = false;
            }
            cells.add(line);
        }
        var out = new StringBuilder();
        append(out, columns.toArray(String[]::new), width, numeric);
        for (String[] line : cells) {
            out.append('\n');
            append(out, line, width, numeric);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String[] line, int[] width, boolean[] rightAligned) {
        int start = out.length();
        for (int c = 0; c < line.length; c++) {
            if (c > 0) out.append(GAP);
            int pad = width[c] - line[c].length();
            if (rightAligned[c]) out.repeat(' ', pad).append(line[c]);
            else out.append(line[c]).repeat(' ', pad);
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') end--;               // no trailing blanks
        out.setLength(end);
    }

    /** Every key of every row, nested objects flattened to paths, in first-seen order. */
    static List<String> keys(List<Map<String, Object>> rows) {
        var keys = new LinkedHashSet<String>();
        for (var row : rows) collect(keys, "", row);
        return List.copyOf(keys);
    }

    private static void collect(LinkedHashSet<String> keys, String prefix, Map<?, ?> map) {
        for (var e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) collect(keys, key + ".", nested);
            else keys.add(key);
        }
    }

    /** The value at {@code path}: a key of the row, or dot-separated keys into nested objects. */
    static Object lookup(Map<?, ?> row, String path) {
        if (row.containsKey(path)) return row.get(path);
        int dot = path.indexOf('.');
        while (dot > 0) {
            if (row.get(path.substring(0, dot)) instanceof Map<?, ?> nested) {
                Object v = lookup(nested, path.substring(dot + 1));
                if (v != null) return v;
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }

    static String cell(Object value) {
        String text = switch (value) {
            case null -> NULL;
            case String s -> s.isEmpty() ? "\"\"" : s;
            case List<?> list -> list.isEmpty() ? NULL
                    : list.stream().map(e -> e instanceof String s ? s : Json.write(e))
                            .collect(Collectors.joining(","));
            case Map<?, ?> map -> Json.write(map);
            default -> String.valueOf(value);
        };
        return text.replace('\n', ' ').replace('\t', ' ');               // one cell, one line
    }
}
