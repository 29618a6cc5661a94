package dev.lnjobs.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One request of a session as the seed shows it ({@code requestId, state, result, debitedSats, balanceRemaining}),
 * with its cost accounting. {@code balanceRemaining} is the balance right after this request was settled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RequestResponse(String requestId, String sessionId, RequestState state, String result, String reason,
                       Long debitedSats, Long balanceRemaining, CostResponse cost, Instant createdAt,
                       Instant settledAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CostResponse(long estimatedSats, long reservedSats, Long actualSats, Long uncollectedSats,
                        String evalModel, Long evalInputTokens, Long evalOutputTokens, BigDecimal evalCostUsd,
                        String workModel, Long workInputTokens, Long workOutputTokens, BigDecimal workCostUsd,
                        BigDecimal infraCostUsd, BigDecimal totalUsd, BigDecimal btcPriceUsd) {
    }

    static RequestResponse of(SessionRequestView view) {
        RequestCost cost = view.cost();
        CostResponse accounting = cost == null
                ? new CostResponse(view.estimatedSats(), view.reservedSats(), null, null, null, null, null, null,
                        null, null, null, null, null, null, null)
                : new CostResponse(view.estimatedSats(), view.reservedSats(), cost.amountSats(),
                        view.uncollectedSats(), cost.evalModel(),
                        cost.evalUsage() == null ? null : cost.evalUsage().inputTokens(),
                        cost.evalUsage() == null ? null : cost.evalUsage().outputTokens(), cost.evalCostUsd(),
                        cost.workModel(), cost.workUsage() == null ? null : cost.workUsage().inputTokens(),
                        cost.workUsage() == null ? null : cost.workUsage().outputTokens(), cost.workCostUsd(),
                        cost.infraCostUsd(), cost.totalUsd(), cost.btcPrice().usd());
        return new RequestResponse(view.requestId(), view.sessionId(), view.state(), view.result(), view.reason(),
                view.debitedSats(), view.balanceSats(), accounting, view.createdAt(), view.settledAt());
    }

    /** The request was reserved but its row is not readable yet. */
    static RequestResponse running(String requestId, String sessionId) {
        return new RequestResponse(requestId, sessionId, RequestState.RUNNING, null, null, null, null, null, null,
                null);
    }
}
