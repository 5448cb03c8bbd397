package dev.switchboard.protocol.scram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802 section 3) for a user whose verifier is known:
 * <pre>
 *   serverFirstMessage(clientFirst)      r=cnonce+snonce,s=salt,i=iterations   -&gt; client
 *   verifyClientFinal(clientFinal)       true if the proof shows the client knows the password
 *   serverFinalMessage()                 v=ServerSignature                     -&gt; client
 * </pre>
 * No channel binding: a client that asks for it ({@code p=}) is refused; one that supports it but thinks the server
 * does not ({@code y,,}) is accepted, as PostgreSQL does, and must echo that header in {@code c=}. An authorization
 * identity ({@code a=}) is refused. The {@code n=} user name is not checked here; {@link #username} extracts it.
 *
 * <p>For an unknown user, run the exchange with {@link #forUnknownUser}: it looks the same from the outside and
 * fails at the same point, so that a client cannot tell an unknown user from a wrong password.
 *
 * <p>Not thread-safe: one instance per login. Calling the steps out of order, or one twice, is an
 * {@link IllegalStateException}. Pure computation, nothing blocks; the slow part (PBKDF2) happens on the client.
 */
public final class ScramServer {
    private enum State { NEW, AWAITING_CLIENT_FINAL, SUCCEEDED, FAILED }

    private final ScramVerifier verifier;
    private final String serverNonce;
    private final boolean knownUser;
    private ClientFirst clientFirst;
    private String serverFirst;
    private byte[] serverSignature;
    private State state = State.NEW;

    /** An exchange for the user whose verifier this is, with a random server nonce. */
    public ScramServer(ScramVerifier verifier) {
        this(verifier, Scram.nonce(), true);
    }

    /** For tests: a fixed server nonce (the part appended to the client's), e.g. from an RFC test vector. */
    ScramServer(ScramVerifier verifier, String serverNonce) {
        this(verifier, serverNonce, true);
    }

    private ScramServer(ScramVerifier verifier, String serverNonce, boolean knownUser) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (!Attributes.isNonce(serverNonce)) {
            throw new IllegalArgumentException("serverNonce must be printable ASCII without ','");
        }
        this.serverNonce = serverNonce;
        this.knownUser = knownUser;
    }

    /**
     * An exchange for a user that does not exist (or may not log in), which a client cannot tell from one with a
     * wrong password: the salt is the first 16 bytes of HMAC(serverSecret, user), so it is the same on every attempt,
     * as a real user's is; the iteration count is 4096; the keys are random; {@link #verifyClientFinal} does the same
     * work as for a real user and always returns {@code false}.
     *
     * <p>{@code serverSecret} must stay the same across restarts and be shared by all replicas, or a client could see
     * the salt of a non-existent user change. A user whose real verifier has another iteration count than 4096 can
     * still be told apart from a non-existent one; keep verifiers at 4096 where that matters.
     *
     * @param user         the name the client asked for
     * @param serverSecret at least 16 bytes, kept secret (otherwise anyone can predict the fake salts)
     */
    public static ScramServer forUnknownUser(String user, byte[] serverSecret) {
        return forUnknownUser(user, serverSecret, Scram.nonce());
    }

    static ScramServer forUnknownUser(String user, byte[] serverSecret, String serverNonce) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(serverSecret, "serverSecret");
        if (serverSecret.length < 16) {
            throw new IllegalArgumentException("serverSecret must be at least 16 bytes, was " + serverSecret.length);
        }
        byte[] salt = Arrays.copyOf(Scram.hmac(serverSecret, user), Scram.DEFAULT_SALT_LENGTH);
        var fake = new ScramVerifier(Scram.DEFAULT_ITERATIONS, salt, Scram.randomBytes(Scram.KEY_LENGTH),
                Scram.randomBytes(Scram.KEY_LENGTH));
        return new ScramServer(fake, serverNonce, false);
    }

    /**
     * The user name ({@code n=}) of a client-first-message, unescaped. The client-first-message is checked as
     * {@link #serverFirstMessage} checks it.
     *
     * @throws ScramException if the message is malformed or asks for what this side does not support
     */
    public static String username(String clientFirstMessage) throws ScramException {
        return ClientFirst.parse(clientFirstMessage).user();
    }

    /**
     * Reads the client-first-message and answers {@code r=<client nonce><server nonce>,s=<salt>,i=<iterations>}.
     *
     * @throws ScramException if the message is malformed, asks for channel binding, an authorization identity or a
     *                        mandatory extension
     * @throws IllegalStateException if called twice
     */
    public String serverFirstMessage(String clientFirstMessage) throws ScramException {
        if (state != State.NEW) throw new IllegalStateException("serverFirstMessage already called");
        state = State.FAILED;
        clientFirst = ClientFirst.parse(clientFirstMessage);
        serverFirst = "r=" + clientFirst.nonce() + serverNonce + ",s=" + Scram.base64(verifier.salt()) + ",i="
                + verifier.iterations();
        state = State.AWAITING_CLIENT_FINAL;
        return serverFirst;
    }

    /**
     * Checks the client-final-message: the channel-binding echo, the nonce, then the proof (ClientKey = proof XOR
     * HMAC(StoredKey, AuthMessage); H(ClientKey) must equal StoredKey, compared in constant time).
     *
     * @return whether the client knows the password; always {@code false} for {@link #forUnknownUser}
     * @throws ScramException if the message is malformed, or its channel binding or nonce is not this exchange's
     * @throws IllegalStateException unless {@link #serverFirstMessage} succeeded and this was not called yet
     */
    public boolean verifyClientFinal(String clientFinalMessage) throws ScramException {
        if (state != State.AWAITING_CLIENT_FINAL) {
            throw new IllegalStateException("verifyClientFinal needs a successful serverFirstMessage, once");
        }
        state = State.FAILED;
        String what = "client-final-message";
        String[] parts = Attributes.split(clientFinalMessage, what);
        if (parts.length < 3) throw new ScramException(what + " is too short");
        String channelBinding = Attributes.value(parts, 0, 'c', what);
        String nonce = Attributes.value(parts, 1, 'r', what);
        String proofText = Attributes.value(parts, parts.length - 1, 'p', what);   // last; extensions may precede it
        byte[] gs2Header = clientFirst.gs2Header().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(Attributes.base64(channelBinding, "channel binding"), gs2Header)) {
            throw new ScramException(what + ": the channel binding does not echo the gs2 header");
        }
        if (!nonce.equals(clientFirst.nonce() + serverNonce)) {
            throw new ScramException(what + ": the nonce is not this exchange's");
        }
        byte[] proof = Attributes.base64(proofText, "client proof");
        if (proof.length != Scram.KEY_LENGTH) throw new ScramException(what + ": the client proof is not 32 bytes");

        String withoutProof = clientFinalMessage.substring(0, clientFinalMessage.lastIndexOf(",p="));
        String authMessage = clientFirst.bare() + "," + serverFirst + "," + withoutProof;
        byte[] storedKey = verifier.storedKey();
        byte[] clientKey = Scram.xor(proof, Scram.hmac(storedKey, authMessage));
        // An unknown user's exchange does the same work and fails here too, so it cannot be told apart by timing.
        boolean proven = MessageDigest.isEqual(Scram.sha256(clientKey), storedKey) && knownUser;
        Arrays.fill(clientKey, (byte) 0);
        if (!proven) return false;
        serverSignature = Scram.hmac(verifier.serverKey(), authMessage);
        state = State.SUCCEEDED;
        return true;
    }

    /**
     * {@code v=<ServerSignature>}, which proves to the client that this server knows the verifier.
     *
     * @throws IllegalStateException unless {@link #verifyClientFinal} returned {@code true}
     */
    public String serverFinalMessage() {
        if (state != State.SUCCEEDED) throw new IllegalStateException("no successful verifyClientFinal");
        return "v=" + Scram.base64(serverSignature);
    }

    /** A parsed client-first-message: gs2 header (kept verbatim for the {@code c=} check) and bare message. */
    private record ClientFirst(String gs2Header, String bare, String user, String nonce) {
        static ClientFirst parse(String message) throws ScramException {
            String what = "client-first-message";
            String[] parts = Attributes.split(message, what);
            if (parts.length < 4) throw new ScramException(what + " is too short");
            switch (parts[0]) {
                case "n", "y" -> { }
                case String p when p.startsWith("p=") -> throw new ScramException("channel binding is not supported");
                default -> throw new ScramException(what + ": bad channel-binding flag");
            }
            if (!parts[1].isEmpty()) throw new ScramException("authorization identity is not supported");
            Attributes.refuseMandatoryExtension(parts, 2, what);
            String user = Attributes.unescapeName(Attributes.value(parts, 2, 'n', what));
            String nonce = Attributes.value(parts, 3, 'r', what);
            if (!Attributes.isNonce(nonce)) throw new ScramException(what + ": the nonce is empty or not printable");
            int bareStart = parts[0].length() + parts[1].length() + 2;
            return new ClientFirst(message.substring(0, bareStart), message.substring(bareStart), user, nonce);
        }
    }
}
