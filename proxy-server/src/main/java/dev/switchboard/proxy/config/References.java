package dev.switchboard.proxy.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:PATH}} anywhere in a config string; <code>$${</code> is a literal
 * <code>${</code>. A file's content is read as UTF-8 and loses one trailing newline ({@code \n} or {@code \r\n});
 * relative paths are resolved against the config file's directory. Errors name the key and the variable or file,
 * never a value, since references usually hold secrets.
 */
final class References {
    /** Secret files are small; the limit keeps {@code ${file:/dev/zero}} from eating the heap. */
    static final int MAX_FILE_BYTES = 64 * 1024;
    private static final String HOW = "; write ${env:NAME} or ${file:PATH}, or $${ for a literal ${";

    private final Function<String, String> env;
    private final Path baseDir;

    References(Function<String, String> env, Path baseDir) {
        this.env = Objects.requireNonNull(env, "env");
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    }

    /** True if {@code raw} holds a reference (a literal <code>$${</code> is none). */
    boolean hasReference(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.startsWith("$${", i)) i += 2;
            else if (raw.startsWith("${", i)) return true;
        }
        return false;
    }

    /** {@code raw} with its references replaced; {@code key} names it in errors. */
    String resolve(String key, String raw) {
        var out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (raw.startsWith("${", i)) {
                int end = raw.indexOf('}', i);
                if (end < 0) throw new ConfigException(key + ": \"${\" is not closed by \"}\"" + HOW);
                out.append(lookup(key, raw.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(raw.charAt(i++));
            }
        }
        return out.toString();
    }

    private String lookup(String key, String reference) {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(key + ": ${env:…} needs a variable name of letters, digits and _");
            }
            String value = env.apply(name);
            if (value == null) throw new ConfigException(key + ": environment variable " + name + " is not set");
            return value;
        }
        if (reference.startsWith("file:")) return read(key, reference.substring(5));
        // Not echoed: "${...}" in a literal password would otherwise print part of the password.
        throw new ConfigException(key + ": \"${\" starts a reference, but not one of env: or file:" + HOW);
    }

    private String read(String key, String name) {
        Path file;
        try {
            if (name.isBlank()) throw new InvalidPathException(name, "empty path");
            file = baseDir.resolve(name);
        } catch (InvalidPathException e) {
            throw new ConfigException(key + ": ${file:" + name + "} is not a valid path", e);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read ${file:" + name + "} (" + file + "): " + describe(e), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigException(key + ": ${file:" + name + "} (" + file + ") is larger than 64 KiB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(key + ": ${file:" + name + "} (" + file + ") is not UTF-8 text", e);
        }
        if (text.endsWith("\r\n")) return text.substring(0, text.length() - 2);
        if (text.endsWith("\n")) return text.substring(0, text.length() - 1);
        return text;
    }

    /** An I/O failure in words, for messages that name the file themselves. */
    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
    }
}
