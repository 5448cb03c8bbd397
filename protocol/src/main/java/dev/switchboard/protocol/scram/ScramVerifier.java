package dev.switchboard.protocol.scram;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a server stores to check a password with SCRAM-SHA-256 (RFC 5802 section 3): the iteration count, the salt,
 * StoredKey = H(ClientKey) and ServerKey. It does not reveal the password, but it lets whoever holds it impersonate
 * the server, so treat it as a secret: {@link #toString} prints only the iteration count.
 *
 * <p>The text form is PostgreSQL's ({@code pg_authid.rolpassword}), so verifiers can be copied between the two:
 * {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}.
 *
 * <p>Immutable: the arrays are copied in and out, and {@link #equals} compares their contents.
 *
 * @param iterations the PBKDF2 iteration count, in [1, 10 000 000] (more would stall every client's login)
 * @param salt       the salt, not empty (16 bytes when made by PostgreSQL or {@link #create(char[])})
 * @param storedKey  H(ClientKey), 32 bytes
 * @param serverKey  HMAC(SaltedPassword, "Server Key"), 32 bytes
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    private static final String PREFIX = Scram.MECHANISM + "$";
    private static final String FORM = "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>";

    /** @throws IllegalArgumentException if a component is out of range (the message names which) */
    public ScramVerifier {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(storedKey, "storedKey");
        Objects.requireNonNull(serverKey, "serverKey");
        if (iterations < 1 || iterations > Scram.MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "iterations must be in [1, " + Scram.MAX_ITERATIONS + "], was " + iterations);
        }
        if (salt.length == 0) throw new IllegalArgumentException("salt must not be empty");
        if (storedKey.length != Scram.KEY_LENGTH) {
            throw new IllegalArgumentException("storedKey must be 32 bytes, was " + storedKey.length);
        }
        if (serverKey.length != Scram.KEY_LENGTH) {
            throw new IllegalArgumentException("serverKey must be 32 bytes, was " + serverKey.length);
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /**
     * Parses PostgreSQL's text form. Base64 padding may be omitted.
     *
     * @throws IllegalArgumentException if {@code text} is not a well-formed SCRAM-SHA-256 verifier; the message says
     *                                  what is wrong but never quotes {@code text}
     */
    public static ScramVerifier parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier: expected " + FORM);
        }
        String[] halves = text.substring(PREFIX.length()).split("\\$", -1);
        String[] params = halves[0].split(":", -1);
        String[] keys = halves.length == 2 ? halves[1].split(":", -1) : new String[0];
        if (params.length != 2 || keys.length != 2) {
            throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier: expected " + FORM);
        }
        int iterations;
        try {
            iterations = Attributes.iterations(params[0]);
        } catch (ScramException e) {
            throw new IllegalArgumentException("SCRAM-SHA-256 verifier: " + e.getMessage());
        }
        return new ScramVerifier(iterations, decode(params[1], "salt"), decode(keys[0], "StoredKey"),
                decode(keys[1], "ServerKey"));
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Attributes.base64(base64, what);
        } catch (ScramException e) {
            throw new IllegalArgumentException("SCRAM-SHA-256 verifier: " + e.getMessage());
        }
    }

    /** PostgreSQL's text form; {@code parse(v.format()).equals(v)}. */
    public String format() {
        return PREFIX + iterations + ":" + Scram.base64(salt) + "$" + Scram.base64(storedKey) + ":"
                + Scram.base64(serverKey);
    }

    /**
     * The verifier PostgreSQL would store for {@code password} with this salt and iteration count. The password is
     * prepared as PostgreSQL does (SASLprep, or the raw password where SASLprep fails; see {@link SaslPrep}).
     * Takes as long as one PBKDF2 run; never cached. Does not modify or keep {@code password}.
     */
    public static ScramVerifier create(char[] password, byte[] salt, int iterations) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        if (salt.length == 0) throw new IllegalArgumentException("salt must not be empty");
        if (iterations < 1 || iterations > Scram.MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "iterations must be in [1, " + Scram.MAX_ITERATIONS + "], was " + iterations);
        }
        char[] prepared = SaslPrep.prepare(password);
        byte[] saltedPassword = Scram.hi(prepared, salt, iterations);
        Arrays.fill(prepared, '\0');
        byte[] clientKey = Scram.clientKey(saltedPassword);
        var verifier = new ScramVerifier(iterations, salt, Scram.sha256(clientKey), Scram.serverKey(saltedPassword));
        Arrays.fill(saltedPassword, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        return verifier;
    }

    /** {@link #create(char[], byte[], int)} with 16 random bytes of salt and 4096 iterations, as PostgreSQL does. */
    public static ScramVerifier create(char[] password) {
        return create(password, Scram.randomBytes(Scram.DEFAULT_SALT_LENGTH), Scram.DEFAULT_ITERATIONS);
    }

    /** @return a copy */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** @return a copy */
    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    /** @return a copy */
    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** Compares contents (not in constant time: this is not how passwords are checked). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v && iterations == v.iterations && Arrays.equals(salt, v.salt)
                && Arrays.equals(storedKey, v.storedKey) && Arrays.equals(serverKey, v.serverKey);
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(iterations);
        h = 31 * h + Arrays.hashCode(salt);
        h = 31 * h + Arrays.hashCode(storedKey);
        return 31 * h + Arrays.hashCode(serverKey);
    }

    /** Only the iteration count: the keys are secret and the salt is of no use in a log. */
    @Override
    public String toString() {
        return "ScramVerifier[iterations=" + iterations + "]";
    }
}
