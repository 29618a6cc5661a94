package dev.lnjobs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Whether a Docker daemon answers. A socket connect to each place a daemon may listen comes first: where nothing
 * listens (no socket file, connection refused) it answers within a second, without loading Testcontainers, which
 * would log every strategy it tried. Only where something listens does Testcontainers itself decide.
 */
final class DockerProbe {

    private static final int CONNECT_TIMEOUT_MS = 500;

    private DockerProbe() {
    }

    static boolean daemonAnswers() {
        List<URI> endpoints = endpoints(System.getenv(), Path.of(System.getProperty("user.home")));
        return endpoints.stream().anyMatch(DockerProbe::accepts) && ContainerPostgres.dockerAvailable();
    }

    /** Where a daemon may listen: DOCKER_HOST, Testcontainers' own settings, then the usual sockets. */
    static List<URI> endpoints(Map<String, String> env, Path home) {
        List<URI> endpoints = new ArrayList<>();
        addIfSet(endpoints, env.get("DOCKER_HOST"));
        Properties testcontainers = testcontainersProperties(home.resolve(".testcontainers.properties"));
        addIfSet(endpoints, testcontainers.getProperty("docker.host"));
        addIfSet(endpoints, testcontainers.getProperty("tc.host"));
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock")));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        sockets.forEach(socket -> endpoints.add(URI.create("unix://" + socket.toAbsolutePath())));
        return endpoints;
    }

    /** Something accepts a connection there; an endpoint of another kind (a Windows pipe) is left to Docker. */
    static boolean accepts(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
        switch (scheme) {
            case "unix":
                return acceptsUnix(Path.of(endpoint.getPath()));
            case "tcp":
            case "http":
            case "https":
                return acceptsTcp(endpoint.getHost(), endpoint.getPort() > 0 ? endpoint.getPort() : 2375);
            default:
                return true;
        }
    }

    private static boolean acceptsUnix(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException refused) {
            return false;
        }
    }

    private static boolean acceptsTcp(String host, int port) {
        if (host == null) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException | RuntimeException refused) {
            return false;
        }
    }

    private static void addIfSet(List<URI> endpoints, String value) {
        if (value != null && !value.isBlank()) {
            try {
                endpoints.add(URI.create(value.trim()));
            } catch (IllegalArgumentException notAUri) {
                // Not ours to judge: Testcontainers reports a malformed setting if it is ever asked.
            }
        }
    }

    private static Properties testcontainersProperties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException unreadable) {
                // As if absent: the sockets are still tried.
            }
        }
        return properties;
    }
}
