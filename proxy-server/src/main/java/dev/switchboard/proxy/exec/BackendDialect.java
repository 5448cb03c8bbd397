package dev.switchboard.proxy.exec;

import java.sql.SQLException;
import java.util.Locale;

/** What differs between backends where Switchboard has to care. */
enum BackendDialect {
    /**
     * pgjdbc streams a result (honours the fetch size) only inside a transaction; in autocommit it reads the whole
     * result into memory. Queries in autocommit therefore run in an implicit transaction that is committed when
     * their cursor closes, so proxy memory stays bounded (DESIGN.md "Results are pulled").
     */
    POSTGRESQL(true),
    OTHER(false);

    private final boolean streamsOnlyInTransaction;

    BackendDialect(boolean streamsOnlyInTransaction) {
        this.streamsOnlyInTransaction = streamsOnlyInTransaction;
    }

    static BackendDialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : OTHER;
    }

    boolean streamsOnlyInTransaction() {
        return streamsOnlyInTransaction;
    }

    /**
     * True when pgjdbc refused a result larger than its {@code maxResultBuffer}. pgjdbc reports it as 08006 although
     * the connection is fine; its message is the only mark.
     */
    static boolean exceededResultBuffer(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("maxResultBuffer")) return true;
        }
        return false;
    }

    /**
     * True when {@code sql} starts with a keyword of a statement that returns rows (SELECT, WITH, VALUES, TABLE,
     * SHOW, EXPLAIN), skipping blanks, comments and opening parentheses. Statements that may not run inside a
     * transaction block (VACUUM, CREATE DATABASE, …) are never among these.
     */
    static boolean returnsRows(String sql) {
        int i = skipNoise(sql, 0);
        int end = i;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) end++;
        String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
        return switch (word) {
            case "SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN" -> true;
            default -> false;
        };
    }

    private static int skipNoise(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? sql.length() : close + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
