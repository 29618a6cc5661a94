package dev.lnjobs.command.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionRuleViolation;
import org.junit.jupiter.api.Test;

import static dev.lnjobs.command.session.SessionFixtures.EVAL_USAGE;
import static dev.lnjobs.command.session.SessionFixtures.PRICE;
import static dev.lnjobs.command.session.SessionFixtures.REQUEST;
import static dev.lnjobs.command.session.SessionFixtures.TARIFF;
import static dev.lnjobs.command.session.SessionFixtures.WORK_USAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-computed session prices at the seed's defaults: Haiku $0.0008/$0.004 and Sonnet $0.003/$0.015 per 1K tokens,
 * infra $0.10 per request, margin 25 %, 100,000 USD/BTC.
 */
class SessionPricingTest {

    @Test
    void the_estimate_reserves_evaluation_and_work_at_the_tier_estimates() {
        // 18 chars: input 50 + 5 = 55 for both models; eval output 200 (short tier), work output 200.
        // eval 55*0.0008/1000 + 200*0.004/1000 = 0.000844; work 55*0.003/1000 + 200*0.015/1000 = 0.003165
        // (0.000844 + 0.003165 + 0.1) * 1.25 = 0.13001125 USD = 130.01125 sats -> 131
        RequestCost estimate = SessionPricing.estimate(REQUEST, TARIFF, PRICE);
        assertThat(estimate.evalUsage()).isEqualTo(new TokenUsage(55, 200));
        assertThat(estimate.workUsage()).isEqualTo(new TokenUsage(55, 200));
        assertThat(estimate.evalCostUsd()).isEqualByComparingTo("0.000844");
        assertThat(estimate.workCostUsd()).isEqualByComparingTo("0.003165");
        assertThat(estimate.infraCostUsd()).isEqualByComparingTo("0.1");
        assertThat(estimate.totalUsd()).isEqualByComparingTo("0.13001125");
        assertThat(estimate.amountSats()).isEqualTo(131);
    }

    @Test
    void a_completed_request_costs_both_models_infra_and_margin() {
        // eval 35*0.0008/1000 + 20*0.004/1000 = 0.000108; work 55*0.003/1000 + 9*0.015/1000 = 0.0003
        // (0.000108 + 0.0003 + 0.1) * 1.25 = 0.12551 USD -> 126 sats
        RequestCost cost = SessionPricing.completed(EVAL_USAGE, WORK_USAGE, TARIFF, PRICE);
        assertThat(cost.evalModel()).isEqualTo("claude-haiku-4-5");
        assertThat(cost.workModel()).isEqualTo("claude-sonnet-4-6");
        assertThat(cost.evalCostUsd()).isEqualByComparingTo("0.000108");
        assertThat(cost.workCostUsd()).isEqualByComparingTo("0.0003");
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.12551");
        assertThat(cost.amountSats()).isEqualTo(126);
        assertThat(cost.btcPrice()).isEqualTo(PRICE);
    }

    @Test
    void a_rejected_request_costs_the_evaluation_with_margin_and_no_infra() {
        // 0.000108 * 1.25 = 0.000135 USD = 0.135 sats -> 1
        RequestCost cost = SessionPricing.rejected(EVAL_USAGE, TARIFF, PRICE);
        assertThat(cost.workUsage()).isNull();
        assertThat(cost.infraCostUsd()).isEqualByComparingTo("0");
        assertThat(cost.totalUsd()).isEqualByComparingTo("0.000135");
        assertThat(cost.amountSats()).isEqualTo(1);
    }

    @Test
    void a_failed_request_costs_nothing() {
        RequestCost cost = SessionPricing.failed(TARIFF, PRICE);
        assertThat(cost.totalUsd()).isEqualByComparingTo("0");
        assertThat(cost.amountSats()).isZero();
    }

    @Test
    void the_actual_cost_follows_the_outcome_and_refuses_an_unsettled_one() {
        assertThat(SessionPricing.actual(RequestState.COMPLETE, EVAL_USAGE, WORK_USAGE, TARIFF, PRICE).amountSats())
                .isEqualTo(126);
        assertThat(SessionPricing.actual(RequestState.REJECTED, EVAL_USAGE, null, TARIFF, PRICE).amountSats())
                .isEqualTo(1);
        assertThat(SessionPricing.actual(RequestState.FAILED, null, null, TARIFF, PRICE).amountSats()).isZero();
        assertThatThrownBy(() -> SessionPricing.actual(RequestState.RUNNING, EVAL_USAGE, WORK_USAGE, TARIFF, PRICE))
                .isInstanceOf(SessionRuleViolation.class);
        assertThatThrownBy(() -> SessionPricing.actual(RequestState.REJECTED, null, null, TARIFF, PRICE))
                .isInstanceOf(SessionRuleViolation.class)
                .hasMessage("a rejected request reports the evaluation's tokens");
    }

    @Test
    void a_long_answer_can_cost_more_than_its_estimate() {
        // work 55*0.003/1000 + 5000*0.015/1000 = 0.075165; (0.000108 + 0.075165 + 0.1) * 1.25 = 0.21909125 -> 220
        assertThat(SessionPricing.completed(EVAL_USAGE, new TokenUsage(55, 5000), TARIFF, PRICE).amountSats())
                .isEqualTo(220);
    }
}
