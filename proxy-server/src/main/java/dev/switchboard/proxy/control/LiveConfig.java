package dev.switchboard.proxy.control;

import dev.switchboard.proxy.auth.Authenticator;
import dev.switchboard.proxy.config.ServerConfig;
import dev.switchboard.proxy.routing.Router;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration the proxy runs on now, with the deciders built from it. A reload swaps the whole {@link Snapshot}
 * in one step, so a login or a database switch sees either the old config or the new one, never a mix. Thread-safe;
 * reads are one volatile load.
 */
public final class LiveConfig {
    /** A config and the deciders built from it; immutable. */
    public record Snapshot(ServerConfig config, Router router, Authenticator authenticator) {
        public Snapshot {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(authenticator, "authenticator");
        }
    }

    private final AtomicReference<Snapshot> current;

    public LiveConfig(ServerConfig config, Clock clock) {
        this.current = new AtomicReference<>(new Snapshot(config, new Router(config),
                new Authenticator(config.users(), clock)));
    }

    public Snapshot current() {
        return current.get();
    }

    public ServerConfig config() {
        return current.get().config();
    }

    public Router router() {
        return current.get().router();
    }

    public Authenticator authenticator() {
        return current.get().authenticator();
    }

    /**
     * Runs on {@code next} from now on; returns the snapshot it replaced. The authenticator keeps its secret (see
     * {@link Authenticator#withUsers}). Callers serialise swaps (the {@link Reloader} does).
     */
    Snapshot swap(ServerConfig next) {
        Snapshot old = current.get();
        Snapshot fresh = new Snapshot(next, new Router(next), old.authenticator().withUsers(next.users()));
        current.set(fresh);
        return old;
    }
}
