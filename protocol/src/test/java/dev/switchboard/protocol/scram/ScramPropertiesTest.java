package dev.switchboard.protocol.scram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class ScramPropertiesTest {
    private final SaltedPasswordCache cache = new SaltedPasswordCache(8, Scram::hi);

    /** Any password, any user name, any iteration count: client and server agree, both ways. */
    @Property(tries = 60)
    void clientAndServerAgree(@ForAll @StringLength(max = 40) String password, @ForAll String user,
            @ForAll @IntRange(min = 1, max = 64) int iterations) throws ScramException {
        Assume.that(user.indexOf('\0') < 0);
        var verifier = ScramVerifier.create(password.toCharArray(), Scram.randomBytes(16), iterations);
        var client = new ScramClient(user, password.toCharArray(), Scram.nonce(), cache);
        var server = new ScramServer(verifier);
        String clientFirst = client.clientFirstMessage();
        assertThat(ScramServer.username(clientFirst)).isEqualTo(user);
        String serverFirst = server.serverFirstMessage(clientFirst);
        assertThat(server.verifyClientFinal(client.clientFinalMessage(serverFirst))).isTrue();
        client.verifyServerFinal(server.serverFinalMessage());
    }

    /**
     * A password that prepares to different bytes is refused. NUL is left out: HMAC pads keys with zeros, so "a" and
     * "a\0" are the same password to PBKDF2 (PostgreSQL cannot store NUL at all).
     */
    @Property(tries = 60)
    void otherPasswordsAreRefused(@ForAll @StringLength(max = 20) String password,
            @ForAll @StringLength(max = 20) String guess) throws ScramException {
        Assume.that(password.indexOf('\0') < 0 && guess.indexOf('\0') < 0);
        Assume.that(!Arrays.equals(utf8(SaslPrep.prepare(password.toCharArray())),
                utf8(SaslPrep.prepare(guess.toCharArray()))));
        var verifier = ScramVerifier.create(password.toCharArray(), Scram.randomBytes(16), 2);
        var client = new ScramClient("u", guess.toCharArray(), Scram.nonce(), cache);
        var server = new ScramServer(verifier);
        String serverFirst = server.serverFirstMessage(client.clientFirstMessage());
        assertThat(server.verifyClientFinal(client.clientFinalMessage(serverFirst))).isFalse();
    }

    /** What PBKDF2 hashes: unpaired surrogates become '?', as in {@code String.getBytes}. */
    private static byte[] utf8(char[] chars) {
        return new String(chars).getBytes(StandardCharsets.UTF_8);
    }

    /** Garbage from a client is only ever a ScramException, never another exception. */
    @Property(tries = 300)
    void garbageClientMessagesAreOnlyScramExceptions(@ForAll String first, @ForAll String fin) {
        var server = new ScramServer(ScramExchangeTest.PENCIL);
        try {
            server.serverFirstMessage(first);
            server.verifyClientFinal(fin);
        } catch (ScramException expected) {
            // fine
        }
        try {
            var rfcServer = new ScramServer(ScramExchangeTest.PENCIL);
            rfcServer.serverFirstMessage(ScramRfc7677Test.CLIENT_FIRST);
            rfcServer.verifyClientFinal("c=biws,r=" + fin);
        } catch (ScramException expected) {
            // fine
        }
    }

    /** Garbage from a server is only ever a ScramException, never another exception. */
    @Property(tries = 200)
    void garbageServerMessagesAreOnlyScramExceptions(@ForAll String first, @ForAll String fin) {
        var client = new ScramClient("user", ScramRfc7677Test.PASSWORD, ScramRfc7677Test.CLIENT_NONCE, cache);
        try {
            client.clientFinalMessage("r=" + ScramRfc7677Test.CLIENT_NONCE + first);
            client.verifyServerFinal(fin);
        } catch (ScramException expected) {
            // fine
        }
    }
}
