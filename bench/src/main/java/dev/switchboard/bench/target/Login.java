package dev.switchboard.bench.target;

import java.util.Objects;

/** A user name and password the bench logs in with (bench-only credentials; toString hides the password). */
public record Login(String user, String password) {
    public Login {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Login[" + user + "]";
    }
}
