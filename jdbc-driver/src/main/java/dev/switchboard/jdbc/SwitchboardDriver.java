package dev.switchboard.jdbc;

import dev.switchboard.jdbc.internal.Login;
import dev.switchboard.jdbc.internal.Session;
import dev.switchboard.jdbc.internal.SqlExceptions;
import dev.switchboard.jdbc.internal.WireClient;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:switchboard://host[:port][/database][?key=value&…]} (default port 7432). Found by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/java.sql.Driver}) and registered with
 * {@link DriverManager} when loaded. Properties: {@link DriverProperty}; the URL's query wins over
 * {@code Properties} ({@link ConnectionUrl}). Thread-safe and stateless.
 */
public final class SwitchboardDriver implements Driver {
    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;
    /** The jar's Implementation-Version when packaged, else the source version. */
    public static final String VERSION = versionOf(SwitchboardDriver.class.getPackage().getImplementationVersion());

    static {
        try {
            DriverManager.registerDriver(new SwitchboardDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static String versionOf(String implementationVersion) {
        return implementationVersion != null ? implementationVersion : MAJOR_VERSION + "." + MINOR_VERSION + ".0";
    }

    /** Null for a URL of another driver, as {@link Driver#connect} requires. */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) return null;
        return open(ConnectionUrl.parse(url, info), url);
    }

    static SwitchboardConnection open(ConnectionUrl target, String url) throws SQLException {
        Properties props = target.props();
        if (!DriverProperty.SSL.choice(props).equals("disable")) {
            throw new SQLFeatureNotSupportedException("TLS is not available in this version (ssl="
                    + DriverProperty.SSL.get(props) + "); use ssl=disable on a trusted network", "08001");
        }
        String user = DriverProperty.USER.get(props);
        if (user == null || user.isEmpty()) {
            throw SqlExceptions.of(SqlExceptions.INVALID_ATTRIBUTE, "the user property is required");
        }
        String password = DriverProperty.PASSWORD.get(props);
        int fetchSize = DriverProperty.FETCH_SIZE.positiveInt(props);
        boolean prefetch = DriverProperty.PREFETCH.choice(props).equals("true");
        Duration connectTimeout = DriverProperty.CONNECT_TIMEOUT.duration(props);
        Duration socketTimeout = DriverProperty.SOCKET_TIMEOUT.duration(props);
        String applicationName = DriverProperty.APPLICATION_NAME.get(props);

        WireClient client = WireClient.connect(target.host(), target.port(), connectTimeout);
        try {
            Session session = Login.run(client, "switchboard-jdbc " + VERSION, user,
                    password == null ? new char[0] : password.toCharArray(), target.database(), applicationName);
            client.setReadTimeout((int) Math.min(Integer.MAX_VALUE, socketTimeout.toMillis()));
            return new SwitchboardConnection(session, url, user, fetchSize, prefetch);
        } catch (SQLException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConnectionUrl.accepts(url);
    }

    /** Every {@link DriverProperty}, with the value the URL and {@code info} give it. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Properties props = acceptsURL(url) ? ConnectionUrl.parse(url, info).props() : new Properties();
        DriverProperty[] all = DriverProperty.values();
        var infos = new DriverPropertyInfo[all.length];
        for (int i = 0; i < all.length; i++) infos[i] = all[i].info(props);
        return infos;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** False: not every part of JDBC 4.3 (and SQL-92 entry level through every backend) is supported. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    /** The driver does not log through java.util.logging. */
    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw SqlExceptions.unsupported("getParentLogger");
    }
}
