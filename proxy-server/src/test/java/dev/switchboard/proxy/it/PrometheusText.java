package dev.switchboard.proxy.it;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests that assert on parsed samples rather than
 * substrings. It refuses what Prometheus' own parser refuses, and a little more: malformed names, labels, escapes or
 * values; a TYPE or HELP given twice or a TYPE after its samples; a family whose samples are not contiguous; a sample
 * whose name does not belong to its family's type ({@code _total} for counters; {@code _bucket}/{@code _sum}/
 * {@code _count} for histograms, where every bucket needs {@code le}); duplicate label names; duplicate series.
 */
final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    record Sample(String name, Map<String, String> labels, double value) {
        Sample {
            labels = Map.copyOf(labels);
        }

        String label(String name) {
            return labels.get(name);
        }
    }

    record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** A malformed exposition; the message names the line. */
    static final class ParseException extends RuntimeException {
        ParseException(int line, String problem) {
            super("line " + line + ": " + problem);
        }
    }

    private PrometheusText() {
    }

    /** The families in the order they appear. */
    static Map<String, Family> parse(String text) {
        var families = new LinkedHashMap<String, Builder>();
        var seriesSeen = new HashSet<String>();
        Builder current = null;
        Set<String> closed = new HashSet<>();
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) throw new ParseException(lines.length, "no final newline");
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i];
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String name = parts[2];
                    if (!METRIC_NAME.matcher(name).matches()) throw new ParseException(n, "bad metric name " + name);
                    Builder f = families.get(name);
                    if (f != null && f != current) throw new ParseException(n, name + " is not contiguous");
                    if (f == null) {
                        if (closed.contains(name)) throw new ParseException(n, name + " is not contiguous");
                        f = new Builder(name);
                        families.put(name, f);
                    }
                    if (current != null && current != f) closed.add(current.name);
                    current = f;
                    String rest = parts.length == 4 ? parts[3] : "";
                    if (parts[1].equals("HELP")) {
                        if (f.help != null) throw new ParseException(n, "second HELP for " + name);
                        f.help = unescapeHelp(n, rest);
                    } else {
                        if (f.type != null) throw new ParseException(n, "second TYPE for " + name);
                        if (!f.samples.isEmpty()) throw new ParseException(n, "TYPE after samples of " + name);
                        if (!TYPES.contains(rest)) throw new ParseException(n, "unknown type " + rest);
                        f.type = rest;
                    }
                }
                continue;                                   // other comments are allowed and ignored
            }
            Sample s = sample(n, line);
            Builder f = current != null && belongs(current, s.name()) ? current : null;
            if (f == null) {
                // An untyped family of its own (no TYPE line): it starts here.
                if (families.containsKey(s.name()) || closed.contains(s.name())) {
                    throw new ParseException(n, s.name() + " is not contiguous");
                }
                if (current != null) closed.add(current.name);
                f = new Builder(s.name());
                families.put(s.name(), f);
                current = f;
            }
            if (f.type != null && f.type.equals("histogram") && s.name().endsWith("_bucket") && s.label("le") == null) {
                throw new ParseException(n, "histogram bucket without le");
            }
            String series = s.name() + new java.util.TreeMap<>(s.labels());
            if (!seriesSeen.add(series)) throw new ParseException(n, "duplicate series " + series);
            f.samples.add(s);
        }
        var out = new LinkedHashMap<String, Family>();
        families.forEach((name, b) -> out.put(name, new Family(name, Objects.requireNonNullElse(b.type, "untyped"),
                b.help, List.copyOf(b.samples))));
        return out;
    }

    private static boolean belongs(Builder family, String sampleName) {
        if (sampleName.equals(family.name)) return !"histogram".equals(family.type);
        if (!sampleName.startsWith(family.name + "_")) return false;
        String suffix = sampleName.substring(family.name.length());
        return switch (Objects.requireNonNullElse(family.type, "untyped")) {
            case "counter" -> suffix.equals("_total") || suffix.equals("_created");
            case "histogram" -> Set.of("_bucket", "_sum", "_count", "_created").contains(suffix);
            case "summary" -> Set.of("_sum", "_count", "_created").contains(suffix);
            default -> false;
        };
    }

    private static Sample sample(int n, String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
        String name = line.substring(0, i);
        if (!METRIC_NAME.matcher(name).matches()) throw new ParseException(n, "bad metric name \"" + name + "\"");
        var labels = new LinkedHashMap<String, String>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i >= line.length()) throw new ParseException(n, "unclosed label set");
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) throw new ParseException(n, "label without =");
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches()) throw new ParseException(n, "bad label name " + label);
                i = eq + 1;
                if (i >= line.length() || line.charAt(i) != '"') throw new ParseException(n, "label value not quoted");
                var value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= line.length()) throw new ParseException(n, "unclosed label value");
                    char c = line.charAt(i++);
                    if (c == '"') break;
                    if (c == '\\') {
                        if (i >= line.length()) throw new ParseException(n, "dangling escape");
                        char e = line.charAt(i++);
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new ParseException(n, "bad escape \\" + e);
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) throw new ParseException(n, "label " + label + " twice");
                if (i < line.length() && line.charAt(i) == ',') i++;
                else if (i >= line.length() || line.charAt(i) != '}') throw new ParseException(n, "expected , or }");
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') throw new ParseException(n, "no value");
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length < 1 || rest.length > 2) throw new ParseException(n, "expected value [timestamp]");
        double value = value(n, rest[0]);
        if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) throw new ParseException(n, "bad timestamp " + rest[1]);
        return new Sample(name, labels, value);
    }

    private static double value(int n, String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new ParseException(n, "bad value " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static String unescapeHelp(int n, String text) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= text.length()) throw new ParseException(n, "dangling escape in HELP");
            switch (text.charAt(i)) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                default -> throw new ParseException(n, "bad escape in HELP");
            }
        }
        return out.toString();
    }

    private static final class Builder {
        final String name;
        String type;
        String help;
        final List<Sample> samples = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }
    }
}
