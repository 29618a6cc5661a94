package dev.lnjobs.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The Testcontainers side, in a class of its own so that nothing loads Testcontainers where Docker is absent. */
final class ContainerPostgres {

    private ContainerPostgres() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts the container (Testcontainers' Ryuk removes it when the JVM ends); answers its admin JDBC URL. */
    static String start(String image) {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(image))
                // Several cached Spring contexts, each with its own pool, share this one server.
                .withCommand("postgres", "-c", "max_connections=400", "-c", "fsync=off");
        container.start();
        return JdbcUrls.withCredentials(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
}
