package dev.switchboard.protocol.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramVerifierTest {
    static final String VERIFIER = ScramRfc7677Test.VERIFIER;

    @Test
    void parseFormatRoundTrip() {
        ScramVerifier v = ScramVerifier.parse(VERIFIER);
        assertThat(v.iterations()).isEqualTo(4096);
        assertThat(v.salt()).isEqualTo(ScramRfc7677Test.SALT);
        assertThat(v.format()).isEqualTo(VERIFIER);
        assertThat(ScramVerifier.parse(v.format())).isEqualTo(v).hasSameHashCodeAs(v);
    }

    @Test
    void parseAcceptsMissingBase64Padding() {
        assertThat(ScramVerifier.parse(VERIFIER.replace("=", ""))).isEqualTo(ScramVerifier.parse(VERIFIER));
    }

    static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    static final String STORED = "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=";
    static final String SERVER = "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "md5a3556571e93b0d20722ba62be61e8c2d",
        "SCRAM-SHA-1$4096:" + SALT + "$" + STORED + ":" + SERVER,
        " SCRAM-SHA-256$4096:" + SALT + "$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$4096:" + SALT,
        "SCRAM-SHA-256$4096:" + SALT + "$" + STORED,
        "SCRAM-SHA-256$4096:" + SALT + "$" + STORED + ":" + SERVER + ":x",
        "SCRAM-SHA-256$4096:" + SALT + "$" + STORED + ":" + SERVER + "$x",
        "SCRAM-SHA-256$4096:" + SALT + ":x$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$0:" + SALT + "$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$-1:" + SALT + "$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$+4096:" + SALT + "$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$99999999999:" + SALT + "$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$x:" + SALT + "$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$4096:$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$4096:W22Z*J0SNY7soEsUEjb6gQ==$" + STORED + ":" + SERVER,
        "SCRAM-SHA-256$4096:" + SALT + "$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4q=:" + SERVER,
        "SCRAM-SHA-256$4096:" + SALT + "$" + STORED + ":c2VjcmV0LXNlcnZlci1rZXk=",
    })
    void parseRefusesMalformedTextWithoutEchoingIt(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ScramVerifier.parse(text))
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("W22Z", "WG5d", "wfPL", "c2Vj", "a3556571");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void toStringShowsOnlyTheIterations() {
        assertThat(ScramVerifier.parse(VERIFIER)).hasToString("ScramVerifier[iterations=4096]");
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] salt = {1, 2, 3};
        var v = new ScramVerifier(1, salt, new byte[32], new byte[32]);
        salt[0] = 9;
        v.salt()[1] = 9;
        v.storedKey()[0] = 9;
        v.serverKey()[0] = 9;
        assertThat(v).isEqualTo(new ScramVerifier(1, new byte[] {1, 2, 3}, new byte[32], new byte[32]));
    }

    @Test
    void equalityComparesContents() {
        var v = new ScramVerifier(4096, new byte[] {1}, new byte[32], new byte[32]);
        assertThat(v).isEqualTo(new ScramVerifier(4096, new byte[] {1}, new byte[32], new byte[32]))
                .hasSameHashCodeAs(new ScramVerifier(4096, new byte[] {1}, new byte[32], new byte[32]))
                .isNotEqualTo(new ScramVerifier(4097, new byte[] {1}, new byte[32], new byte[32]))
                .isNotEqualTo(new ScramVerifier(4096, new byte[] {2}, new byte[32], new byte[32]));
        byte[] other = new byte[32];
        other[31] = 1;
        assertThat(v).isNotEqualTo(new ScramVerifier(4096, new byte[] {1}, other, new byte[32]))
                .isNotEqualTo(new ScramVerifier(4096, new byte[] {1}, new byte[32], other));
    }

    @Test
    void constructorChecksComponents() {
        byte[] key = new byte[32];
        assertThatIllegalArgumentException().isThrownBy(() -> new ScramVerifier(0, new byte[1], key, key))
                .withMessageContaining("iterations");
        assertThatIllegalArgumentException().isThrownBy(() -> new ScramVerifier(10_000_001, new byte[1], key, key))
                .withMessageContaining("iterations");
        assertThatIllegalArgumentException().isThrownBy(() -> new ScramVerifier(1, new byte[0], key, key))
                .withMessageContaining("salt");
        assertThatIllegalArgumentException().isThrownBy(() -> new ScramVerifier(1, new byte[1], new byte[31], key))
                .withMessageContaining("storedKey");
        assertThatIllegalArgumentException().isThrownBy(() -> new ScramVerifier(1, new byte[1], key, new byte[33]))
                .withMessageContaining("serverKey");
    }

    @Test
    void createUsesRandomSaltAndPostgresDefaults() {
        char[] password = "pencil".toCharArray();
        ScramVerifier a = ScramVerifier.create(password);
        ScramVerifier b = ScramVerifier.create(password);
        assertThat(a.iterations()).isEqualTo(4096);
        assertThat(a.salt()).hasSize(16);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(password).containsExactly("pencil".toCharArray());   // not cleared: the caller owns it
        assertThat(ScramVerifier.create(password, a.salt(), 4096)).isEqualTo(a);
    }
}
