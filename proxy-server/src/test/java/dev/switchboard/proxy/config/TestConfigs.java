package dev.switchboard.proxy.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/** Building blocks for config tests. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** A verifier of the right shape (not of any real password); {@code seed} makes distinct ones. */
    static String verifier(String seed) {
        return "SCRAM-SHA-256$4096:" + b64(seed + "-salt", 16) + "$" + b64(seed + "-stored", 32) + ":"
                + b64(seed + "-server", 32);
    }

    private static String b64(String seed, int length) {
        byte[] bytes = new byte[length];
        byte[] from = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < length; i++) bytes[i] = (byte) (from[i % from.length] + i);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Function<String, String> env(Map<String, String> vars) {
        return vars::get;
    }

    /** Parses with no environment and relative files resolved against {@code dir}. */
    static ServerConfig parse(String yaml, Path dir) {
        return ConfigLoader.parse(yaml, name -> null, dir);
    }

    static ServerConfig parse(String yaml) {
        return parse(yaml, Path.of("."));
    }
}
