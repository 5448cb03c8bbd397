package dev.switchboard.proxy.auth;

import dev.switchboard.protocol.scram.ScramException;
import dev.switchboard.protocol.scram.ScramServer;
import dev.switchboard.protocol.scram.ScramVerifier;
import dev.switchboard.proxy.config.UserConfig;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Checks logins with SCRAM-SHA-256 against the verifiers in the config. An unknown user gets a believable exchange
 * that always fails, so a client cannot tell an unknown user from a wrong password. Thread-safe; one
 * {@link Exchange} per login attempt.
 */
public final class Authenticator {
    private final Map<String, UserConfig> users;
    private final Map<String, ScramVerifier> verifiers;
    private final byte[] serverSecret;
    private final Clock clock;

    public Authenticator(Map<String, UserConfig> users, Clock clock) {
        this(users, clock, newSecret());
    }

    private Authenticator(Map<String, UserConfig> users, Clock clock, byte[] serverSecret) {
        this.users = Map.copyOf(users);
        this.clock = clock;
        var parsed = new java.util.HashMap<String, ScramVerifier>();
        users.forEach((name, u) -> parsed.put(name, ScramVerifier.parse(u.verifier())));
        this.verifiers = Map.copyOf(parsed);
        this.serverSecret = serverSecret;
    }

    /**
     * An authenticator for another set of users (a reload) with this one's clock and secret: the fake exchange an
     * unknown user gets stays the same across reloads, so a reload does not tell a prober which names are real.
     */
    public Authenticator withUsers(Map<String, UserConfig> users) {
        return new Authenticator(users, clock, serverSecret);
    }

    private static byte[] newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** Starts a login for {@code user}. */
    public Exchange begin(String user) {
        ScramVerifier verifier = verifiers.get(user);
        ScramServer scram = verifier != null ? new ScramServer(verifier) : ScramServer.forUnknownUser(user, serverSecret);
        return new Exchange(user, scram, Optional.ofNullable(users.get(user)));
    }

    /** Why a login failed, for the log and the metrics; the client always hears the same 28000. */
    public enum Failure { UNKNOWN_USER, WRONG_PASSWORD, EXPIRED, DATABASE_NOT_ALLOWED, MALFORMED }

    /** One SCRAM exchange. Not thread-safe; lives on one channel's event loop. */
    public final class Exchange {
        private final String user;
        private final ScramServer scram;
        private final Optional<UserConfig> config;

        private Exchange(String user, ScramServer scram, Optional<UserConfig> config) {
            this.user = user;
            this.scram = scram;
            this.config = config;
        }

        public String user() {
            return user;
        }

        public String serverFirst(String clientFirst) throws ScramException {
            return scram.serverFirstMessage(clientFirst);
        }

        /** The principal when the proof is right and the user is still valid; else the reason it is not. */
        public Result finish(String clientFinal) {
            boolean proofOk;
            try {
                proofOk = scram.verifyClientFinal(clientFinal);
            } catch (ScramException e) {
                return new Result(null, Failure.MALFORMED, "");
            }
            if (config.isEmpty()) return new Result(null, Failure.UNKNOWN_USER, "");
            if (!proofOk) return new Result(null, Failure.WRONG_PASSWORD, "");
            UserConfig u = config.get();
            if (!u.isValidAt(clock.instant())) return new Result(null, Failure.EXPIRED, "");
            return new Result(new Principal(user, u), null, scram.serverFinalMessage());
        }
    }

    /** Either a principal (with the SCRAM server-final message) or a failure. */
    public record Result(Principal principal, Failure failure, String serverFinal) {
        public boolean ok() {
            return principal != null;
        }
    }
}
