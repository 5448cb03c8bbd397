package dev.switchboard.protocol.scram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of SCRAM-SHA-256 (RFC 5802 section 2.2) and the constants both sides share. Stateless and
 * thread-safe. Every method returns a new array that the caller owns and may clear.
 *
 * <p>The algorithms used here (SHA-256, HmacSHA256, PBKDF2WithHmacSHA256) are ones every Java SE platform must
 * provide, so their absence is an {@link IllegalStateException}, not a checked exception.
 */
final class Scram {
    static final String MECHANISM = "SCRAM-SHA-256";
    /** PostgreSQL's default ({@code scram_iterations}); RFC 7677 asks for at least this many. */
    static final int DEFAULT_ITERATIONS = 4096;
    /** More than this is refused everywhere: a client would spend minutes on one login (a cheap DoS by a server). */
    static final int MAX_ITERATIONS = 10_000_000;
    /** PostgreSQL's salt length ({@code SCRAM_DEFAULT_SALT_LEN}). */
    static final int DEFAULT_SALT_LENGTH = 16;
    /** SHA-256 output: the length of SaltedPassword, ClientKey, StoredKey, ServerKey, proofs and signatures. */
    static final int KEY_LENGTH = 32;
    /** 18 random bytes give 24 base64 characters without padding; PostgreSQL uses the same length. */
    private static final int NONCE_BYTES = 18;
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();   // thread-safe

    private Scram() {}

    /**
     * Hi(password, salt, i) of RFC 5802, which is PBKDF2 with HMAC-SHA-256 and a 32-byte output. The password must
     * already be prepared ({@link SaslPrep#prepare}); the JDK's PBKDF2 hashes its UTF-8 encoding, as RFC 5802 wants.
     * Takes about as long as {@code iterations} HMACs (a few milliseconds for 4096).
     */
    static byte[] hi(char[] preparedPassword, byte[] salt, int iterations) {
        var spec = new PBEKeySpec(preparedPassword, salt, iterations, KEY_LENGTH * Byte.SIZE);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();   // the spec holds its own copy of the password
        }
    }

    /** HMAC-SHA-256 of {@code data} under {@code key}; {@code key} must not be empty. */
    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** HMAC-SHA-256 of the UTF-8 encoding of {@code text} (an AuthMessage, for instance). */
    static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** {@code a XOR b}; both must have the same length. */
    static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("xor of " + a.length + " and " + b.length + " bytes");
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < out.length; i++) out[i] = (byte) (a[i] ^ b[i]);
        return out;
    }

    /** ClientKey := HMAC(SaltedPassword, "Client Key"). */
    static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, CLIENT_KEY);
    }

    /** ServerKey := HMAC(SaltedPassword, "Server Key"). */
    static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, SERVER_KEY);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A fresh random nonce: printable, without ',' (RFC 5802 "printable"), 24 characters. */
    static String nonce() {
        return base64(randomBytes(NONCE_BYTES));
    }
}
