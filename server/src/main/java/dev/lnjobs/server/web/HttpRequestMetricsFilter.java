package dev.lnjobs.server.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Records {@code http.server.requests} (Prometheus: {@code http_server_requests_seconds}) with the tags Spring's
 * observation gives it (method, uri, status, outcome, exception, error), at a fraction of its cost: Spring's
 * ServerHttpObservationFilter builds an observation, its context, key values and a long task timer per request,
 * about 7-8 % of the request threads' CPU under load. Here a request costs a map lookup and {@code Timer.record}.
 * A request that goes async (a long poll) is recorded once, when its AsyncContext completes, with its whole
 * duration and final status, however it completes (a second dispatch or a direct complete).
 */
final class HttpRequestMetricsFilter extends OncePerRequestFilter {

    static final String METER = "http.server.requests";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    HttpRequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One timer per distinct tag set; the exception by class, so that its name is computed once. */
    private record Key(String method, String uri, int status, Class<?> exception) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        Throwable escaped = null;
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException | Error e) {
            escaped = unwrapped(e);
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR); // as Spring's filter does
            throw e;
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Completion(request, response, start, escaped));
            } else {
                record(request, response, start, escaped != null ? escaped
                        : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            }
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, long start, Throwable error) {
        long elapsed = System.nanoTime() - start;
        int status = response.getStatus();
        Key key = new Key(method(request.getMethod()), uri(request, status), status,
                error == null ? null : error.getClass());
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::register);
        }
        timer.record(elapsed, TimeUnit.NANOSECONDS);
    }

    private Timer register(Key key) {
        String exception = key.exception() == null ? "none" : key.exception().getSimpleName();
        String error = exception; // DefaultMeterObservationHandler's error tag: the simple name, even if empty
        if (exception.isEmpty()) {
            exception = key.exception().getName();
        }
        return Timer.builder(METER)
                .tag("method", key.method())
                .tag("uri", key.uri())
                .tag("status", Integer.toString(key.status()))
                .tag("outcome", outcome(key.status()))
                .tag("exception", exception)
                .tag("error", error)
                .register(registry);
    }

    private static String method(String method) {
        return method != null && METHODS.contains(method) ? method : "UNKNOWN";
    }

    /** The route pattern the request matched; else, as DefaultServerRequestObservationConvention says. */
    static String uri(HttpServletRequest request, int status) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            String uri = pattern.toString();
            return uri.isEmpty() ? "root" : uri;
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return status == HttpServletResponse.SC_NOT_FOUND ? "NOT_FOUND" : "UNKNOWN";
    }

    /** The exception a ServletException wraps, as Spring's convention tags it; any other as it is. */
    private static Throwable unwrapped(Throwable thrown) {
        return thrown instanceof ServletException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    /** Records an async request once it completes; a timeout is followed by its completion, so it waits for it. */
    private final class Completion implements AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final long start;
        private volatile Throwable error;

        Completion(HttpServletRequest request, HttpServletResponse response, long start, Throwable error) {
            this.request = request;
            this.response = response;
            this.start = start;
            this.error = error;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            record(request, response, start, error);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // the request completes after its timeout handling, with the status that handling gave it
        }

        @Override
        public void onError(AsyncEvent event) {
            Throwable thrown = event.getThrowable();
            if (thrown != null && error == null) {
                error = unwrapped(thrown);
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // started again (in an async dispatch): listen to it anew
        }
    }
}
