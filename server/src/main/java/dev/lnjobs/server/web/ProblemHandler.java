package dev.lnjobs.server.web;

import dev.lnjobs.api.problem.Problem;
import dev.lnjobs.api.problem.RuleViolation;
import dev.lnjobs.sagas.retry.PortException;
import dev.lnjobs.sagas.pricing.PriceUnavailableException;
import dev.lnjobs.server.limits.RateLimitedException;
import dev.lnjobs.server.session.SessionTokenRejected;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.time.Duration;

/** Every error leaves as application/problem+json (RFC 9457) with a sentence a person understands. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", "parameter '" + e.getName() + "' has the wrong type");
    }

    @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(UnauthorizedException.class)
    ResponseEntity<ProblemDetail> unauthorized(UnauthorizedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage()));
    }

    /** Every refusal by the rules (409, 402, 410, some 400s), with its type and figures; see {@link Problem}. */
    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        return problem(e.problem());
    }

    /**
     * A command handler's refusal, on this node or another: the problem travels in the details (see
     * {@code RuleViolationTranslator}). Without one it is a failure of ours.
     */
    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandRefused(CommandExecutionException e) {
        return RuleViolation.problemOf(e).map(ProblemHandler::problem).orElseGet(() -> unexpected(e));
    }

    /** RFC 6750: a bare challenge when no token came, invalid_token with the reason when a bad one did. */
    @ExceptionHandler(SessionTokenRejected.class)
    ResponseEntity<ProblemDetail> sessionTokenRejected(SessionTokenRejected e) {
        String challenge = e.tokenPresented()
                ? "Bearer error=\"invalid_token\", error_description=\"" + quotable(e.getMessage()) + "\""
                : "Bearer";
        ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, "Invalid session token", e.getMessage());
        problem.setProperty("reason", e.reason());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .body(problem);
    }

    /** The same for job and bootstrap access tokens; a valid token of another resource is 403 insufficient_scope. */
    @ExceptionHandler(AccessTokenRejected.class)
    ResponseEntity<ProblemDetail> accessTokenRejected(AccessTokenRejected e) {
        HttpStatus status = e.forbidden() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
        String error = e.forbidden() ? "insufficient_scope" : "invalid_token";
        String challenge = e.tokenPresented()
                ? "Bearer error=\"" + error + "\", error_description=\"" + quotable(e.getMessage()) + "\""
                : "Bearer";
        ProblemDetail problem = problem(status, e.forbidden() ? "Forbidden" : "Invalid access token", e.getMessage());
        problem.setProperty("reason", e.reason());
        return ResponseEntity.status(status).header(HttpHeaders.WWW_AUTHENTICATE, challenge).body(problem);
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage()));
    }

    /** Production refuses to quote at a guessed BTC price; the client may try again once CoinGecko may answer. */
    @ExceptionHandler(PriceUnavailableException.class)
    ResponseEntity<ProblemDetail> priceUnavailable(PriceUnavailableException e) {
        long seconds = Math.max(1, e.retryAfter().map(Duration::toSeconds).orElse(60L));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "No BTC price to quote in",
                        "no live BTC price is available, and this service does not sell at a guessed one; "
                                + "try again in " + seconds + " s"));
    }

    @ExceptionHandler(PortException.class)
    ProblemDetail upstream(PortException e) {
        log.warn("Upstream service failed: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Upstream service unavailable",
                "a service this request depends on failed; try again later");
    }

    /** Jackson refusing a body by its content (e.g. a malformed surrogate in a string) is still the client's input. */
    @ExceptionHandler(HttpMessageConversionException.class)
    ProblemDetail unconvertibleBody(HttpMessageConversionException e) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable body",
                "the request body is missing or is not JSON of the expected shape");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "something went wrong on our side; nothing was charged twice");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(BodyProblems.unreadable(ex));
    }

    /** Only what RFC 6750 allows inside error_description: printable ASCII without quote and backslash. */
    private static String quotable(String text) {
        return text.replaceAll("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]", " ");
    }

    static ProblemDetail problem(Problem source) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(source.status()),
                source.detail());
        problem.setType(URI.create(source.type()));
        problem.setTitle(source.title());
        source.properties().forEach(problem::setProperty);
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
