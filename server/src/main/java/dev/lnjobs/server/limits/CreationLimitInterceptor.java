package dev.lnjobs.server.limits;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Counts every creation route against its limits before the controller runs, and answers 429 (problem+json with
 * Retry-After) once one is used up. A request answered with another 4xx created nothing and gets its tokens back.
 * The client is the servlet's remote address: the peer's, or X-Forwarded-For's when
 * SERVER_FORWARD_HEADERS_STRATEGY=native and the peer is a trusted (internal) proxy. A route answered ahead of Spring
 * MVC (the job creation's filter) counts itself through {@link #take} and {@link #settle}.
 */
@Component
public class CreationLimitInterceptor implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(CreationLimitInterceptor.class);
    private static final String TAKEN = CreationLimitInterceptor.class.getName() + ".taken";

    private final CreationLimits limits;
    private final CreationLimitProperties settings;

    /** One bucket a request takes a token from. */
    private record Token(String key, int perHour) {
    }

    /** The tokens one request took, given back by {@link #settle} if it created nothing. */
    public static final class Taken {

        private final List<Token> tokens = new ArrayList<>();

        private Taken() {
        }
    }

    CreationLimitInterceptor(CreationLimits limits, CreationLimitProperties settings) {
        this.limits = limits;
        this.settings = settings;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/jobs", "/api/sessions", "/api/bootstrap", "/api/demo");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return true; // the async dispatch of a creation already counted
        }
        String route = request.getMethod() + " "
                + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        request.setAttribute(TAKEN, take(route, request));
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (request.getAttribute(TAKEN) instanceof Taken taken) {
            request.removeAttribute(TAKEN);
            settle(taken, response.getStatus());
        }
    }

    /**
     * Counts a request of {@code route} ("POST /api/jobs") against its limits: what it took, or a
     * {@link RateLimitedException} (with everything taken given back) once one is used up.
     */
    public Taken take(String route, HttpServletRequest request) {
        String client = ClientAddress.of(request.getRemoteAddr());
        Taken taken = new Taken();
        switch (route) {
            case "POST /api/jobs" -> take(taken.tokens, "job|" + client, settings.jobsPerHour(), "job creations");
            case "POST /api/sessions" -> take(taken.tokens, "session|" + client, settings.sessionsPerHour(),
                    "sessions");
            case "POST /api/bootstrap" -> take(taken.tokens, "bootstrap|" + client, settings.bootstrapsPerHour(),
                    "node bootstraps");
            case "GET /api/demo" -> {
                String text = request.getParameter("request");
                if (text == null || text.isBlank()) {
                    return taken; // a 400 from the controller: nothing to run, so nothing to count (or to refuse)
                }
                take(taken.tokens, "demo|" + client, settings.demoPerHour(), "free demo requests");
                take(taken.tokens, "demo|all", settings.demoTotalPerHour(), null);
            }
            default -> {
                // not a creation route: nothing to count
            }
        }
        return taken;
    }

    /** Gives the tokens back if the request was answered with a 4xx other than 429: it created nothing. */
    public void settle(Taken taken, int status) {
        HttpStatus answered = HttpStatus.resolve(status);
        if (answered != null && answered.is4xxClientError() && answered != HttpStatus.TOO_MANY_REQUESTS) {
            taken.tokens.forEach(this::giveBack);
            taken.tokens.clear();
        }
    }

    /** Takes a token or, when none is left, gives back those already taken and refuses the request. */
    private void take(List<Token> taken, String key, int perHour, String what) {
        if (perHour == 0) {
            return;
        }
        Optional<Duration> wait = limits.tryAcquire(key, perHour);
        if (wait.isEmpty()) {
            taken.add(new Token(key, perHour));
            return;
        }
        taken.forEach(this::giveBack);
        long seconds = RateLimitedException.seconds(wait.get());
        log.info("Creation limit reached: {} ({} per hour), retry in {} s", key, perHour, seconds);
        throw new RateLimitedException(wait.get(), what == null
                ? "the free demo allows " + perHour + " requests per hour from all clients together; try again in "
                + seconds + " s"
                : "at most " + perHour + " " + what + " per hour from one client address; try again in " + seconds
                + " s");
    }

    private void giveBack(Token token) {
        limits.giveBack(token.key(), token.perHour());
    }
}
