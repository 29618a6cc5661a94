package dev.lnjobs.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The root of query-side's test slices: entities and repositories under {@code dev.lnjobs.query}, no server. */
@SpringBootApplication
public class ProjectionTestApplication {
}
