package dev.switchboard.protocol.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SaltedPasswordCacheTest {
    private final AtomicInteger derivations = new AtomicInteger();
    private final SaltedPasswordCache cache = new SaltedPasswordCache(3, (password, salt, iterations) -> {
        derivations.incrementAndGet();
        return Scram.hi(password, salt, iterations);
    });

    private static final byte[] SALT = ScramRfc7677Test.SALT;

    @Test
    void returnsHiAndDerivesOnlyOnce() {
        byte[] expected = Scram.hi("pencil".toCharArray(), SALT, 4096);
        assertThat(cache.saltedPassword("pencil".toCharArray(), SALT, 4096)).isEqualTo(expected);
        assertThat(cache.saltedPassword("pencil".toCharArray(), SALT, 4096)).isEqualTo(expected);
        assertThat(derivations).hasValue(1);
    }

    @Test
    void keyIncludesPasswordSaltAndIterations() {
        cache.saltedPassword("pencil".toCharArray(), SALT, 4096);
        cache.saltedPassword("pencil!".toCharArray(), SALT, 4096);
        cache.saltedPassword("pencil".toCharArray(), new byte[] {1, 2, 3}, 4096);
        assertThat(cache.saltedPassword("pencil".toCharArray(), SALT, 4097))
                .isEqualTo(Scram.hi("pencil".toCharArray(), SALT, 4097));
        assertThat(derivations).hasValue(4);
    }

    @Test
    void handsOutCopies() {
        byte[] first = cache.saltedPassword("pencil".toCharArray(), SALT, 1);
        byte[] expected = first.clone();
        Arrays.fill(first, (byte) 0);
        assertThat(cache.saltedPassword("pencil".toCharArray(), SALT, 1)).isEqualTo(expected);
    }

    @Test
    void isBoundedAndEvictsTheLeastRecentlyUsed() {
        for (int i = 1; i <= 10; i++) cache.saltedPassword(("p" + i).toCharArray(), SALT, 1);
        assertThat(cache.size()).isEqualTo(3);
        cache.saltedPassword("p8".toCharArray(), SALT, 1);    // hit: p8 becomes the most recently used
        cache.saltedPassword("p11".toCharArray(), SALT, 1);   // evicts p9
        assertThat(derivations).hasValue(11);
        cache.saltedPassword("p8".toCharArray(), SALT, 1);
        cache.saltedPassword("p10".toCharArray(), SALT, 1);
        assertThat(derivations).hasValue(11);
        cache.saltedPassword("p9".toCharArray(), SALT, 1);
        assertThat(derivations).hasValue(12);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void sharedCacheIsBounded() {
        assertThat(SaltedPasswordCache.DEFAULT_MAX_ENTRIES).isEqualTo(64);
        assertThatIllegalArgumentException().isThrownBy(() -> new SaltedPasswordCache(0, Scram::hi));
    }

    @Test
    void clientReconnectsWithoutDerivingAgain() throws ScramException {
        var verifier = ScramVerifier.parse(ScramRfc7677Test.VERIFIER);
        for (int i = 0; i < 3; i++) {
            var client = new ScramClient("user", "pencil".toCharArray(), Scram.nonce(), cache);
            var server = new ScramServer(verifier);
            String serverFirst = server.serverFirstMessage(client.clientFirstMessage());
            assertThat(server.verifyClientFinal(client.clientFinalMessage(serverFirst))).isTrue();
            client.verifyServerFinal(server.serverFinalMessage());
        }
        assertThat(derivations).hasValue(1);
    }
}
