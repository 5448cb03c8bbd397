package dev.switchboard.protocol.scram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The client side of one SCRAM-SHA-256 exchange (RFC 5802 section 3), without channel binding:
 * <pre>
 *   clientFirstMessage()                 n,,n=user,r=cnonce                 -&gt; server
 *   clientFinalMessage(serverFirst)      c=biws,r=cnonce+snonce,p=proof     -&gt; server
 *   verifyServerFinal(serverFinal)       checks v=ServerSignature: the server knows the verifier
 * </pre>
 * The password is prepared (see {@link SaslPrep}) and copied when the client is made, so the caller may clear its
 * array at once; the copy is cleared as soon as {@link #clientFinalMessage} has derived the keys. SaltedPassword comes
 * from {@link SaltedPasswordCache#SHARED}, so reconnecting with the same password and server skips PBKDF2.
 *
 * <p>Not thread-safe: one instance per login, used by one thread (or with external ordering). Calling the steps out
 * of order, or one twice, is an {@link IllegalStateException}.
 */
public final class ScramClient {
    /** gs2-header: no channel binding, and none is supported ("n"), no authorization identity. */
    static final String GS2_HEADER = "n,,";
    private static final String CHANNEL_BINDING = "c=" + Scram.base64(GS2_HEADER.getBytes(StandardCharsets.US_ASCII));

    private enum State { NEW, AWAITING_SERVER_FINAL, DONE, FAILED }

    private final String clientFirstBare;
    private final String nonce;
    private final SaltedPasswordCache cache;
    private char[] password;                  // prepared; cleared by clientFinalMessage
    private byte[] expectedServerSignature;
    private State state = State.NEW;

    /**
     * @param user     the user name sent as {@code n=} (may be empty, as libpq sends it; must not contain NUL)
     * @param password the password; copied, not kept
     */
    public ScramClient(String user, char[] password) {
        this(user, password, Scram.nonce(), SaltedPasswordCache.SHARED);
    }

    /** For tests: a fixed client nonce (RFC 5802 "printable"), e.g. from an RFC test vector. */
    ScramClient(String user, char[] password, String nonce) {
        this(user, password, nonce, SaltedPasswordCache.SHARED);
    }

    ScramClient(String user, char[] password, String nonce, SaltedPasswordCache cache) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.indexOf('\0') >= 0) throw new IllegalArgumentException("user must not contain NUL");
        if (!Attributes.isNonce(nonce)) throw new IllegalArgumentException("nonce must be printable ASCII without ','");
        this.nonce = nonce;
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clientFirstBare = "n=" + Attributes.escapeName(user) + ",r=" + nonce;
        this.password = SaslPrep.prepare(password);
    }

    /** {@code n,,n=<saslname>,r=<nonce>}; the same string on every call. */
    public String clientFirstMessage() {
        return GS2_HEADER + clientFirstBare;
    }

    /**
     * Checks the server-first-message and answers it with the client proof. Derives SaltedPassword (from the cache, or
     * by PBKDF2, which takes milliseconds) and clears the password, whatever the outcome.
     *
     * @throws ScramException if the message is malformed, asks for a mandatory extension, its nonce does not extend
     *                        this client's, or its iteration count is outside [1, 10 000 000]
     * @throws IllegalStateException if called twice
     */
    public String clientFinalMessage(String serverFirstMessage) throws ScramException {
        if (state != State.NEW) throw new IllegalStateException("clientFinalMessage already called");
        state = State.FAILED;
        try {
            String what = "server-first-message";
            String[] parts = Attributes.split(serverFirstMessage, what);
            Attributes.refuseMandatoryExtension(parts, 0, what);
            String combinedNonce = Attributes.value(parts, 0, 'r', what);
            byte[] salt = Attributes.base64(Attributes.value(parts, 1, 's', what), "salt");
            int iterations = Attributes.iterations(Attributes.value(parts, 2, 'i', what));
            if (!combinedNonce.startsWith(nonce) || combinedNonce.length() == nonce.length()
                    || !Attributes.isNonce(combinedNonce)) {
                throw new ScramException(what + ": the nonce does not extend the client nonce");
            }
            if (salt.length == 0) throw new ScramException(what + ": the salt is empty");

            String withoutProof = CHANNEL_BINDING + ",r=" + combinedNonce;
            String authMessage = clientFirstBare + "," + serverFirstMessage + "," + withoutProof;
            byte[] saltedPassword = cache.saltedPassword(password, salt, iterations);
            byte[] clientKey = Scram.clientKey(saltedPassword);
            byte[] storedKey = Scram.sha256(clientKey);
            byte[] clientSignature = Scram.hmac(storedKey, authMessage);
            byte[] proof = Scram.xor(clientKey, clientSignature);
            byte[] serverKey = Scram.serverKey(saltedPassword);
            expectedServerSignature = Scram.hmac(serverKey, authMessage);
            for (byte[] secret : new byte[][] {saltedPassword, clientKey, storedKey, clientSignature, serverKey}) {
                Arrays.fill(secret, (byte) 0);
            }
            state = State.AWAITING_SERVER_FINAL;
            return withoutProof + ",p=" + Scram.base64(proof);
        } finally {
            Arrays.fill(password, '\0');
            password = null;
        }
    }

    /**
     * Checks that the server proved it knows the verifier. Only after this returns is the login known to be with the
     * real server.
     *
     * @throws ScramException if the server sent {@code e=<error>}, the message is malformed, or the signature does not
     *                        match (the server does not know the password's verifier)
     * @throws IllegalStateException unless {@link #clientFinalMessage} succeeded and this was not called yet
     */
    public void verifyServerFinal(String serverFinalMessage) throws ScramException {
        if (state != State.AWAITING_SERVER_FINAL) {
            throw new IllegalStateException("verifyServerFinal needs a successful clientFinalMessage, once");
        }
        state = State.FAILED;
        String what = "server-final-message";
        String[] parts = Attributes.split(serverFinalMessage, what);
        if (parts[0].startsWith("e=")) throw new ScramException("server refused the login: " + serverError(parts[0]));
        byte[] signature = Attributes.base64(Attributes.value(parts, 0, 'v', what), "server signature");
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new ScramException("server signature does not match: the server does not know this password");
        }
        state = State.DONE;
    }

    /** The RFC 5802 server-error value if it looks like one (e.g. "invalid-proof"), so that logs stay clean. */
    private static String serverError(String part) {
        String value = part.substring(2);
        boolean token = !value.isEmpty() && value.length() <= 64
                && value.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
        return token ? value : "(unrecognized error)";
    }
}
