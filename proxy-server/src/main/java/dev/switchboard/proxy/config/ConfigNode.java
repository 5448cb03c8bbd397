package dev.switchboard.proxy.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the parsed YAML and where it sits ({@code databases.sales.pool}). Typed reads name the full key
 * in every error and resolve {@code ${env:…}}/{@code ${file:…}} in strings. A key that is present with no value
 * ({@code maxPools:}) is an error, not the default.
 */
final class ConfigNode {
    private final String path;
    private final Map<?, ?> map;
    private final References references;

    private ConfigNode(String path, Map<?, ?> map, References references) {
        this.path = path;
        this.map = map;
        this.references = references;
    }

    static ConfigNode root(Map<?, ?> map, References references) {
        return new ConfigNode("", map, references);
    }

    /** Where this mapping sits, e.g. {@code databases.sales}; empty for the root. */
    String path() {
        return path;
    }

    /** The full key of {@code name} in this mapping. */
    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Refuses keys other than {@code names}, suggesting the closest known key. */
    void allowOnly(String... names) {
        Set<String> known = Set.of(names);
        for (Object k : map.keySet()) {
            String name = keyName(k);
            if (known.contains(name)) continue;
            String hint = Spelling.closest(name, List.of(names))
                    .map(s -> " (did you mean " + key(s) + "?)")
                    .orElse("; known keys: " + String.join(", ", names));
            throw new ConfigException("unknown key " + key(name) + hint);
        }
    }

    boolean has(String name) {
        return map.containsKey(name);
    }

    /** The mapping under {@code name}; an empty one if the key is absent or has no value. */
    ConfigNode section(String name) {
        Object value = map.get(name);
        if (value == null) return new ConfigNode(key(name), Map.of(), references);
        if (value instanceof Map<?, ?> m) return new ConfigNode(key(name), m, references);
        throw new ConfigException(key(name) + " must be a mapping, was " + describe(value));
    }

    /** The entries of this mapping as named mappings ({@code databases.sales}, …), in the order written. */
    Map<String, ConfigNode> children() {
        var out = new LinkedHashMap<String, ConfigNode>();
        for (var e : map.entrySet()) {
            String name = keyName(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                throw new ConfigException(key(name) + " must be a mapping, was " + describe(e.getValue()));
            }
            out.put(name, new ConfigNode(key(name), m, references));
        }
        return out;
    }

    Optional<String> string(String name) {
        return raw(name).map(value -> switch (value) {
            case String s -> references.resolve(key(name), s);
            default -> throw new ConfigException(key(name) + " must be a string, was " + describe(value)
                    + " (quote it)");
        });
    }

    String string(String name, String otherwise) {
        return string(name).orElse(otherwise);
    }

    /** Like {@link #string}, but no error ever shows the value. */
    Optional<Secret> secret(String name) {
        return secretText(name).map(Secret::new);
    }

    /** A secret read as plain text (a user's verifier); no error ever shows the value. */
    Optional<String> secretText(String name) {
        return raw(name).map(value -> switch (value) {
            case String s -> references.resolve(key(name), s);
            default -> throw new ConfigException(key(name) + " must be a string (quote it)");
        });
    }

    /** True if {@code name} is a non-empty string written in the file itself rather than through a reference. */
    boolean isInlineText(String name) {
        return map.get(name) instanceof String s && !s.isEmpty() && !references.hasReference(s);
    }

    int integer(String name, int otherwise) {
        return raw(name).map(value -> switch (value) {
            case Integer i -> i;
            case Long l -> throw new ConfigException(key(name) + " is out of range, was " + l);
            case BigInteger b -> throw new ConfigException(key(name) + " is out of range, was " + b);
            case String s when references.hasReference(s) -> {
                String text = references.resolve(key(name), s).strip();
                try {
                    yield Integer.parseInt(text);
                } catch (NumberFormatException _) {  // not the cause: its message holds the resolved value
                    throw new ConfigException(key(name) + " must be an integer, but " + describe(s)
                            + " does not resolve to one");
                }
            }
            case String s -> throw new ConfigException(key(name) + " must be an integer, was " + describe(s)
                    + (s.matches("-?[0-9]+") ? " (remove the quotes)" : ""));
            default -> throw new ConfigException(key(name) + " must be an integer, was " + describe(value));
        }).orElse(otherwise);
    }

    boolean bool(String name, boolean otherwise) {
        return raw(name).map(value -> switch (value) {
            case Boolean b -> b;
            case String s when references.hasReference(s) -> switch (references.resolve(key(name), s).strip()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException(key(name) + " must be true or false, but " + describe(s)
                        + " does not resolve to either");
            };
            default -> throw new ConfigException(key(name) + " must be true or false, was " + describe(value));
        }).orElse(otherwise);
    }

    Optional<Duration> duration(String name) {
        return raw(name).map(value -> switch (value) {
            case String s -> Durations.parse(key(name), references.resolve(key(name), s), describe(s));
            case Integer i -> throw Durations.needsUnit(key(name), i.toString());
            case Long l -> throw Durations.needsUnit(key(name), l.toString());
            default -> throw new ConfigException(key(name) + " must be a duration such as 5s, was " + describe(value));
        });
    }

    Duration duration(String name, Duration otherwise) {
        return duration(name).orElse(otherwise);
    }

    /** A list of strings; {@code key[i]} names an element in errors. */
    Optional<List<String>> strings(String name) {
        return raw(name).map(value -> {
            if (!(value instanceof List<?> list)) {
                throw new ConfigException(key(name) + " must be a list such as [a, b], was " + describe(value));
            }
            var out = new ArrayList<String>(list.size());
            for (int i = 0; i < list.size(); i++) {
                String element = key(name) + "[" + i + "]";
                if (!(list.get(i) instanceof String s)) {
                    throw new ConfigException(element + " must be a string, was " + describe(list.get(i)));
                }
                out.add(references.resolve(element, s));
            }
            return out;
        });
    }

    private Optional<Object> raw(String name) {
        if (!map.containsKey(name)) return Optional.empty();
        Object value = map.get(name);
        if (value == null) throw new ConfigException(key(name) + " has no value; give one or remove the key");
        return Optional.of(value);
    }

    private String keyName(Object k) {
        if (k instanceof String s) return s;
        throw new ConfigException((path.isEmpty() ? "config" : path) + ": key " + describe(k)
                + " must be a string (quote it)");
    }

    /** A value as it may appear in an error message: strings quoted, collections by kind. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "empty";
            case String s -> "\"" + s + "\"";
            case Map<?, ?> _ -> "a mapping";
            case List<?> _ -> "a list";
            default -> String.valueOf(value);
        };
    }
}
