package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.server.limits.ClientAddress;
import dev.lnjobs.server.limits.RateLimitedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * L402 on the model routes ({@code /v1/**} but {@code GET /v1/models}), before any controller. A call with no
 * credential is answered 402 with two challenges, {@code WWW-Authenticate: LSAT …} then {@code L402 …}, as Aperture
 * sends them. {@code Authorization: L402 <macaroon>:<hex preimage>} (or {@code LSAT …}) is checked and the request
 * handed on as {@code Authorization: Bearer <session macaroon>}, so the routes behind see a session's key. A bearer
 * key or {@code x-api-key} passes untouched. Errors are in OpenAI's JSON error shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class L402Filter extends OncePerRequestFilter {

    /** Aperture's {@code (LSAT|L402) (.*?):([a-f0-9]{64})}, anchored; the scheme in any letter case. */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)(?:LSAT|L402)\\s+([^\\s:]+):([0-9a-fA-F]{64})\\s*");
    private static final Pattern SCHEME = Pattern.compile("(?i)(?:LSAT|L402)(?:\\s.*)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final L402Sessions l402;

    L402Filter(L402Sessions l402) {
        this.l402 = l402;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean modelRoute = path.equals("/v1") || path.startsWith("/v1/");
        // a CORS preflight carries no credential by design
        return !modelRoute || "OPTIONS".equals(request.getMethod())
                || ("GET".equals(request.getMethod()) && path.equals("/v1/models"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> authorizations = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
        Optional<Matcher> credential = authorizations.stream().map(CREDENTIAL::matcher).filter(Matcher::matches)
                .findFirst();
        if (credential.isPresent()) {
            authenticate(request, response, chain, credential.get());
        } else if (authorizations.stream().anyMatch(value -> SCHEME.matcher(value).matches())) {
            error(response, 401, "invalid_request_error", "invalid_l402", "the L402 credential must be "
                    + "Authorization: L402 <base64 macaroon>:<64 hex digits of the invoice's preimage>");
        } else if (!authorizations.isEmpty() || request.getHeader("x-api-key") != null) {
            chain.doFilter(request, response);
        } else {
            challenge(request, response);
        }
    }

    private void authenticate(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                              Matcher credential) throws IOException, ServletException {
        String macaroon = credential.group(1).split(",", 2)[0]; // discharge macaroons: none is ever needed here
        String sessionMacaroon;
        try {
            sessionMacaroon = l402.authenticate(macaroon, credential.group(2).toLowerCase(Locale.ROOT),
                    capability(request));
        } catch (L402Sessions.Refused e) {
            error(response, 401, "invalid_request_error", "invalid_l402", e.getMessage());
            return;
        }
        chain.doFilter(new BearerRequest(request, "Bearer " + sessionMacaroon), response);
    }

    private void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<L402Sessions.Challenge> challenge;
        try {
            challenge = l402.challenge(ClientAddress.of(request.getRemoteAddr()));
        } catch (RateLimitedException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            error(response, 429, "rate_limit_error", "rate_limit_exceeded", e.getMessage());
            return;
        }
        if (challenge.isEmpty()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            error(response, 503, "api_error", "invoice_unavailable", "the Lightning node did not issue an invoice "
                    + "in time; try again");
            return;
        }
        String parameters = "macaroon=\"" + challenge.get().macaroon() + "\", invoice=\""
                + challenge.get().invoice() + "\"";
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "LSAT " + parameters);
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "L402 " + parameters);
        error(response, 402, "invalid_request_error", "payment_required", "pay the invoice in the WWW-Authenticate "
                + "header, then send Authorization: L402 <macaroon>:<hex preimage>");
    }

    /** The first path segment after {@code /v1/}: what {@code lnjobs_capabilities} names. */
    private static String capability(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String rest = path.length() > 4 ? path.substring(4) : "";
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static void error(HttpServletResponse response, int status, String type, String code, String message)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), Map.of("error", error));
    }

    /** The request as the routes behind see it: the L402 credential replaced by the session's bearer macaroon. */
    private static final class BearerRequest extends HttpServletRequestWrapper {

        private final String authorization;

        BearerRequest(HttpServletRequest request, String authorization) {
            super(request);
            this.authorization = authorization;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.enumeration(List.of(authorization))
                    : super.getHeaders(name);
        }
    }
}
