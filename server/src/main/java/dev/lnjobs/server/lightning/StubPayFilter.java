package dev.lnjobs.server.lightning;

import dev.lnjobs.server.web.DirectAsyncAnswer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;

/**
 * The stub pay, which stands in for the wallet and the node's payment push in stub mode, answered without Spring
 * MVC's dispatch: the handler lookup among every mapping and the return-value handling were most of a stub pay's
 * CPU, which the benchmark counts in the server's cost per job although no production request pays it. A POST of
 * {@code /api/dev/stub/pay/{hash}} that takes JSON goes straight to StubPayController, whose answer DirectAsyncAnswer
 * writes as Spring MVC writes it. The pay is idempotent (an invoice paid again stays paid; the re-check of a paid one
 * answers ALREADY_PAID), so any failure (a malformed or unknown hash among them) goes on to Spring MVC, which runs it
 * again and answers as before, with its problem details.
 */
final class StubPayFilter extends OncePerRequestFilter {

    static final String PATTERN = "/api/dev/stub/pay/{paymentHash}";
    private static final String PREFIX = "/api/dev/stub/pay/";
    private static final Logger log = LoggerFactory.getLogger(StubPayFilter.class);

    private final StubPayController controller;
    private final DirectAsyncAnswer answers;

    StubPayFilter(StubPayController controller, DirectAsyncAnswer answers) {
        this.controller = controller;
        this.answers = answers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String hash = "POST".equals(request.getMethod())
                && DirectAsyncAnswer.takesJson(request.getHeader(HttpHeaders.ACCEPT)) ? hash(request) : null;
        if (hash == null) {
            chain.doFilter(request, response);
            return;
        }
        StubPayController.StubPayResponse paid;
        try {
            paid = controller.pay(hash);
        } catch (RuntimeException e) {
            log.debug("Stub pay of {} left to Spring MVC after {}", hash, e.toString());
            chain.doFilter(request, response); // nothing was written: Spring MVC pays again and answers as before
            return;
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN); // the metrics' uri tag
        answers.now(request, response, ResponseEntity.ok(paid));
    }

    /** What follows the prefix, if it is one non-empty path segment; null otherwise (Spring MVC answers those). */
    static String hash(HttpServletRequest request) {
        String path = request.getRequestURI();
        int start = request.getContextPath().length() + PREFIX.length();
        if (path.length() <= start || !path.startsWith(PREFIX, request.getContextPath().length())
                || path.indexOf('/', start) >= 0 || path.indexOf(';', start) >= 0 || path.indexOf('%', start) >= 0) {
            return null;
        }
        return path.substring(start);
    }
}
