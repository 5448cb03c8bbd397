package dev.switchboard.proxy.pool;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The DataSource a HikariCP pool opens its physical connections through: it takes a {@link ConnectionBudget} permit
 * before opening and gives it back exactly once when the connection is closed or aborted. Only HikariCP's connection
 * adder calls {@link #getConnection()}, on its own thread, so waiting for a permit blocks nobody else.
 *
 * <p>The adder and HikariCP's closer are virtual threads: the login and the close each run in one piece on a platform
 * thread ({@link PlatformIo#whole}), one hand-off each instead of one per socket operation.
 */
final class BudgetedDataSource implements DataSource {
    private final DataSource driver;
    private final ConnectionBudget budget;
    private final String database;
    private final BooleanSupplier stillWanted;

    BudgetedDataSource(DataSource driver, ConnectionBudget budget, String database, BooleanSupplier stillWanted) {
        this.driver = driver;
        this.budget = budget;
        this.database = database;
        this.stillWanted = stillWanted;
    }

    @Override
    public Connection getConnection() throws SQLException {
        budget.acquire(database, stillWanted);
        try {
            return permitReturningOnClose(PlatformIo.whole(driver::getConnection, SQLException.class));
        } catch (SQLException | RuntimeException e) {
            budget.release(database);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("pools open connections with their configured credentials");
    }

    private Connection permitReturningOnClose(Connection physical) {
        var released = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if ((name.equals("close") || name.equals("abort")) && released.compareAndSet(false, true)) {
                try {
                    if (name.equals("close")) {
                        // Terminate, then the wait for the backend to exit (BackendSocket.close): one hop for both
                        return PlatformIo.whole(() -> {
                            physical.close();
                            return null;
                        }, SQLException.class);
                    }
                    return invoke(physical, method, args);
                } finally {
                    budget.release(database);
                }
            }
            return invoke(physical, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private static Object invoke(Connection target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        return driver.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || driver.isWrapperFor(iface);
    }
}
