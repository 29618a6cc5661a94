package dev.lnjobs.query.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** One row per request of a session: its text, outcome and every figure of its cost accounting. */
@Entity
@Table(name = "session_requests")
class SessionRequestEntity {

    @Id
    @Column(name = "request_id")
    String requestId;
    String sessionId;
    @Enumerated(EnumType.STRING)
    RequestState state;
    String request;
    String result;
    String reason;
    long estimatedSats;
    long reservedSats;
    String evalModel;
    Long evalInputTokens;
    Long evalOutputTokens;
    String workModel;
    Long workInputTokens;
    Long workOutputTokens;
    BigDecimal evalCostUsd;
    BigDecimal workCostUsd;
    BigDecimal infraCostUsd;
    BigDecimal totalCostUsd;
    BigDecimal btcPriceUsd;
    @Enumerated(EnumType.STRING)
    BtcPrice.Source btcPriceSource;
    Instant btcPriceObservedAt;
    Long costSats;
    Long debitedSats;
    Long uncollectedSats;
    Long balanceAfterSats;
    Instant createdAt;
    Instant settledAt;

    void cost(RequestCost cost) {
        evalModel = cost.evalModel();
        evalInputTokens = cost.evalUsage() == null ? null : cost.evalUsage().inputTokens();
        evalOutputTokens = cost.evalUsage() == null ? null : cost.evalUsage().outputTokens();
        workModel = cost.workModel();
        workInputTokens = cost.workUsage() == null ? null : cost.workUsage().inputTokens();
        workOutputTokens = cost.workUsage() == null ? null : cost.workUsage().outputTokens();
        evalCostUsd = cost.evalCostUsd();
        workCostUsd = cost.workCostUsd();
        infraCostUsd = cost.infraCostUsd();
        totalCostUsd = cost.totalUsd();
        btcPriceUsd = cost.btcPrice().usd();
        btcPriceSource = cost.btcPrice().source();
        btcPriceObservedAt = cost.btcPrice().observedAt();
        costSats = cost.amountSats();
    }

    SessionRequestView toView() {
        RequestCost cost = costSats == null ? null : new RequestCost(evalModel,
                usage(evalInputTokens, evalOutputTokens), evalCostUsd, workModel,
                usage(workInputTokens, workOutputTokens), workCostUsd, infraCostUsd,
                totalCostUsd, costSats, new BtcPrice(btcPriceUsd, btcPriceSource, btcPriceObservedAt));
        return new SessionRequestView(requestId, sessionId, state, request, result, reason, estimatedSats,
                reservedSats, cost, debitedSats, uncollectedSats, balanceAfterSats, createdAt, settledAt);
    }

    private static TokenUsage usage(Long input, Long output) {
        return input == null ? null : new TokenUsage(input, output);
    }
}
