package dev.lnjobs.server.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void reads_the_seeds_postgres_url_form() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://timmy:s%40cret@db.example:6543/timmy_tower?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/timmy_tower?sslmode=require");
        assertThat(url.username()).isEqualTo("timmy");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void passes_a_jdbc_url_through() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/test?user=postgres");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/test?user=postgres");
        assertThat(url.username()).isNull();
    }

    @Test
    void never_prints_the_password() {
        assertThat(DatabaseUrl.parse("postgresql://u:hunter2@h/db").toString()).doesNotContain("hunter2");
    }

    @Test
    void refuses_other_schemes() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/db")).isInstanceOf(IllegalArgumentException.class);
    }
}
