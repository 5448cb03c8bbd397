package dev.switchboard.proxy.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the admin API.
 *
 * @param headers extra response headers
 * @param then    runs once the response has been written (or failed to be): how shutdown answers before it drains
 */
record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers, Runnable then) {
    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final Runnable NOTHING = () -> { };

    AdminResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(then, "then");
    }

    static AdminResponse json(int status, Object value) {
        return new AdminResponse(status, JSON, Json.write(value), Map.of(), NOTHING);
    }

    static AdminResponse ok(Object value) {
        return json(200, value);
    }

    static AdminResponse error(int status, String reason) {
        return json(status, Json.object("error", reason));
    }

    static AdminResponse text(String contentType, String text) {
        return new AdminResponse(200, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of(), NOTHING);
    }

    AdminResponse withHeader(String name, String value) {
        var all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return new AdminResponse(status, contentType, body, all, then);
    }

    AdminResponse andThen(Runnable after) {
        return new AdminResponse(status, contentType, body, headers, after);
    }
}
