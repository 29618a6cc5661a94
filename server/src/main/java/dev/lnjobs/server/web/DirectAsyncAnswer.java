package dev.lnjobs.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers a request with a {@link ResponseEntity} that is not there yet, written on the response by the thread that
 * completes it. Spring MVC's own asynchronous return values re-dispatch the request through the container (every
 * filter, the DispatcherServlet and its handler lookup again) just to write the result: for a long poll that was
 * about a sixth of the HTTP threads' CPU. Here the handler starts servlet async itself and the answer is written and
 * completed in place, exactly once (the completion, the async timeout and a connection error race for it).
 * <p>
 * The answer is written as Spring MVC writes a returned entity: its status and headers, the conditional GET check
 * (If-None-Match, If-Match), the body serialized by the application's ObjectMapper as {@code application/json}.
 * An answer already there when asked is written at once, its exception thrown for Spring's error handling. One that
 * fails later is a problem+json: 404 for a {@link NotFoundException}, 503 for anything else.
 */
@Component
public class DirectAsyncAnswer {

    private static final Logger log = LoggerFactory.getLogger(DirectAsyncAnswer.class);

    private final ObjectMapper json;

    public DirectAsyncAnswer(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Whether a request with this Accept takes what a handler that produces {@code application/json} answers: no
     * Accept, or one that names JSON or anything. A filter that answers in Spring MVC's place leaves the rest to it.
     */
    public static boolean takesJson(String accept) {
        return accept == null || accept.contains("application/json") || accept.contains("*/*");
    }

    /** Writes the answer now, on the calling (container) thread. */
    public void now(HttpServletRequest request, HttpServletResponse response, ResponseEntity<?> answer)
            throws IOException {
        write(request, response, answer);
    }

    /**
     * Writes the answer once it completes; the async context is given up after {@code timeout} (with a 503) if it
     * never does, and completed when the connection fails.
     */
    public void whenDone(HttpServletRequest request, HttpServletResponse response,
                         CompletableFuture<? extends ResponseEntity<?>> answer, Duration timeout) throws IOException {
        if (answer.isDone()) {
            now(request, response, joined(answer));
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new Listener(answered, request, response));
        answer.whenComplete((entity, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return; // timed out, failed or completed already: the response may belong to another request now
            }
            try {
                if (failure == null) {
                    write(request, response, entity);
                } else {
                    writeFailure(request, response, failure);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not write the answer to {}: {}", request.getRequestURI(), e.toString());
            } finally {
                complete(async);
            }
        });
    }

    private static ResponseEntity<?> joined(CompletableFuture<? extends ResponseEntity<?>> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** As HttpEntityMethodProcessor writes a returned entity, with JSON from the same ObjectMapper. */
    private void write(HttpServletRequest request, HttpServletResponse response, ResponseEntity<?> answer)
            throws IOException {
        Object body = answer.getBody();
        byte[] bytes = body == null ? null : json.writeValueAsBytes(body); // before the response is touched
        int status = answer.getStatusCode().value();
        response.setStatus(status);
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(answer.getHeaders());
        boolean safe = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (status == HttpStatus.OK.value() && safe) {
            String etag = headers.getETag();
            long lastModified = headers.getLastModified();
            headers.remove(HttpHeaders.ETAG);
            headers.remove(HttpHeaders.LAST_MODIFIED);
            if (new ServletWebRequest(request, response).checkNotModified(etag, lastModified)) {
                bytes = null; // 304 (or 412), the validators set
            }
        }
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (bytes != null) {
            MediaType type = headers.getContentType() != null ? headers.getContentType()
                    : body instanceof ProblemDetail ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON;
            response.setContentType(type.toString());
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    private void writeFailure(HttpServletRequest request, HttpServletResponse response, Throwable failure)
            throws IOException {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (response.isCommitted()) {
            return;
        }
        if (cause instanceof NotFoundException) {
            writeProblem(request, response, ProblemHandler.problem(HttpStatus.NOT_FOUND, "Not found",
                    cause.getMessage()));
        } else {
            log.warn("A waiting request to {} failed", request.getRequestURI(), cause);
            writeProblem(request, response, unavailable());
        }
    }

    /** As ProblemHandler's problems leave: the request path as the instance. */
    private void writeProblem(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        write(request, response, ResponseEntity.status(problem.getStatus()).body(problem));
    }

    private static ProblemDetail unavailable() {
        return ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "the answer could not be prepared; try the request again");
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            log.debug("Async context already completed: {}", e.getMessage());
        }
    }

    /** The container's side of the race: a timeout answers 503, an error gives the context up, either only once. */
    private final class Listener implements AsyncListener {

        private final AtomicBoolean answered;
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        Listener(AtomicBoolean answered, HttpServletRequest request, HttpServletResponse response) {
            this.answered = answered;
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            answered.set(true);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                log.warn("No answer to {} before the async timeout", request.getRequestURI());
                try {
                    writeProblem(request, response, unavailable());
                } catch (IOException | RuntimeException e) {
                    log.debug("Could not write the timeout answer to {}: {}", request.getRequestURI(), e.toString());
                } finally {
                    complete(event.getAsyncContext());
                }
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                complete(event.getAsyncContext());
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }
}
