package dev.switchboard.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object sent as a request body, read strictly: unknown keys and wrong types are 400 with a message naming
 * the key ({@code pool.maxPoolSize must be an integer}). A JSON {@code null} counts as absent.
 */
final class Body {
    private final String path;
    private final ObjectNode node;

    private Body(String path, ObjectNode node) {
        this.path = path;
        this.node = node;
    }

    static Body parse(byte[] bytes) {
        if (bytes.length == 0) return new Body("", JsonNodeFactory.instance.objectNode());
        JsonNode node = Json.read(bytes);
        if (!(node instanceof ObjectNode object)) throw AdminException.badRequest("body must be a JSON object");
        return new Body("", object);
    }

    private String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** 400 for any key but {@code names}. */
    Body allowOnly(String... names) {
        Set<String> known = Set.of(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw AdminException.badRequest("unknown key " + key(name) + "; known keys: " + String.join(", ", names));
            }
        }
        return this;
    }

    private Optional<JsonNode> value(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    Optional<String> string(String name) {
        return value(name).map(v -> {
            if (!v.isTextual()) throw AdminException.badRequest(key(name) + " must be a string");
            return v.textValue();
        });
    }

    String requireString(String name) {
        return string(name).orElseThrow(() -> AdminException.badRequest(key(name) + " is required"));
    }

    Optional<Integer> integer(String name) {
        return value(name).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw AdminException.badRequest(key(name) + " must be an integer");
            }
            return v.intValue();
        });
    }

    Optional<Long> longValue(String name) {
        return value(name).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw AdminException.badRequest(key(name) + " must be an integer");
            }
            return v.longValue();
        });
    }

    Optional<Boolean> bool(String name) {
        return value(name).map(v -> {
            if (!v.isBoolean()) throw AdminException.badRequest(key(name) + " must be true or false");
            return v.booleanValue();
        });
    }

    Optional<List<String>> strings(String name) {
        return value(name).map(v -> {
            if (!v.isArray()) throw AdminException.badRequest(key(name) + " must be a list of strings");
            var out = new ArrayList<String>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) throw AdminException.badRequest(key(name) + "[" + i + "] must be a string");
                out.add(v.get(i).textValue());
            }
            return out;
        });
    }

    Optional<Body> object(String name) {
        return value(name).map(v -> {
            if (!(v instanceof ObjectNode o)) throw AdminException.badRequest(key(name) + " must be an object");
            return new Body(key(name), o);
        });
    }
}
