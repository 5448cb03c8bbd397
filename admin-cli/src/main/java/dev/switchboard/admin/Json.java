package dev.switchboard.admin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON (RFC 8259) reader and writer, enough for the admin API and nothing more, so that sbctl needs no JSON
 * library. Stateless and thread-safe.
 *
 * <p>Reading gives {@code Map<String, Object>} for objects (a {@link LinkedHashMap}: the server's key order is kept,
 * so tables show columns in the order the server sends them), {@code List<Object>} for arrays, {@link String},
 * {@link Boolean}, {@code null}, and for numbers a {@link Long} when the number is an integer that fits, else a
 * {@link BigDecimal} (never a double: nothing is rounded). Duplicate keys keep the last value. Nesting deeper than
 * {@value #MAX_DEPTH} is refused rather than overflowing the stack.
 *
 * <p>Writing accepts the same types, plus any other {@link Number} (a non-finite double is refused) and any
 * {@link Map} (keys written with {@code String.valueOf}) or {@link Iterable}.
 */
final class Json {
    static final int MAX_DEPTH = 256;

    private Json() { }

    /** Thrown for text that is not JSON, or a value that cannot be written as JSON. */
    static final class JsonException extends IllegalArgumentException {
        JsonException(String message) {
            super(message);
        }
    }

    /**
     * Parses one JSON value; only whitespace may follow it.
     *
     * @throws JsonException naming the position of the first problem
     */
    static Object parse(String text) {
        var reader = new Reader(text);
        reader.skipSpace();
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.pos < text.length()) throw reader.error("unexpected text after the value");
        return value;
    }

    /** One line, no spaces: for request bodies. */
    static String write(Object value) {
        var out = new StringBuilder();
        write(out, value, -1, 0);
        return out.toString();
    }

    /** Indented by two spaces, one member or element per line: for people (and still for jq). */
    static String pretty(Object value) {
        var out = new StringBuilder();
        write(out, value, 2, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int indent, int level) {
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(out, s);
            case Boolean b -> out.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> throw new JsonException("not a JSON number: " + d);
            case Float f when f.isNaN() || f.isInfinite() -> throw new JsonException("not a JSON number: " + f);
            case Long _, Integer _, Short _, Byte _, BigInteger _, BigDecimal _, Double _, Float _ -> out.append(value);
            case Number n -> out.append(new BigDecimal(n.toString()));       // others (atomics...) via their text
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (var e : map.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    newline(out, indent, level + 1);
                    quote(out, String.valueOf(e.getKey()));
                    out.append(indent < 0 ? ":" : ": ");
                    write(out, e.getValue(), indent, level + 1);
                }
                if (!map.isEmpty()) newline(out, indent, level);
                out.append('}');
            }
            case Iterable<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object element : list) {
                    if (!first) out.append(',');
                    first = false;
                    newline(out, indent, level + 1);
                    write(out, element, indent, level + 1);
                }
                if (!first) newline(out, indent, level);
                out.append(']');
            }
            default -> throw new JsonException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void newline(StringBuilder out, int indent, int level) {
        if (indent < 0) return;
        out.append('\n').repeat(' ', indent * level);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/9 are legal JSON but break JavaScript readers.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** A cursor over the text; one per {@link #parse} call. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
            if (pos >= text.length()) throw error("unexpected end of text");
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) yield number();
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Map<String, Object> object(int depth) {
            pos++;                                                              // '{'
            var map = new LinkedHashMap<String, Object>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') throw error("expected a string key");
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                map.put(key, value(depth + 1));
                skipSpace();
                char c = next("',' or '}'");
                if (c == '}') return map;
                if (c != ',') throw error("expected ',' or '}'", pos - 1);
            }
        }

        private List<Object> array(int depth) {
            pos++;                                                              // '['
            var list = new ArrayList<Object>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return Collections.unmodifiableList(list);
            }
            while (true) {
                skipSpace();
                list.add(value(depth + 1));
                skipSpace();
                char c = next("',' or ']'");
                if (c == ']') return Collections.unmodifiableList(list);
                if (c != ',') throw error("expected ',' or ']'", pos - 1);
            }
        }

        private String string() {
            pos++;                                                              // '"'
            var out = new StringBuilder();
            while (true) {
                char c = next("'\"'");
                if (c == '"') return out.toString();
                if (c < 0x20) throw error("control character in a string", pos - 1);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next("an escape");
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(hex4());
                    default -> throw error("bad escape '\\" + e + "'", pos - 1);
                }
            }
        }

        private char hex4() {
            if (pos + 4 > text.length()) throw error("unexpected end of text in \\u escape");
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(text.charAt(pos + i), 16);
                if (d < 0) throw error("bad \\u escape", pos + i);
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;                 // surrogate pairs arrive as two escapes and are kept as two chars
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') pos++;
            if (peek() == '0') pos++;
            else digits("a digit");
            boolean integer = true;
            if (peek() == '.') {
                pos++;
                digits("a digit after '.'");
                integer = false;
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') pos++;
                digits("a digit in the exponent");
                integer = false;
            }
            String n = text.substring(start, pos);
            if (integer) {
                try {
                    return Long.parseLong(n);
                } catch (NumberFormatException tooBig) {
                    return new BigDecimal(n);
                }
            }
            return new BigDecimal(n);
        }

        private void digits(String what) {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
            if (pos == start) throw error("expected " + what);
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) throw error("unexpected character '" + text.charAt(pos) + "'");
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) throw error("expected '" + c + "'");
            pos++;
        }

        private char next(String expected) {
            if (pos >= text.length()) throw error("unexpected end of text, expected " + expected);
            return text.charAt(pos++);
        }

        /** The next character, or NUL at the end (NUL is never valid there, so it fails where it must). */
        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                pos++;
            }
        }

        JsonException error(String message) {
            return error(message, pos);
        }

        JsonException error(String message, int at) {
            return new JsonException("malformed JSON at offset " + at + ": " + message);
        }
    }
}
