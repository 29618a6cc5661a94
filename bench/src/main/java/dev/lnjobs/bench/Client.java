package dev.lnjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP to the server under test: blocking HTTP/1.1 with keep-alive, the calling thread doing its own I/O. The bench
 * shares the machine with the server, so its client must cost little: java.net.http's client handed every request
 * to a selector thread and back, two more thread switches per request on a 2-core machine.
 */
final class Client {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a watching read asks the server to hold it (Prefer: wait). */
    static final int WAIT_SECONDS = 10;

    static {
        // the JDK keeps at most 5 idle connections per server unless told: one per client thread is needed
        System.setProperty("http.maxConnections", "256");
    }

    private final String base;

    Client(String base) {
        this.base = base;
    }

    /** A read of a job: 200 with its ETag and body, or 304 (body null) when the ETag sent is still current. */
    record JobRead(int status, String etag, JsonNode body) {
    }

    boolean healthy() {
        try {
            HttpURLConnection c = open("/api/health", 2000);
            return c.getResponseCode() == 200 && body(c) != null;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    JsonNode getJson(String path) throws IOException {
        HttpURLConnection c = open(path, 30_000);
        int status = c.getResponseCode();
        byte[] body = body(c);
        if (status != 200) {
            throw new IOException("GET " + path + " answered " + status);
        }
        return JSON.readTree(body);
    }

    JsonNode post(String path, String json) throws IOException {
        HttpURLConnection c = open(path, 30_000);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            c.setRequestProperty("Content-Type", "application/json");
        }
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes);
        }
        int status = c.getResponseCode();
        byte[] body = body(c);
        if (status / 100 != 2) {
            throw new IOException("POST " + path + " answered " + status + ": "
                    + new String(body, StandardCharsets.UTF_8));
        }
        return JSON.readTree(body);
    }

    /** GET /api/jobs/{id}; with an ETag, a long poll the server holds until the job changes (or 304). */
    JobRead readJob(String id, String etag) throws IOException {
        HttpURLConnection c = open("/api/jobs/" + id, (WAIT_SECONDS + 20) * 1000);
        if (etag != null) {
            c.setRequestProperty("If-None-Match", etag);
            c.setRequestProperty("Prefer", "wait=" + WAIT_SECONDS);
        }
        int status = c.getResponseCode();
        byte[] body = body(c);
        if (status == 304) {
            return new JobRead(304, etag, null);
        }
        if (status != 200) {
            throw new IOException("GET /api/jobs/" + id + " answered " + status);
        }
        return new JobRead(200, c.getHeaderField("ETag"), JSON.readTree(body));
    }

    private HttpURLConnection open(String path, int readTimeoutMillis) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(readTimeoutMillis);
        c.setUseCaches(false);
        return c;
    }

    /** Reads the whole body (the error body too), which lets the connection go back to the keep-alive cache. */
    private static byte[] body(HttpURLConnection c) throws IOException {
        InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }
}
