package io.linia.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MariaDB server (Debian's mariadb-server, scripts/install-deps) for a test class:
 * a fresh data directory under target/, a free TCP port on 127.0.0.1, root with a password
 * over TCP. It fails with a clear message when MariaDB is not installed or does not start: a
 * test that needs it must not pass without it. {@link #close()} stops it.
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String ROOT_PASSWORD = "root-test";

    private final Path dir;
    private final int port;
    private final Process process;

    private MariaDbServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static MariaDbServer start() {
        try {
            Path dir = Path.of("target", "mariadb", Long.toString(System.nanoTime())).toAbsolutePath();
            Files.createDirectories(dir);
            String user = System.getProperty("user.name");
            run(dir.resolve("install.log"), "mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--user=" + user);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder(List.of("mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--socket=" + dir.resolve("mysqld.sock"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--pid-file=" + dir.resolve("mysqld.pid"), "--log-error=" + dir.resolve("error.log"),
                    "--innodb-buffer-pool-size=32M", "--user=" + user))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.out").toFile()).start();
            MariaDbServer server = new MariaDbServer(dir, port, p);
            try {
                server.awaitReady();
            } catch (RuntimeException | IOException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start MariaDB (mariadb-server installed? scripts/install-deps): "
                    + e.getMessage(), e);
        }
    }

    private static void run(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until root can log in over the socket (the mariadb client), then gives it a password for TCP. */
    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String sql = "select 1";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited: " + log());
            }
            Process p = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + dir.resolve("mysqld.sock"),
                    "--user=root", "-e", sql).redirectErrorStream(true).redirectOutput(dir.resolve("client.log").toFile())
                    .start();
            try {
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    run(dir.resolve("client.log"), "mariadb", "--no-defaults", "--socket=" + dir.resolve("mysqld.sock"),
                            "--user=root", "-e", "create or replace user 'root'@'127.0.0.1' identified by '"
                                    + ROOT_PASSWORD + "'; grant all on *.* to 'root'@'127.0.0.1' with grant option;"
                                    + " alter user 'root'@'localhost' identified by '" + ROOT_PASSWORD + "';");
                    return;
                }
                p.destroyForcibly();
                Thread.sleep(100); // a process starting up: nothing to advance a clock for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("MariaDB did not get ready in 30 s: " + log() + Files.readString(dir.resolve("client.log")));
    }

    private String log() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : Files.readString(dir.resolve("mariadbd.out"));
    }

    public int port() {
        return port;
    }

    /** A root connection over TCP to {@code database} ("" for none). */
    public Connection root(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database, "root", ROOT_PASSWORD);
    }

    /** Runs statements separated by ";" at line ends (a schema file). */
    public void script(String database, String sql) throws SQLException {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                statements.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        try (Connection c = root(database); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: mariadbd shuts down cleanly
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
