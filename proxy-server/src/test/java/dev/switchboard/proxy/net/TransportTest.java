package dev.switchboard.proxy.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Netty transport the wire listener uses: epoll where it is there, unless NIO is forced or dedicated session
 * threads could not take an epoll channel's socket over (a JVM that does not open sun.nio.ch: EpollAdoption).
 */
class TransportTest {
    @Test
    void epollWhereItIsThereAndItsSocketsCanBeTakenOver() {
        assertThat(Transport.choose("auto", true, true, true)).isEqualTo(Transport.EPOLL);
        assertThat(Transport.choose("auto", false, true, false)).isEqualTo(Transport.EPOLL);
    }

    @Test
    void nioWhenDedicatedThreadsCannotTakeEpollSocketsOver() {
        assertThat(Transport.choose("auto", true, true, false)).isEqualTo(Transport.NIO);
    }

    @Test
    void nioWithoutEpollOrWhenForced() {
        assertThat(Transport.choose("auto", false, false, false)).isEqualTo(Transport.NIO);
        assertThat(Transport.choose("NIO", true, true, true)).isEqualTo(Transport.NIO);
        assertThat(Transport.choose("nio", false, true, true)).isEqualTo(Transport.NIO);
    }

    /** The tests' JVMs open sun.nio.ch, as the proxy jar's manifest does: here the take-over is possible. */
    @Test
    void thisJvmCanAdoptEpollSockets() {
        assertThat(EpollAdoption.available()).isTrue();
    }
}
