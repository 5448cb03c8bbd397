package dev.switchboard.protocol.scram;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small LRU cache of SaltedPassword = Hi(password, salt, iterations), for the client side.
 *
 * <p>Why: Hi is deliberately slow (4096 HMACs by default, a few milliseconds of CPU). A pool or benchmark that opens
 * many connections with the same credentials would spend most of each connect there, although the server sends the
 * same salt and iteration count every time. With the cache only the first connect per (password, salt, iterations)
 * pays; the rest cost a few HMACs.
 *
 * <p>Security trade-off: entries hold derived keys only, never the password. Entries are found by a tag,
 * HMAC-SHA-256 under a random per-process key of (salt, iterations, prepared password), so the cache holds no
 * unkeyed hash of the password either, and the same password gives unrelated tags in two processes. A SaltedPassword
 * is as good as the password for logging in to servers that use that salt, and anyone who can read this process's
 * memory can test password guesses against a tag quickly; but the driver keeps the password itself in memory to
 * reconnect, so the cache does not widen what such a reader learns. Evicted keys are zeroed.
 *
 * <p>Thread-safe. Hi runs outside the lock, so two threads that miss on the same entry at once may both compute it.
 */
final class SaltedPasswordCache {
    /** Enough for every user of a large pool or benchmark; 64 entries of ~100 bytes. */
    static final int DEFAULT_MAX_ENTRIES = 64;
    /** The cache {@link ScramClient} uses by default, shared by every connection in this JVM. */
    static final SaltedPasswordCache SHARED = new SaltedPasswordCache(DEFAULT_MAX_ENTRIES, Scram::hi);

    /** Computes SaltedPassword on a miss; tests count the calls. */
    @FunctionalInterface
    interface Derivation {
        byte[] saltedPassword(char[] preparedPassword, byte[] salt, int iterations);
    }

    private final int maxEntries;
    private final Derivation derivation;
    private final SecretKeySpec tagKey = new SecretKeySpec(Scram.randomBytes(Scram.KEY_LENGTH), "HmacSHA256");
    private final Map<Tag, byte[]> entries;   // guarded by itself; values are never handed out, only copies

    SaltedPasswordCache(int maxEntries, Derivation derivation) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        this.maxEntries = maxEntries;
        this.derivation = derivation;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {   // access order: the eldest is least recently used
            @Override
            protected boolean removeEldestEntry(Map.Entry<Tag, byte[]> eldest) {
                if (size() <= SaltedPasswordCache.this.maxEntries) return false;
                Arrays.fill(eldest.getValue(), (byte) 0);
                return true;
            }
        };
    }

    /** Hi(preparedPassword, salt, iterations), from the cache if present. A new array: the caller may clear it. */
    byte[] saltedPassword(char[] preparedPassword, byte[] salt, int iterations) {
        Tag tag = tag(preparedPassword, salt, iterations);
        synchronized (entries) {
            byte[] hit = entries.get(tag);
            if (hit != null) return hit.clone();
        }
        byte[] salted = derivation.saltedPassword(preparedPassword, salt, iterations);
        synchronized (entries) {
            entries.putIfAbsent(tag, salted.clone());
        }
        return salted;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** HMAC(tagKey, len(salt) | salt | iterations | UTF-8(password)): the fixed-size fields first, so it is unique. */
    private Tag tag(char[] preparedPassword, byte[] salt, int iterations) {
        ByteBuffer password = StandardCharsets.UTF_8.encode(CharBuffer.wrap(preparedPassword));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(tagKey);
            mac.update(ByteBuffer.allocate(8).putInt(salt.length).putInt(iterations).flip());
            mac.update(salt);
            mac.update(password);
            return new Tag(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        } finally {
            Arrays.fill(password.array(), (byte) 0);
        }
    }

    /** A cache key: a 32-byte HMAC compared by content. */
    private record Tag(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Tag t && Arrays.equals(bytes, t.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Tag";
        }
    }
}
