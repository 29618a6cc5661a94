package dev.lnjobs.server.support;

import dev.lnjobs.server.LnJobsApplication;
import dev.lnjobs.testsupport.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole server on a random port, on a database of its own, with every external service stubbed. */
@SpringBootTest(classes = LnJobsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabases.freshDatabase();
        registry.add("lnjobs.database.url", () -> url);
        TestSettings.forEach(registry::add);
    }

    protected ApiClient api() {
        ApiClient client = new ApiClient("http://localhost:" + port);
        return validatesAgainstOpenApi() ? client.validated() : client;
    }

    /** True in the walkthrough tests: every answer they get is checked against the OpenAPI document. */
    protected boolean validatesAgainstOpenApi() {
        return false;
    }
}
