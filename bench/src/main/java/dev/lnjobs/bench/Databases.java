package dev.lnjobs.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The bench's databases, all on one PostgreSQL server: created fresh for each run. */
final class Databases {

    private Databases() {
    }

    /** Creates the database and answers its JDBC URL (the admin URL's server, credentials and parameters). */
    static String create(String adminUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        int start = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int end = adminUrl.indexOf('?', start);
        return adminUrl.substring(0, start + 1) + name + (end < 0 ? "" : adminUrl.substring(end));
    }

    /** Forces a checkpoint, where the bench's user may (a superuser, as on the embedded server); else nothing. */
    static void checkpoint(String adminUrl) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException notAllowed) {
            System.err.println("[bench] no CHECKPOINT: " + notAllowed.getMessage());
        }
    }

    static long countEvents(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * The PostgreSQL postmaster's process id, from postmaster.pid in its data directory, when that is readable
     * here (the embedded server; a server on this machine the bench's user may read); else -1.
     */
    static long postmasterPid(String adminUrl) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW data_directory")) {
            r.next();
            Path pidFile = Path.of(r.getString(1), "postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return Files.isReadable(Path.of("/proc/" + pid + "/stat")) ? pid : -1;
        } catch (SQLException | IOException | RuntimeException unknown) {
            System.err.println("[bench] PostgreSQL's CPU is not measured: " + unknown.getMessage());
            return -1;
        }
    }

    /** Accepts postgres://user:pass@host:port/db as well as JDBC URLs. */
    static String toJdbc(String url) {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        URI uri = URI.create(url);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath());
        String sep = "?";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            jdbc.append(sep).append("user=").append(parts[0]);
            sep = "&";
            if (parts.length > 1) {
                jdbc.append("&password=").append(parts[1]);
            }
        }
        if (uri.getRawQuery() != null) {
            jdbc.append(sep).append(uri.getRawQuery());
        }
        return jdbc.toString();
    }
}
