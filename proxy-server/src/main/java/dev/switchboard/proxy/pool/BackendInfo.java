package dev.switchboard.proxy.pool;

import java.util.Objects;

/** What the backend says it is, from {@link java.sql.DatabaseMetaData}; sent to clients in {@code Ready}. */
public record BackendInfo(String productName, String productVersion) {
    public BackendInfo {
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(productVersion, "productVersion");
    }
}
