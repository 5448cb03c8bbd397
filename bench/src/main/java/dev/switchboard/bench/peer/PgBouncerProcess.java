package dev.switchboard.bench.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * PgBouncer on loopback with a generated ini: transaction pooling, md5 auth against a generated userlist (which
 * also gives PgBouncer its server passwords), the bench database with a pool of {@code appPoolSize}, every other database (the tenants) through the {@code *}
 * fallback with {@code tenantPoolSize} server connections each and at most {@code tenantBudget} for the tenant
 * user over all of them ({@code max_user_connections}: PgBouncer's way to bound a user's total). PgBouncer refuses
 * to run as root, so as root it is started as the {@code postgres} user (setpriv execs it: same pid).
 */
public final class PgBouncerProcess {
    /**
     * Clients log in to PgBouncer, and PgBouncer to PostgreSQL, as the bench's users with this suffix (roles made by
     * bench/setup-data.sh), so that pg_stat_activity tells PgBouncer's backends apart. The user is not forced in
     * the ini ({@code user=}): PgBouncer makes a separate forced user per database, and max_user_connections would
     * then bound each tenant alone instead of all of them.
     */
    public static final String ROLE_SUFFIX = "_pgbouncer";

    private PgBouncerProcess() {
    }

    /** Removes the generated ini, userlist, log and pid file. Idempotent. */
    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // already gone, or not ours to remove: nothing else depends on it
        }
    }

    /**
     * @param users user → password (the bench's own throwaway credentials); PgBouncer's users get {@link #ROLE_SUFFIX}
     */
    public static ManagedProcess start(String binary, String pgHost, int pgPort, String appDatabase, int appPoolSize, String tenantUser, int tenantPoolSize, int tenantBudget,
                                       Map<String, String> users, Path logDir) throws IOException {
        int port = ManagedProcess.freePort();
        Path dir = Files.createTempDirectory("sb-bench-pgbouncer-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));  // umask-proof
        var userlist = new StringBuilder();
        users.forEach((user, p) -> {
            String u = user + ROLE_SUFFIX;
            // Plain text: PgBouncer checks md5 logins against it and also logs in to PostgreSQL with it, whatever
            // PostgreSQL's own auth method (trust, md5, scram-sha-256). Throwaway bench passwords only.
            userlist.append('"').append(u).append("\" \"").append(p).append("\"\n");
        });
        Path userFile = dir.resolve("userlist.txt");
        Files.writeString(userFile, userlist, StandardCharsets.UTF_8);
        String ini = """
                [databases]
                %1$s = host=%2$s port=%3$d dbname=%1$s pool_size=%4$d
                * = host=%2$s port=%3$d

                [users]
                %5$s = max_user_connections=%7$d

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %8$d
                unix_socket_dir =
                auth_type = md5
                auth_file = %9$s
                pool_mode = transaction
                default_pool_size = %6$d
                max_client_conn = 5000
                server_idle_timeout = 30
                ignore_startup_parameters = extra_float_digits
                log_connections = 0
                log_disconnections = 0
                logfile = %10$s
                pidfile = %11$s
                """.formatted(appDatabase, pgHost, pgPort, appPoolSize, tenantUser + ROLE_SUFFIX, tenantPoolSize,
                tenantBudget, port, userFile, dir.resolve("pgbouncer.log"), dir.resolve("pgbouncer.pid"));
        Path iniFile = dir.resolve("pgbouncer.ini");
        Files.writeString(iniFile, ini, StandardCharsets.UTF_8);
        for (Path f : List.of(userFile, iniFile)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        var command = new ArrayList<String>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
        }
        command.addAll(List.of(binary, iniFile.toString()));
        return ManagedProcess.start("pgbouncer", command, Map.of(), dir, logDir.resolve("pgbouncer.out"), port,
                Duration.ofSeconds(20), () -> deleteQuietly(dir));
    }

}
