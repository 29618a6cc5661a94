package dev.lnjobs.server.job;

import dev.lnjobs.server.web.DirectAsyncAnswer;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;

/**
 * The job status read, the request polling clients send most, answered without Spring MVC's dispatch: its handler
 * lookup among every mapping, argument resolution and return-value handling were most of such a read's CPU. A GET
 * of {@code /api/jobs/{uuid}} that takes JSON goes straight to JobController's read (or long poll), whose answer
 * DirectAsyncAnswer writes as it writes the long poll's; every other filter has run. Anything else (another method
 * or path, an id that is not a lower-case UUID, an Accept that names no JSON, an unknown job, a failure) goes on to
 * Spring MVC, which answers it as before, with its problem details.
 */
final class JobReadFilter extends OncePerRequestFilter {

    static final String PATTERN = "/api/jobs/{jobId}";
    private static final String PREFIX = "/api/jobs/";
    private static final int UUID_LENGTH = 36;

    private final JobController controller;
    private final DirectAsyncAnswer answers;

    JobReadFilter(JobController controller, DirectAsyncAnswer answers) {
        this.controller = controller;
        this.answers = answers;
    }

    /** The id is parsed once, here: a request that is not a job read passes on untouched. */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String jobId = "GET".equals(request.getMethod())
                && DirectAsyncAnswer.takesJson(request.getHeader(HttpHeaders.ACCEPT)) ? jobId(request) : null;
        if (jobId == null) {
            chain.doFilter(request, response);
            return;
        }
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        String prefer = request.getHeader("Prefer");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN); // the metrics' uri tag
        try {
            if (prefer == null) {
                answers.now(request, response, controller.get(jobId, ifNoneMatch));
            } else {
                controller.getAfterChange(jobId, ifNoneMatch, prefer, request, response);
            }
        } catch (NotFoundException | IllegalArgumentException e) {
            request.removeAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            chain.doFilter(request, response); // nothing was written: Spring MVC answers it as before
        }
    }

    /** The job id the path names, if it is exactly one lower-case UUID after the prefix; null otherwise. */
    static String jobId(HttpServletRequest request) {
        String path = request.getRequestURI();
        String context = request.getContextPath();
        int start = context.length() + PREFIX.length();
        if (path.length() != start + UUID_LENGTH || !path.startsWith(PREFIX, context.length())) {
            return null;
        }
        String id = path.substring(start);
        try {
            return Ids.uuid(id, "job id").equals(id) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
