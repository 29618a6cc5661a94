package dev.lnjobs.testsupport;

import java.util.function.BooleanSupplier;

/** Where the tests' PostgreSQL comes from, in order of preference. */
enum TestDatabaseSource {

    /** The server {@code TEST_DATABASE_URL} names. */
    EXTERNAL,
    /** A Testcontainers {@code postgres:16}, where a Docker daemon answers. */
    CONTAINER,
    /** An embedded (zonky) PostgreSQL in this JVM's temporary directory. */
    EMBEDDED;

    /** Docker is asked only when {@code TEST_DATABASE_URL} is unset or blank. */
    static TestDatabaseSource select(String testDatabaseUrl, BooleanSupplier dockerAnswers) {
        if (testDatabaseUrl != null && !testDatabaseUrl.isBlank()) {
            return EXTERNAL;
        }
        return dockerAnswers.getAsBoolean() ? CONTAINER : EMBEDDED;
    }
}
