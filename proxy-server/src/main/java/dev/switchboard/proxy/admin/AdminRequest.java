package dev.switchboard.proxy.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One admin HTTP request, copied off the Netty buffers so it can be answered on another thread.
 *
 * @param path          decoded path, without the query
 * @param query         decoded query parameters
 * @param authorization the {@code Authorization} header, if sent (never logged)
 * @param client        the peer's address, for the log
 * @param params        the path's variables once routed ({@code {db}} → its value)
 */
record AdminRequest(String method, String path, Map<String, List<String>> query, Optional<String> authorization,
                    byte[] body, String client, Map<String, String> params) {
    AdminRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(client, "client");
        params = Map.copyOf(params);
    }

    AdminRequest withParams(Map<String, String> routed) {
        return new AdminRequest(method, path, query, authorization, body, client, routed);
    }

    /** A path variable the route declared. */
    String param(String name) {
        String v = params.get(name);
        if (v == null) throw new IllegalStateException("route has no {" + name + "}");
        return v;
    }

    /** The single value of query parameter {@code name}, if given; 400 when given twice. */
    Optional<String> queryParam(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) throw AdminException.badRequest("query parameter " + name + " given twice");
        return values.stream().findFirst();
    }

    /** The body as a JSON object; an empty body is an empty object. 400 when it is not one. */
    Body json() {
        return Body.parse(body);
    }
}
