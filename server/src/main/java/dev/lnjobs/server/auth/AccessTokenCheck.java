package dev.lnjobs.server.auth;

import dev.lnjobs.infra.macaroon.AccessTokens;
import dev.lnjobs.infra.macaroon.AccessTokens.Resource;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import dev.lnjobs.server.web.AccessTokenRejected;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Issues the access token of a job or bootstrap when it is created, and checks the bearer token a later request
 * presents. The id names a resource; only the token authorizes (ids are in URLs, logs, wallets). Tokens are
 * macaroons bound to one id and never stored (see {@link AccessTokens}).
 */
@Component
public class AccessTokenCheck {

    private static final String BEARER = "bearer ";

    private final AccessTokens tokens;

    AccessTokenCheck(AccessTokens tokens) {
        this.tokens = tokens;
    }

    public String mintForJob(String jobId) {
        return tokens.mint(Resource.JOB, jobId);
    }

    public String mintForBootstrap(String bootstrapId) {
        return tokens.mint(Resource.BOOTSTRAP, bootstrapId);
    }

    /** Returns when the request carries this job's token; 401 without or with a bad one, 403 with another job's. */
    public void requireJob(String jobId, String authorization) {
        if (!presented(authorization)) {
            throw AccessTokenRejected.missing("job");
        }
        check(Resource.JOB, jobId, authorization);
    }

    /** Returns when the request carries this bootstrap's token; 401 without or with a bad one, 403 with another's. */
    public void requireBootstrap(String bootstrapId, String authorization) {
        if (!presented(authorization)) {
            throw AccessTokenRejected.missing("bootstrap");
        }
        check(Resource.BOOTSTRAP, bootstrapId, authorization);
    }

    /**
     * Whether the request holds this bootstrap's token: false when it presents none, refused (401/403) when it
     * presents one that is not this bootstrap's.
     */
    public boolean holdsBootstrap(String bootstrapId, String authorization) {
        if (!presented(authorization)) {
            return false;
        }
        check(Resource.BOOTSTRAP, bootstrapId, authorization);
        return true;
    }

    /** Whether an Authorization header came with a bearer credential at all. */
    public static boolean presented(String authorization) {
        return authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                && !authorization.substring(BEARER.length()).isBlank();
    }

    private void check(Resource resource, String id, String authorization) {
        String name = resource.name().toLowerCase(Locale.ROOT);
        try {
            tokens.verify(authorization.substring(BEARER.length()).strip(), resource, id);
        } catch (MacaroonRejectedException e) {
            if (e.reason() == Reason.WRONG_RESOURCE) {
                throw AccessTokenRejected.otherResource(name);
            }
            throw AccessTokenRejected.invalid(e.reason().name(), e.getMessage());
        }
    }
}
