package io.linia.test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for a test class: S3Proxy (the complete S3 REST API with SigV4 over a local
 * directory), run as its own JVM from {@code target/s3proxy/s3proxy.jar} (copied there by the
 * build) on a free port of 127.0.0.1. It fails with a clear message when it does not start: a
 * test that needs it must not pass without it. {@link #close()} stops it.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "linia-test";
    public static final String SECRET_KEY = "linia-test-secret";

    private final Path dir;
    private final int port;
    private final Process process;

    private S3ProxyServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static S3ProxyServer start() {
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin, server/pom.xml)");
        }
        try {
            Path dir = Path.of("target", "s3", Long.toString(System.nanoTime())).toAbsolutePath();
            Files.createDirectories(dir.resolve("data"));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dir.resolve("data"), ""));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--properties", dir.resolve("s3proxy.conf").toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            S3ProxyServer server = new S3ProxyServer(dir, port, p);
            try {
                server.awaitReady();
            } catch (RuntimeException | IOException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start S3Proxy: " + e.getMessage(), e);
        }
    }

    /** Any HTTP answer (403 to an unsigned request) means it listens. */
    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("S3Proxy did not listen within 60 s: " + Files.readString(dir.resolve("s3proxy.log")));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where a bucket's objects lie on disk (the filesystem back end: one file per object). */
    public Path bucketDir(String bucket) {
        return dir.resolve("data").resolve(bucket);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
