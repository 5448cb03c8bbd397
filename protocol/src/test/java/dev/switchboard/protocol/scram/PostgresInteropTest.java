package dev.switchboard.protocol.scram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifiers made by PostgreSQL 15.20 ({@code create role … password '…'} with {@code password_encryption =
 * 'scram-sha-256'}, then {@code select rolpassword from pg_authid}), so a verifier copied from PostgreSQL works here.
 */
class PostgresInteropTest {
    static final String SECRET = "SCRAM-SHA-256$4096:xW37xC3Y8o1Wuj868/zTdQ==$"
            + "I4y0L/ytqa8CekOtOa8TIqroGxeyF4azGUTfUeBzzVE=:HZIdBiIrgiPscd9Edwi5tbMTWUKhIu7v5GgP7oX3cdo=";

    /**
     * Non-ASCII passwords. {@code same} is a password PostgreSQL's SASLprep turns into the same bytes; {@code other}
     * one that SASLprep would have produced, had PostgreSQL not fallen back to the raw password.
     */
    record Vector(String what, String password, String verifier, String same, String other) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Vector> vectors() {
        return Stream.of(
                new Vector("NFKC folds full-width letters", "\uFF50\uFF41\uFF53\uFF53",
                        "SCRAM-SHA-256$4096:FufvWu18rlFKFivq/mD/IA==$Mr7yOIcrgoR/8X6LX9yB5FzKNjlf7PkfoTn2W0GFl38="
                                + ":zxzXFEC+2vqQL+d5UHMXUtFwFZf4R6RdGRM1tQKjmvM=", "pass", null),
                new Vector("non-ASCII space maps to space", "a\u00A0b",
                        "SCRAM-SHA-256$4096:7fpN82J7Pfx1mn2RVHvRAw==$MfEC9gNsx71qWeu08RbrC4bghXspAsB6ojSdJk3HHo0="
                                + ":1d6ISn8qYjmEZkqLX6XXPGCObMtmLo6he5PChH1U7Vo=", "a b", null),
                new Vector("soft hyphen maps to nothing", "x\u00ADy",
                        "SCRAM-SHA-256$4096:dI0+DJD1mD0n5cfGy+nnQg==$BQUrY/iB0XFgUBL5gThEicePo331o/zyCvCWRzZ/kug="
                                + ":ntCYqa3qiV5rCpHTpG/DFglwcZ6Fn27k5IwOkW9wUAg=", "xy", null),
                new Vector("NFKC composes", "e\u0301",
                        "SCRAM-SHA-256$4096:Vrt9JL9ACnQ/Fb0h1sFYsA==$TTR/aO9kgd0JXl9atg9nKJm7Ej26BAryO/Elcohye0w="
                                + ":P1I7ua3VJdIhLiq+PBNOKluUaHF904fhKBZVVTZfaxc=", "\u00E9", null),
                new Vector("right-to-left text is allowed", "\uFEFB\u0627",
                        "SCRAM-SHA-256$4096:qWym9m6fxKKOZxvwcNofhA==$1UkpxNkwwvgRBywtql7FR+SWFiX3SnOVm8UlbVyp10s="
                                + ":9Sm3xoK4fiLqfMytUTk2+BJ3zlOV2x8GuAI+0PFZjw0=", "\u0644\u0627\u0627", null),
                new Vector("prohibited control character: raw", "\uFB01\u0007",
                        "SCRAM-SHA-256$4096:8KM0Oz+Qjiw2wAPcKSP9ng==$8b9hmk6SZLWGOmfRQBIfsJVEcUXmCArs5pyKJ9Wfzbk="
                                + ":Ja5BSgy5q7bD283oMuFrV/S1lGWVy0wPZBzCXRw3eG0=", null, "fi\u0007"),
                new Vector("unassigned in Unicode 3.2: raw", "\uD83D\uDE00\uFB01",
                        "SCRAM-SHA-256$4096:/8tBbygVDqINntfi4SMpFw==$z0GoyFR7Vi5SodwmMG+YaHFVB7nRd5ZkZmTl5+vUYBs="
                                + ":pSOWFOG+LFh+zoyuWhsk55hBNEw0cRNCNs12+KFiXo8=", null, "\uD83D\uDE00fi"),
                new Vector("mixed-direction text: raw", "\u05D0\uFB01",
                        "SCRAM-SHA-256$4096:ID58qFYM+cjJW6bkTDBCqQ==$f54fPwoA1lKLG5omdnndZQEfdvpUBD4xmFyeOvBJWnI="
                                + ":ylAQO5kI1wEgZ/H9ZQcbd+dRe9PtDEr6GdVUtDcaN38=", null, "\u05D0fi"),
                new Vector("maps to nothing: raw", "\u00AD",
                        "SCRAM-SHA-256$4096:i7Xngqzk/muux68LHdfj7A==$8ZqGBRxEwPXdNvK2mwTWK1LvgiyS2m0KpiT5dB4+Jw0="
                                + ":qXIhJNlGeviqSPCgYMM+asZJTAW/OOo0Qt0//6m7krw=", null, ""));
    }

    @Test
    void loginWithPostgresVerifier() throws ScramException {
        assertThat(login("secret", ScramVerifier.parse(SECRET))).isTrue();
    }

    @Test
    void wrongPasswordFailsWithPostgresVerifier() throws ScramException {
        assertThat(login("Secret", ScramVerifier.parse(SECRET))).isFalse();
    }

    @Test
    void postgresVerifierRoundTrips() {
        assertThat(ScramVerifier.parse(SECRET).format()).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void preparesPasswordsAsPostgresDoes(Vector v) {
        ScramVerifier pg = ScramVerifier.parse(v.verifier());
        assertThat(ScramVerifier.create(v.password().toCharArray(), pg.salt(), pg.iterations())).isEqualTo(pg);
        if (v.same() != null) {
            assertThat(ScramVerifier.create(v.same().toCharArray(), pg.salt(), pg.iterations())).isEqualTo(pg);
        }
        if (v.other() != null) {
            assertThat(ScramVerifier.create(v.other().toCharArray(), pg.salt(), pg.iterations())).isNotEqualTo(pg);
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void logsInWithNonAsciiPasswords(Vector v) throws ScramException {
        assertThat(login(v.password(), ScramVerifier.parse(v.verifier()))).isTrue();
    }

    /** A full exchange; true if the server accepts the proof (the client then checks the server's signature). */
    static boolean login(String password, ScramVerifier verifier) throws ScramException {
        var cache = new SaltedPasswordCache(4, Scram::hi);
        var client = new ScramClient("someone", password.toCharArray(), Scram.nonce(), cache);
        var server = new ScramServer(verifier);
        String serverFirst = server.serverFirstMessage(client.clientFirstMessage());
        if (!server.verifyClientFinal(client.clientFinalMessage(serverFirst))) return false;
        client.verifyServerFinal(server.serverFinalMessage());
        return true;
    }
}
