package dev.lnjobs.testsupport;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseSourceTest {

    private final AtomicInteger probes = new AtomicInteger();

    private BooleanSupplier docker(boolean answers) {
        return () -> {
            probes.incrementAndGet();
            return answers;
        };
    }

    @Test
    void takes_the_named_server_without_asking_docker() {
        assertThat(TestDatabaseSource.select("postgres://u:p@db:5432/x", docker(true)))
                .isEqualTo(TestDatabaseSource.EXTERNAL);
        assertThat(TestDatabaseSource.select("jdbc:postgresql://db/x", docker(false)))
                .isEqualTo(TestDatabaseSource.EXTERNAL);
        assertThat(probes).hasValue(0);
    }

    @Test
    void takes_a_container_where_docker_answers() {
        assertThat(TestDatabaseSource.select(null, docker(true))).isEqualTo(TestDatabaseSource.CONTAINER);
        assertThat(probes).hasValue(1);
    }

    @Test
    void takes_the_embedded_server_where_docker_does_not_answer() {
        assertThat(TestDatabaseSource.select(null, docker(false))).isEqualTo(TestDatabaseSource.EMBEDDED);
    }

    @Test
    void treats_a_blank_url_as_unset() {
        assertThat(TestDatabaseSource.select("  ", docker(true))).isEqualTo(TestDatabaseSource.CONTAINER);
        assertThat(TestDatabaseSource.select("", docker(false))).isEqualTo(TestDatabaseSource.EMBEDDED);
    }
}
