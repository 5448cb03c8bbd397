package dev.switchboard.proxy.auth;

import dev.switchboard.proxy.config.UserConfig;

import java.util.Objects;

/** An authenticated user. */
public record Principal(String name, UserConfig user) {
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
    }
}
