package dev.switchboard.proxy.admin;

import dev.switchboard.proxy.config.Secret;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks the bearer token of {@code /api} calls and dispatches by method and path. With no {@code admin.token}
 * configured every {@code /api} call is 403 (the API is off, never open); a missing or wrong token is 401. The token
 * is compared in constant time (digests compared with {@link MessageDigest#isEqual}) and read from the live config at
 * each call, so a reload can rotate it. Unknown paths are 404, known paths with another method 405. Immutable once
 * built; thread-safe.
 */
final class AdminRouter {
    /** Answers one routed request; throws {@link AdminException} to refuse it. */
    @FunctionalInterface
    interface Endpoint {
        AdminResponse handle(AdminRequest request);
    }

    private record Route(String method, List<String> pattern, Endpoint endpoint) {
    }

    private static final String API = "/api/";

    private final List<Route> routes = new ArrayList<>();
    private final Supplier<Optional<Secret>> token;

    AdminRouter(Supplier<Optional<Secret>> token) {
        this.token = token;
    }

    /** Adds a route; {@code pattern} segments in braces ({@code /api/v1/pools/{db}/evict}) are variables. */
    AdminRouter route(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, List.of(pattern.substring(1).split("/")), endpoint));
        return this;
    }

    AdminResponse handle(AdminRequest request) {
        if (request.path().startsWith(API) || request.path().equals("/api")) {
            Optional<AdminResponse> refused = authorize(request);
            if (refused.isPresent()) return refused.get();
        }
        List<String> segments = segments(request.path());
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = match(route.pattern(), segments);
            if (params.isEmpty()) continue;
            if (!route.method().equals(request.method())) {
                allowed.add(route.method());
                continue;
            }
            try {
                return route.endpoint().handle(request.withParams(params.get()));
            } catch (AdminException e) {
                return AdminResponse.error(e.status(), e.getMessage());
            }
        }
        if (!allowed.isEmpty()) {
            return AdminResponse.error(405, request.method() + " is not allowed on " + request.path())
                    .withHeader("Allow", String.join(", ", allowed));
        }
        return AdminResponse.error(404, "no such endpoint: " + request.path());
    }

    private Optional<AdminResponse> authorize(AdminRequest request) {
        Optional<Secret> expected = token.get();
        if (expected.isEmpty()) {
            return Optional.of(AdminResponse.error(403, "the admin API is off: no admin.token is configured"));
        }
        Optional<String> given = request.authorization()
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip());
        if (given.isEmpty() || !sameToken(expected.get().value(), given.get())) {
            return Optional.of(AdminResponse.error(401, given.isEmpty()
                            ? "missing bearer token (Authorization: Bearer <admin.token>)" : "wrong bearer token")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"switchboard\""));
        }
        return Optional.empty();
    }

    // Digests first: isEqual is constant-time over equal lengths only, and a token's length is a secret too.
    private static boolean sameToken(String expected, String given) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Split on {@code /} before decoding, so an encoded slash stays inside its segment. */
    private static List<String> segments(String rawPath) {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        var out = new ArrayList<String>();
        for (String s : p.split("/", -1)) {
            // In a path '+' is a plus, not a space (that is forms' rule).
            out.add(QueryStringDecoder.decodeComponent(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Optional<Map<String, String>> match(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) return Optional.empty();
        var params = new LinkedHashMap<String, String>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            String s = segments.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                if (s.isEmpty()) return Optional.empty();
                params.put(p.substring(1, p.length() - 1), s);
            } else if (!p.equals(s)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
