package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.SqlExceptions;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for frameworks that want one. Give either {@link #setUrl a URL} or server name, port and
 * database; user, password and any other {@link DriverProperty} through the setters or {@link #setProperty}.
 * Properties in the URL's query win, as with the driver. Not a pool: each {@code getConnection} opens a session.
 * Setters are not thread-safe; configure it before sharing it.
 */
public final class SwitchboardDataSource implements DataSource {
    private final Properties props = new Properties();
    private String url;
    private String serverName = "localhost";
    private int portNumber = ConnectionUrl.DEFAULT_PORT;
    private String databaseName = "";
    private PrintWriter logWriter;

    @Override
    public Connection getConnection() throws SQLException {
        return open(props);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        var p = new Properties();
        p.putAll(props);
        setOrRemove(p, DriverProperty.USER, username);
        setOrRemove(p, DriverProperty.PASSWORD, password);
        return open(p);
    }

    private Connection open(Properties p) throws SQLException {
        String target = getUrl();
        return SwitchboardDriver.open(ConnectionUrl.parse(target, p), target);
    }

    /** The URL set, else one built from server name, port and database. */
    public String getUrl() {
        if (url != null) return url;
        String host = serverName.contains(":") ? "[" + serverName + "]" : serverName;
        return ConnectionUrl.PREFIX + "//" + host + ":" + portNumber
                + (databaseName.isEmpty() ? "" : "/" + java.net.URLEncoder.encode(databaseName,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getServerName() {
        return serverName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName;
    }

    public int getPortNumber() {
        return portNumber;
    }

    public void setPortNumber(int portNumber) {
        this.portNumber = portNumber;
    }

    public String getDatabaseName() {
        return databaseName;
    }

    public void setDatabaseName(String databaseName) {
        this.databaseName = databaseName == null ? "" : databaseName;
    }

    public String getUser() {
        return props.getProperty(DriverProperty.USER.key());
    }

    public void setUser(String user) {
        setOrRemove(props, DriverProperty.USER, user);
    }

    public void setPassword(String password) {
        setOrRemove(props, DriverProperty.PASSWORD, password);
    }

    /** Sets any {@link DriverProperty} by key; an unknown key is refused (HY024). */
    public void setProperty(String key, String value) throws SQLException {
        DriverProperty p = DriverProperty.byKey(key);
        if (p == null) throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "unknown driver property " + key);
        setOrRemove(props, p, value);
    }

    public String getProperty(String key) {
        DriverProperty p = DriverProperty.byKey(key);
        return p == null || p == DriverProperty.PASSWORD ? null : p.get(props);
    }

    private static void setOrRemove(Properties p, DriverProperty key, String value) {
        if (value == null) p.remove(key.key());
        else p.setProperty(key.key(), value);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** Kept for the interface; the driver writes nothing to it. */
    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Sets {@link DriverProperty#CONNECT_TIMEOUT}; 0 = no limit. */
    @Override
    public void setLoginTimeout(int seconds) {
        props.setProperty(DriverProperty.CONNECT_TIMEOUT.key(), Integer.toString(Math.max(0, seconds)));
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return (int) DriverProperty.CONNECT_TIMEOUT.duration(props).toSeconds();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw SqlExceptions.unsupported("getParentLogger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlExceptions.of(SqlExceptions.GENERAL_ERROR, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
