package dev.switchboard.protocol.scram;

import static dev.switchboard.protocol.scram.ScramRfc7677Test.CLIENT_FINAL;
import static dev.switchboard.protocol.scram.ScramRfc7677Test.CLIENT_FIRST;
import static dev.switchboard.protocol.scram.ScramRfc7677Test.CLIENT_NONCE;
import static dev.switchboard.protocol.scram.ScramRfc7677Test.PASSWORD;
import static dev.switchboard.protocol.scram.ScramRfc7677Test.SERVER_FINAL;
import static dev.switchboard.protocol.scram.ScramRfc7677Test.SERVER_FIRST;
import static dev.switchboard.protocol.scram.ScramRfc7677Test.SERVER_NONCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramExchangeTest {
    static final ScramVerifier PENCIL = ScramVerifier.parse(ScramRfc7677Test.VERIFIER);
    static final byte[] SERVER_SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final SaltedPasswordCache cache = new SaltedPasswordCache(4, Scram::hi);

    private ScramClient client(String user, String password) {
        return new ScramClient(user, password.toCharArray(), Scram.nonce(), cache);
    }

    private ScramServer serverAfterRfcFirst() throws ScramException {
        var server = new ScramServer(PENCIL, SERVER_NONCE);
        server.serverFirstMessage(CLIENT_FIRST);
        return server;
    }

    private ScramClient clientAfterRfcFinal() throws ScramException {
        var client = new ScramClient("user", PASSWORD, CLIENT_NONCE, cache);
        client.clientFinalMessage(SERVER_FIRST);
        return client;
    }

    @Test
    void wrongPasswordIsRefusedWithoutServerFinal() throws ScramException {
        var client = client("user", "pencil!");
        var server = new ScramServer(PENCIL);
        String serverFirst = server.serverFirstMessage(client.clientFirstMessage());
        assertThat(server.verifyClientFinal(client.clientFinalMessage(serverFirst))).isFalse();
        assertThatIllegalStateException().isThrownBy(server::serverFinalMessage);
    }

    @Test
    void unknownUserLooksLikeAWrongPassword() throws ScramException {
        var client = client("nobody", "pencil");
        var server = ScramServer.forUnknownUser("nobody", SERVER_SECRET);
        String serverFirst = server.serverFirstMessage(client.clientFirstMessage());
        assertThat(serverFirst).matches("r=\\Q" + client.clientFirstMessage().substring(client.clientFirstMessage()
                .indexOf(",r=") + 3) + "\\E[A-Za-z0-9+/]{24},s=[A-Za-z0-9+/]{22}==,i=4096");
        String clientFinal = client.clientFinalMessage(serverFirst);
        assertThat(clientFinal).matches("c=biws,r=[^,]+,p=[A-Za-z0-9+/]{43}=");
        assertThat(server.verifyClientFinal(clientFinal)).isFalse();
        assertThatIllegalStateException().isThrownBy(server::serverFinalMessage);
    }

    @Test
    void unknownUserGetsTheSameSaltEveryTime() throws ScramException {
        String a = ScramServer.forUnknownUser("nobody", SERVER_SECRET).serverFirstMessage(CLIENT_FIRST);
        String b = ScramServer.forUnknownUser("nobody", SERVER_SECRET).serverFirstMessage(CLIENT_FIRST);
        String c = ScramServer.forUnknownUser("somebody", SERVER_SECRET).serverFirstMessage(CLIENT_FIRST);
        assertThat(salt(a)).isEqualTo(salt(b)).isNotEqualTo(salt(c));
        assertThat(Base64.getDecoder().decode(salt(a))).hasSize(16);
    }

    @Test
    void unknownUserFailsEvenWithTheRfcExchange() throws ScramException {
        var server = ScramServer.forUnknownUser("user", SERVER_SECRET, SERVER_NONCE);
        server.serverFirstMessage(CLIENT_FIRST);
        assertThat(server.verifyClientFinal(CLIENT_FINAL)).isFalse();
    }

    @Test
    void unknownUserNeedsAServerSecret() {
        assertThatIllegalArgumentException().isThrownBy(() -> ScramServer.forUnknownUser("u", new byte[15]));
    }

    private static String salt(String serverFirst) {
        return serverFirst.split(",")[1].substring(2);
    }

    @Test
    void userNamesAreEscaped() throws ScramException {
        String first = new ScramClient("a,b=c", PASSWORD, CLIENT_NONCE, cache).clientFirstMessage();
        assertThat(first).isEqualTo("n,,n=a=2Cb=3Dc,r=" + CLIENT_NONCE);
        assertThat(ScramServer.username(first)).isEqualTo("a,b=c");
        assertThat(ScramServer.username("n,,n=,r=abc")).isEmpty();   // libpq sends no user name
        assertThat(ScramServer.username("y,,n=\u00e9l\u00e8ve,r=abc,x=ext")).isEqualTo("\u00e9l\u00e8ve");
    }

    @Test
    void clientThatSupportsChannelBindingIsAccepted() throws ScramException {
        var server = new ScramServer(PENCIL, SERVER_NONCE);
        server.serverFirstMessage("y" + CLIENT_FIRST.substring(1));
        assertThatThrownBy(() -> server.verifyClientFinal(CLIENT_FINAL))   // must echo "y,," (eSws), not "n,,"
                .isInstanceOf(ScramException.class).hasMessageContaining("channel binding");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "n,,",
        "n,,n=user",
        "p=tls-server-end-point,,n=user,r=abc",
        "x,,n=user,r=abc",
        "n,a=admin,n=user,r=abc",
        "n,,m=ext,n=user,r=abc",
        "n,,r=abc,n=user",
        "n,,n=us=2Xer,r=abc",
        "n,,n=user,r=",
        "n,,n=user,r=ab\u00e9",
        "n,n=user,r=abc",
    })
    void serverRefusesMalformedClientFirst(String message) {
        assertThatThrownBy(() -> new ScramServer(PENCIL).serverFirstMessage(message))
                .isInstanceOf(ScramException.class);
        assertThatThrownBy(() -> ScramServer.username(message)).isInstanceOf(ScramException.class);
    }

    @Test
    void serverRefusesOverlongMessages() {
        String huge = "n,,n=" + "u".repeat(5000) + ",r=abc";
        assertThatThrownBy(() -> new ScramServer(PENCIL).serverFirstMessage(huge))
                .isInstanceOf(ScramException.class).hasMessageContaining("longer than");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "c=biws",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
        "c=eSws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndV",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzb*apWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=,x",
    })
    void serverRefusesMalformedClientFinal(String message) throws ScramException {
        var server = serverAfterRfcFirst();
        assertThatThrownBy(() -> server.verifyClientFinal(message)).isInstanceOf(ScramException.class);
        assertThatIllegalStateException().isThrownBy(() -> server.verifyClientFinal(CLIENT_FINAL));   // one try
    }

    @Test
    void serverAcceptsExtensionsBeforeTheProof() throws ScramException {
        // An unknown optional extension is part of the AuthMessage; the RFC proof no longer fits, but it parses.
        var server = serverAfterRfcFirst();
        assertThat(server.verifyClientFinal(CLIENT_FINAL.replace(",p=", ",x=ext,p="))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==",
        "r=XOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=,i=4096",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22Z*J0SNY7soEsUEjb6gQ==,i=4096",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=10000001",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-4096",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4k",
        "m=ext,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "e=other-error",
    })
    void clientRefusesMalformedServerFirst(String message) {
        var client = new ScramClient("user", PASSWORD, CLIENT_NONCE, cache);
        assertThatThrownBy(() -> client.clientFinalMessage(message)).isInstanceOf(ScramException.class);
        assertThatIllegalStateException().isThrownBy(() -> client.clientFinalMessage(SERVER_FIRST));
    }

    @Test
    void clientAcceptsExtensionsAfterTheIterationCount() throws ScramException {
        var client = new ScramClient("user", PASSWORD, CLIENT_NONCE, cache);
        assertThat(client.clientFinalMessage(SERVER_FIRST + ",x=ext")).startsWith("c=biws,r=");
    }

    @Test
    void clientRefusesServerError() throws ScramException {
        var client = clientAfterRfcFinal();
        assertThatThrownBy(() -> client.verifyServerFinal("e=invalid-proof"))
                .isInstanceOf(ScramException.class).hasMessageContaining("invalid-proof");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "v=",
        "v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
        "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G",
        "v=6rri*RBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
        "x=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
        "e=",
        "e=\u0007",
    })
    void clientRefusesBadServerFinal(String message) throws ScramException {
        var client = clientAfterRfcFinal();
        assertThatThrownBy(() -> client.verifyServerFinal(message)).isInstanceOf(ScramException.class);
        assertThatIllegalStateException().isThrownBy(() -> client.verifyServerFinal(SERVER_FINAL));
    }

    @Test
    void stepsMustComeInOrder() throws ScramException {
        assertThatIllegalStateException().isThrownBy(() -> new ScramServer(PENCIL).verifyClientFinal(CLIENT_FINAL));
        assertThatIllegalStateException().isThrownBy(() -> new ScramServer(PENCIL).serverFinalMessage());
        var server = serverAfterRfcFirst();
        assertThatIllegalStateException().isThrownBy(() -> server.serverFirstMessage(CLIENT_FIRST));
        assertThatIllegalStateException().isThrownBy(() -> client("user", "pencil").verifyServerFinal(SERVER_FINAL));
        var client = clientAfterRfcFinal();
        client.verifyServerFinal(SERVER_FINAL);
        assertThatIllegalStateException().isThrownBy(() -> client.verifyServerFinal(SERVER_FINAL));
    }

    @Test
    void clientRefusesBadArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScramClient("a\0b", PASSWORD));
        assertThatIllegalArgumentException().isThrownBy(() -> new ScramClient("a", PASSWORD, "has,comma"));
        assertThatIllegalArgumentException().isThrownBy(() -> new ScramClient("a", PASSWORD, ""));
    }

    @Test
    void clientCopiesThePassword() throws ScramException {
        char[] password = "pencil".toCharArray();
        var client = new ScramClient("user", password, CLIENT_NONCE, cache);
        Arrays.fill(password, 'x');
        assertThat(client.clientFinalMessage(SERVER_FIRST)).isEqualTo(CLIENT_FINAL);
    }

    @Test
    void randomNoncesDiffer() {
        String a = new ScramClient("u", PASSWORD).clientFirstMessage();
        String b = new ScramClient("u", PASSWORD).clientFirstMessage();
        assertThat(a).isNotEqualTo(b).matches("n,,n=u,r=[A-Za-z0-9+/]{24}");
    }
}
