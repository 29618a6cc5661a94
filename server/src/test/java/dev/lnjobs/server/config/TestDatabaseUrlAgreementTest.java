package dev.lnjobs.server.config;

import dev.lnjobs.testsupport.JdbcUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** test-support reads TEST_DATABASE_URL with a parser of its own (it cannot see server's): both must agree. */
class TestDatabaseUrlAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres://timmy:s%40cret@db.example:6543/tower?sslmode=require",
            "postgresql://u:hunter2@h/db", "postgres://ci@db:5432/x", "postgres://db/x",
            "jdbc:postgresql://localhost:5432/test?user=postgres"})
    void reads_a_url_as_the_server_does(String url) {
        DatabaseUrl server = DatabaseUrl.parse(url);
        assertThat(JdbcUrls.toJdbc(url)).isEqualTo(asOneUrl(server));
    }

    @Test
    void refuses_what_the_server_refuses() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/db")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JdbcUrls.toJdbc("mysql://h/db")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String asOneUrl(DatabaseUrl url) {
        if (url.username() == null) {
            return url.jdbcUrl();
        }
        String separator = url.jdbcUrl().contains("?") ? "&" : "?";
        String password = url.password() == null ? "" : "&password=" + encode(url.password());
        return url.jdbcUrl() + separator + "user=" + encode(url.username()) + password;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
