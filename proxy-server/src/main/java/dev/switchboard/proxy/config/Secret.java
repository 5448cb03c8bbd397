package dev.switchboard.proxy.config;

import java.util.Objects;

/** A secret value (backend password, admin token). Never printed: records that hold one stay safe to log. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "******";
    }
}
