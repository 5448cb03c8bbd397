package dev.switchboard.protocol.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 example exchange of RFC 7677 section 3, byte for byte, on both sides. */
class ScramRfc7677Test {
    static final char[] PASSWORD = "pencil".toCharArray();
    static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    /** The verifier PostgreSQL stores for "pencil" with the RFC's salt (checked by the exchange tests below). */
    static final String VERIFIER = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
            + "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

    @Test
    void clientProducesTheRfcMessages() throws ScramException {
        var client = new ScramClient("user", PASSWORD, CLIENT_NONCE, new SaltedPasswordCache(4, Scram::hi));
        assertThat(client.clientFirstMessage()).isEqualTo(CLIENT_FIRST);
        assertThat(client.clientFinalMessage(SERVER_FIRST)).isEqualTo(CLIENT_FINAL);
        assertThatNoException().isThrownBy(() -> client.verifyServerFinal(SERVER_FINAL));
    }

    @Test
    void serverProducesTheRfcMessages() throws ScramException {
        var server = new ScramServer(ScramVerifier.create(PASSWORD, SALT, 4096), SERVER_NONCE);
        assertThat(server.serverFirstMessage(CLIENT_FIRST)).isEqualTo(SERVER_FIRST);
        assertThat(server.verifyClientFinal(CLIENT_FINAL)).isTrue();
        assertThat(server.serverFinalMessage()).isEqualTo(SERVER_FINAL);
    }

    @Test
    void clientAndServerAgreeWithEachOther() throws ScramException {
        var client = new ScramClient("user", PASSWORD, CLIENT_NONCE, new SaltedPasswordCache(4, Scram::hi));
        var server = new ScramServer(ScramVerifier.parse(VERIFIER), SERVER_NONCE);
        String serverFirst = server.serverFirstMessage(client.clientFirstMessage());
        assertThat(server.verifyClientFinal(client.clientFinalMessage(serverFirst))).isTrue();
        client.verifyServerFinal(server.serverFinalMessage());
    }

    @Test
    void verifierMatchesTheRfcPassword() {
        assertThat(ScramVerifier.create(PASSWORD, SALT, 4096)).isEqualTo(ScramVerifier.parse(VERIFIER));
        assertThat(ScramVerifier.create(PASSWORD, SALT, 4096).format()).isEqualTo(VERIFIER);
    }
}
