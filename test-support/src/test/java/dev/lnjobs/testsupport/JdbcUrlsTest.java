package dev.lnjobs.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlsTest {

    @Test
    void puts_the_credentials_of_a_postgres_url_into_parameters() {
        assertThat(JdbcUrls.toJdbc("postgres://timmy:s%40cret@db.example:6543/tower?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:6543/tower?sslmode=require&user=timmy&password=s%40cret");
        assertThat(JdbcUrls.toJdbc("postgresql://ci@db/x")).isEqualTo("jdbc:postgresql://db/x?user=ci");
    }

    @Test
    void passes_a_jdbc_url_through() {
        assertThat(JdbcUrls.toJdbc("jdbc:postgresql://localhost:5432/test?user=postgres"))
                .isEqualTo("jdbc:postgresql://localhost:5432/test?user=postgres");
    }

    @Test
    void refuses_other_schemes() {
        assertThatThrownBy(() -> JdbcUrls.toJdbc("mysql://h/db")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void swaps_the_database_and_keeps_the_rest() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h:5/postgres?user=u&password=p", "t1"))
                .isEqualTo("jdbc:postgresql://h:5/t1?user=u&password=p");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h/postgres", "t2")).isEqualTo("jdbc:postgresql://h/t2");
    }

    @Test
    void redacts_the_password() {
        assertThat(JdbcUrls.redacted("jdbc:postgresql://h/db?password=hunter2&user=u"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&user=u");
    }
}
