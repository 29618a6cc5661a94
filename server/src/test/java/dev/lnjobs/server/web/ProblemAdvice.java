package dev.lnjobs.server.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * For the controllers' {@code @WebMvcTest} slices in other packages: the one advice that maps errors to
 * problem+json, so that a slice asserts the same status codes and problem bodies the server answers.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ProblemHandler.class)
public class ProblemAdvice {
}
