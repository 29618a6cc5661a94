package dev.lnjobs.command.audit;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.command.pricing.PricingPolicy;

import java.math.BigDecimal;

/**
 * One job's audit in progress: the recorded inputs its later prices depend on, and the figures derived from
 * them. Each price is checked against the figure derived from inputs, never against another recorded price, so
 * one tampered figure is reported once. Inputs are dropped as soon as no later check needs them.
 */
final class JobAudit {

    /** Where a checked figure that differs goes. */
    interface Findings {
        void mismatch(String check, String expected, String recorded);
    }

    private Tariff tariff;
    private String request;
    private String evalModel;
    private TokenUsage evalUsage;
    private WorkQuote quote;
    private String workModel;
    private TokenUsage workUsage;
    private long refundDueSats;

    JobAudit(String request, Tariff tariff) {
        this.request = request;
        this.tariff = tariff;
    }

    void evalInvoiced(long amountSats, Findings findings) {
        if (inSequence(tariff, "JobCreated", "EvalInvoiceIssued", findings)) {
            compare("eval_invoice.amount_sats", tariff.evalFeeSats(), amountSats, findings);
        }
    }

    void evalPaid(long amountSats, Findings findings) {
        if (inSequence(tariff, "JobCreated", "EvalInvoicePaid", findings)) {
            compare("eval_payment.amount_sats", tariff.evalFeeSats(), amountSats, findings);
        }
    }

    void accepted(String model, TokenUsage usage) {
        evalModel = model;
        evalUsage = usage;
    }

    void quoted(WorkQuote recorded, Findings findings) {
        if (!inSequence(request, "JobCreated", "WorkQuoted", findings)) {
            return;
        }
        quote = PricingPolicy.quoteWork(request, tariff, recorded.btcPrice());
        request = null;
        compare("work_quote.tier", quote.tier(), recorded.tier(), findings);
        compare("work_quote.estimated_input_tokens", quote.estimatedInputTokens(), recorded.estimatedInputTokens(),
                findings);
        compare("work_quote.estimated_output_tokens", quote.estimatedOutputTokens(),
                recorded.estimatedOutputTokens(), findings);
        compare("work_quote.token_cost_usd", quote.tokenCostUsd(), recorded.tokenCostUsd(), findings);
        compare("work_quote.infra_cost_usd", quote.infraCostUsd(), recorded.infraCostUsd(), findings);
        compare("work_quote.total_usd", quote.totalUsd(), recorded.totalUsd(), findings);
        compare("work_quote.amount_sats", quote.amountSats(), recorded.amountSats(), findings);
        if (!sameFigures(tariff, recorded.tariff())) {
            findings.mismatch("work_quote.tariff", tariff.toString(), String.valueOf(recorded.tariff()));
        }
    }

    void workInvoiced(long amountSats, Findings findings) {
        if (inSequence(quote, "WorkQuoted", "WorkInvoiceIssued", findings)) {
            compare("work_invoice.amount_sats", quote.amountSats(), amountSats, findings);
        }
    }

    void workPaid(long amountSats, Findings findings) {
        if (inSequence(quote, "WorkQuoted", "WorkInvoicePaid", findings)) {
            compare("work_payment.amount_sats", quote.amountSats(), amountSats, findings);
        }
    }

    void completed(String model, TokenUsage usage) {
        workModel = model;
        workUsage = usage;
    }

    /** Checks the settlement and answers whether the job still owes a refund (the only check left after it). */
    boolean settled(Settlement recorded, Findings findings) {
        if (!inSequence(quote, "WorkQuoted", "JobSettled", findings)
                || !inSequence(evalUsage, "JobAccepted", "JobSettled", findings)
                || !inSequence(workUsage, "WorkCompleted", "JobSettled", findings)) {
            return false;
        }
        Settlement expected = PricingPolicy.settle(quote, evalModel, evalUsage, workModel, workUsage);
        compare("settlement.eval_cost_usd", expected.evalCostUsd(), recorded.evalCostUsd(), findings);
        compare("settlement.work_cost_usd", expected.workCostUsd(), recorded.workCostUsd(), findings);
        compare("settlement.actual_cost_usd", expected.actualCostUsd(), recorded.actualCostUsd(), findings);
        compare("settlement.work_amount_sats", expected.workAmountSats(), recorded.workAmountSats(), findings);
        compare("settlement.actual_amount_sats", expected.actualAmountSats(), recorded.actualAmountSats(), findings);
        compare("settlement.refund_amount_sats", expected.refundAmountSats(), recorded.refundAmountSats(), findings);
        refundDueSats = expected.refundAmountSats();
        tariff = null;
        quote = null;
        evalModel = null;
        evalUsage = null;
        workModel = null;
        workUsage = null;
        return refundDueSats > 0;
    }

    /** Money owed back in full (paid work that failed, a payment after the job ended): the refund is what was paid. */
    void owesBack(String check, long paidSats, long refundSats, Findings findings) {
        compare(check, paidSats, refundSats, findings);
        refundDueSats = refundSats;
    }

    void refundRequested(long amountSats, Findings findings) {
        compare("refund_request.amount_sats", refundDueSats, amountSats, findings);
    }

    void refundPaid(long amountSats, Findings findings) {
        compare("refund_payment.amount_sats", refundDueSats, amountSats, findings);
    }

    /** The same prices, whatever scale each figure was written with. */
    static boolean sameFigures(Tariff a, Tariff b) {
        return b != null && stripped(a).equals(stripped(b));
    }

    private static Tariff stripped(Tariff t) {
        return new Tariff(t.evalFeeSats(), t.shortMaxChars(), t.mediumMaxChars(),
                t.haikuInputCostPer1kTokens().stripTrailingZeros(), t.haikuOutputCostPer1kTokens().stripTrailingZeros(),
                t.sonnetInputCostPer1kTokens().stripTrailingZeros(),
                t.sonnetOutputCostPer1kTokens().stripTrailingZeros(), t.doMonthlyCostUsd().stripTrailingZeros(),
                t.doMonthlyRequestVolume(), t.originatorMarginPct().stripTrailingZeros(), t.outputTokensShortEst(),
                t.outputTokensMediumEst(), t.outputTokensLongEst(), t.workSystemPromptTokensEst(), t.evalModel(),
                t.workModel());
    }

    /** An event whose inputs were never recorded (or were already used up) cannot be priced: that is a finding too. */
    private static boolean inSequence(Object input, String inputEvent, String event, Findings findings) {
        if (input == null) {
            findings.mismatch("job.sequence", inputEvent + " before " + event, event + " without it");
        }
        return input != null;
    }

    private static void compare(String check, long expected, long recorded, Findings findings) {
        if (expected != recorded) {
            findings.mismatch(check, Long.toString(expected), Long.toString(recorded));
        }
    }

    private static void compare(String check, BigDecimal expected, BigDecimal recorded, Findings findings) {
        if (recorded == null || expected.compareTo(recorded) != 0) {
            findings.mismatch(check, plain(expected), recorded == null ? "none" : plain(recorded));
        }
    }

    private static String plain(BigDecimal figure) {
        return figure.stripTrailingZeros().toPlainString();
    }

    private static void compare(String check, String expected, String recorded, Findings findings) {
        if (!expected.equals(recorded)) {
            findings.mismatch(check, expected, String.valueOf(recorded));
        }
    }
}
