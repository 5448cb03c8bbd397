package dev.switchboard.jdbc.internal;

import dev.switchboard.protocol.frame.ProtocolVersion;
import dev.switchboard.protocol.message.Auth;
import dev.switchboard.protocol.message.AuthChallenge;
import dev.switchboard.protocol.message.Hello;
import dev.switchboard.protocol.message.Ready;
import dev.switchboard.protocol.message.ServerError;
import dev.switchboard.protocol.message.ServerMessage;
import dev.switchboard.protocol.message.Warning;
import dev.switchboard.protocol.scram.ScramClient;
import dev.switchboard.protocol.scram.ScramException;
import dev.switchboard.protocol.types.SqlStates;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.Arrays;

/**
 * The login conversation (SPEC.md): HELLO with the SCRAM client-first → AUTH_CHALLENGE → AUTH with the
 * client-final → READY, whose server-final proves the server knows the user's verifier. Two round trips. On any
 * failure the caller closes the client; an ERROR from the server keeps its SQLSTATE (28000 for a wrong password,
 * an unknown user and a database the user may not use alike).
 */
public final class Login {
    private Login() {
    }

    /** Logs in; {@code password} is cleared before this returns. */
    public static Session run(WireClient client, String clientName, String user, char[] password, String database,
                              String applicationName) throws SQLException {
        ScramClient scram;
        try {
            scram = new ScramClient(user, password);
        } catch (IllegalArgumentException e) {
            throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "cannot log in as this user: " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        var lock = client.requestLock();
        lock.lock();
        try {
            client.send(new Hello(ProtocolVersion.CURRENT, clientName, user, database, applicationName,
                    scram.clientFirstMessage()));
            AuthChallenge challenge = await(client, AuthChallenge.class);
            String clientFinal;
            try {
                clientFinal = scram.clientFinalMessage(challenge.scramServerFirst());
            } catch (ScramException | IllegalStateException e) {
                throw client.protocolViolation("bad SCRAM server-first-message: " + e.getMessage(), e);
            }
            client.send(new Auth(clientFinal));
            Ready ready = await(client, Ready.class);
            if (!ready.version().compatibleWith(ProtocolVersion.CURRENT)) {
                throw client.protocolViolation("the server speaks protocol " + ready.version() + ", this driver "
                        + ProtocolVersion.SUPPORTED, null);
            }
            try {
                scram.verifyServerFinal(ready.scramServerFinal());
            } catch (ScramException | IllegalStateException e) {
                client.close();
                throw new SQLInvalidAuthorizationSpecException("the server did not prove that it knows the user's "
                        + "password verifier (" + e.getMessage() + "); not trusting it",
                        SqlStates.INVALID_AUTHORIZATION);
            }
            return new Session(client, ready);
        } finally {
            lock.unlock();
        }
    }

    private static <T extends ServerMessage> T await(WireClient client, Class<T> type) throws SQLException {
        while (true) {
            ServerMessage msg = switch (client.receive()) {
                case Reply.Message m -> m.message();
                case Reply.Rows r -> throw client.protocolViolation("ROW_BATCH during login", null);
            };
            if (msg instanceof Warning) continue;          // nothing to attach a login warning to yet
            if (msg instanceof ServerError e) {
                client.close();                             // the server closes after a login error
                throw SqlExceptions.of(e);
            }
            if (type.isInstance(msg)) return type.cast(msg);
            throw client.protocolViolation("expected " + type.getSimpleName() + " during login, got "
                    + msg.getClass().getSimpleName(), null);
        }
    }
}
