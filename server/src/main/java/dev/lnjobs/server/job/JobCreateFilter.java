package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.lnjobs.server.limits.CreationLimitInterceptor;
import dev.lnjobs.server.limits.RateLimitedException;
import dev.lnjobs.server.web.DirectAsyncAnswer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The job creation answered without Spring MVC's dispatch, as {@link JobReadFilter} answers the read: the handler
 * lookup, the body's argument resolution and the return-value handling around a creation were a ninth of the
 * server's CPU under the benchmark's load. A POST of {@code /api/jobs} with a JSON body (UTF-8) that takes JSON is
 * read here with the application's ObjectMapper, checked by JobController, counted against the creation limits
 * (CreationLimitInterceptor's own accounting) and created by JobController, whose answer DirectAsyncAnswer writes.
 * <p>
 * Until the job is created nothing has happened, so a body that does not parse or pass the checks, or a client whose
 * limit is used up, goes on to Spring MVC with the body read here, and Spring MVC answers it as before (its limit
 * check, its problem details). A failure of the creation itself is answered by the application's exception handling
 * (ProblemHandler, through the DispatcherServlet's exception resolvers), as Spring MVC would answer it; the creation
 * limit's tokens come back for a 4xx, as the interceptor gives them back.
 */
final class JobCreateFilter extends OncePerRequestFilter {

    static final String PATTERN = "/api/jobs";
    private static final String ROUTE = "POST " + PATTERN;

    private final JobController controller;
    private final ObjectReader bodies;
    private final CreationLimitInterceptor limits;
    private final HandlerExceptionResolver problems;
    private final DirectAsyncAnswer answers;

    JobCreateFilter(JobController controller, ObjectReader bodies, CreationLimitInterceptor limits,
                    HandlerExceptionResolver problems, DirectAsyncAnswer answers) {
        this.controller = controller;
        this.bodies = bodies;
        this.limits = limits;
        this.problems = problems;
        this.answers = answers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isCreation(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes(); // its length is declared and bounded (BodySizeLimit)
        JobController.CheckedCreation creation = checked(body);
        CreationLimitInterceptor.Taken taken = creation == null ? null : taken(request);
        if (taken == null) {
            chain.doFilter(new ReadBody(request, body), response); // nothing happened: Spring MVC answers it
            return;
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN); // the metrics' uri tag
        try {
            answers.now(request, response, controller.create(creation));
        } catch (RuntimeException e) {
            if (problems.resolveException(request, response, null, e) == null) {
                throw e;
            }
        } finally {
            limits.settle(taken, response.getStatus());
        }
    }

    /** A POST of exactly the creation's path with a UTF-8 JSON body, by a client that takes JSON. */
    static boolean isCreation(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !DirectAsyncAnswer.takesJson(request.getHeader(HttpHeaders.ACCEPT))
                || !request.getRequestURI().equals(request.getContextPath() + PATTERN)) {
            return false;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            return type != null && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (RuntimeException e) {
            return false; // an invalid Content-Type: Spring MVC answers it
        }
    }

    /** The body read and checked, or null if it is not a valid creation (Spring MVC then says why). */
    private JobController.CheckedCreation checked(byte[] body) {
        try {
            return controller.check(bodies.readValue(body));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The creation limits' tokens, or null if one is used up (Spring MVC's interceptor then refuses it). */
    private CreationLimitInterceptor.Taken taken(HttpServletRequest request) {
        try {
            return limits.take(ROUTE, request);
        } catch (RateLimitedException e) {
            return null;
        }
    }
}
