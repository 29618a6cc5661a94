package dev.lnjobs.query.session;

import dev.lnjobs.api.session.SessionEvents.WithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.WithdrawalPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalRequested;
import dev.lnjobs.api.session.WithdrawalQueries.FindLatestWithdrawal;
import dev.lnjobs.api.session.WithdrawalQueries.FindWithdrawal;
import dev.lnjobs.api.session.WithdrawalQueries.WithdrawalView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.Consumer;

/** Keeps {@code session_withdrawal} in step with the withdrawal events, in the sessions' processing group. */
@Component
@ProcessingGroup("sessions")
class WithdrawalProjection {

    private final WithdrawalRepository withdrawals;
    private final QueryUpdateEmitter updates;

    WithdrawalProjection(WithdrawalRepository withdrawals, QueryUpdateEmitter updates) {
        this.withdrawals = withdrawals;
        this.updates = updates;
    }

    @EventHandler
    void on(WithdrawalRequested event, @Timestamp Instant at) {
        WithdrawalEntity withdrawal = new WithdrawalEntity();
        withdrawal.withdrawalId = event.withdrawalId();
        withdrawal.sessionId = event.sessionId();
        withdrawal.state = "pending";
        withdrawal.destination = event.destination();
        withdrawal.paymentHash = event.paymentHash();
        withdrawal.amountSats = event.amountSats();
        withdrawal.feeReserveSats = event.feeReserveSats();
        withdrawal.requestedAt = event.requestedAt();
        withdrawal.updatedAt = at;
        withdrawals.save(withdrawal);
        publish(withdrawal);
    }

    @EventHandler
    void on(WithdrawalPaid event, @Timestamp Instant at) {
        change(event.withdrawalId(), at, withdrawal -> {
            withdrawal.state = "paid";
            withdrawal.feeSats = event.feeChargedSats();
            withdrawal.reserveReturnedSats = event.reserveReturnedSats();
        });
    }

    @EventHandler
    void on(WithdrawalFailed event, @Timestamp Instant at) {
        change(event.withdrawalId(), at, withdrawal -> {
            withdrawal.state = "failed";
            withdrawal.failureReason = event.reason();
        });
    }

    @QueryHandler
    WithdrawalView handle(FindLatestWithdrawal query) {
        return withdrawals.findFirstBySessionIdOrderByRequestedAtDesc(query.sessionId())
                .map(WithdrawalEntity::toView).orElse(null);
    }

    @QueryHandler
    WithdrawalView handle(FindWithdrawal query) {
        return withdrawals.findById(query.withdrawalId()).map(WithdrawalEntity::toView).orElse(null);
    }

    private void change(String withdrawalId, Instant at, Consumer<WithdrawalEntity> change) {
        WithdrawalEntity withdrawal = withdrawals.findById(withdrawalId)
                .orElseThrow(() -> new IllegalStateException("withdrawal " + withdrawalId + " has no view row"));
        change.accept(withdrawal);
        withdrawal.updatedAt = at;
        publish(withdrawal);
    }

    private void publish(WithdrawalEntity withdrawal) {
        WithdrawalView view = withdrawal.toView();
        updates.emit(FindWithdrawal.class, query -> query.withdrawalId().equals(view.withdrawalId()), view);
    }
}
