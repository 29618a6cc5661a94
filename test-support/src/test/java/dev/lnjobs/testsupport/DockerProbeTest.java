package dev.lnjobs.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DockerProbeTest {

    @TempDir
    Path home;

    @Test
    void looks_at_docker_host_then_testcontainers_settings_then_the_usual_sockets() throws IOException {
        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=tcp\\://builder\\:2376\n");
        var endpoints = DockerProbe.endpoints(Map.of("DOCKER_HOST", "tcp://docker:2375", "XDG_RUNTIME_DIR",
                "/run/user/1000"), home);
        assertThat(endpoints).startsWith(URI.create("tcp://docker:2375"), URI.create("tcp://builder:2376"))
                .contains(URI.create("unix:///var/run/docker.sock"), URI.create("unix:///run/user/1000/docker.sock"),
                        URI.create("unix://" + home.resolve(".docker/run/docker.sock")));
    }

    @Test
    void answers_no_at_once_where_nothing_listens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(DockerProbe.accepts(URI.create("unix://" + home.resolve("docker.sock")))).isFalse();
            assertThat(DockerProbe.accepts(URI.create("tcp://127.0.0.1:" + port))).isFalse();
        });
    }

    @Test
    void decides_within_seconds_on_this_machine() {
        // Where no daemon listens (these build machines) this is the socket checks alone, well under a second.
        assertTimeoutPreemptively(Duration.ofSeconds(10), DockerProbe::daemonAnswers);
    }

    @Test
    void answers_no_for_a_socket_file_nobody_listens_on() throws IOException {
        Path socket = home.resolve("stale.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        // The file outlives its listener, as a daemon's socket does after a crash.
        assertThat(socket).exists();
        assertThat(DockerProbe.accepts(URI.create("unix://" + socket))).isFalse();
    }

    @Test
    void answers_yes_where_something_listens() throws IOException {
        Path socket = home.resolve("docker.sock");
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ServerSocket tcp = new ServerSocket(0)) {
            unix.bind(UnixDomainSocketAddress.of(socket));
            assertThat(DockerProbe.accepts(URI.create("unix://" + socket))).isTrue();
            assertThat(DockerProbe.accepts(URI.create("tcp://127.0.0.1:" + tcp.getLocalPort()))).isTrue();
        }
    }
}
