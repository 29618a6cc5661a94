package dev.lnjobs.command.session;

import dev.lnjobs.api.session.SessionCommands.CheckWithdrawal;
import dev.lnjobs.api.session.SessionCommands.RecordAddressWithdrawalFailed;
import dev.lnjobs.api.session.SessionCommands.RecordWithdrawalFailed;
import dev.lnjobs.api.session.SessionCommands.RecordWithdrawalPaid;
import dev.lnjobs.api.session.SessionCommands.RequestWithdrawal;
import dev.lnjobs.api.session.SessionEvents.AddressWithdrawalDue;
import dev.lnjobs.api.session.SessionEvents.AddressWithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.FundsReserved;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionEvents.SessionActivated;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.WithdrawalPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalRequested;
import dev.lnjobs.api.session.SessionRuleViolation;
import dev.lnjobs.api.session.WithdrawalAlreadyRequested;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The withdrawals of a {@link Session} (a member of the aggregate): requested (the available balance in escrow) →
 * paid (the unspent fee reserve back on the balance) | failed (the whole escrow back). One at a time; the balance
 * it may take is what running requests do not hold, while the session is funded and until {@code withdrawWindow}
 * after its expiry. It follows the balance from the session's own events. A session with a refund address that
 * expires with a balance has it paid there, with no claim ({@link AddressWithdrawalDue}, then the usual intent); an
 * address that fails for good leaves the balance withdrawable by hand.
 */
final class SessionWithdrawals {

    /** A withdrawal as the aggregate tracks it. */
    private record Withdrawal(String withdrawalId, String paymentHash, long amountSats, long feeReserveSats,
                              boolean pending) {
    }

    private String sessionId;
    private String refundAddress;
    private String addressWithdrawalId;
    private boolean addressFailed;
    private boolean funded;
    private Instant expiresAt;
    private long balanceSats;
    private final Map<String, Long> reservations = new HashMap<>();
    private final Map<String, Withdrawal> byId = new HashMap<>();
    private Withdrawal latest;

    @CommandHandler
    long handle(CheckWithdrawal command) {
        return withdrawable(command.withdrawWindow(), command.minimumFeeReserveSats(), command.requestedAt());
    }

    @CommandHandler
    void handle(RequestWithdrawal command) {
        if (byId.containsKey(command.withdrawalId())) {
            return;
        }
        long available = withdrawable(command.withdrawWindow(), 0, command.requestedAt());
        boolean whole = command.amountSats() + command.feeReserveSats() == available;
        if (!whole && latest != null) {
            // the balance this withdrawal was figured on went to another one meanwhile
            throw new WithdrawalAlreadyRequested(sessionId, latest.withdrawalId(), latest.paymentHash(),
                    "had its balance withdrawn meanwhile");
        }
        if (command.amountSats() <= 0 || command.feeReserveSats() < 0 || !whole) {
            throw new SessionRuleViolation("a withdrawal takes the whole available balance of " + available
                    + " sats: " + command.amountSats() + " sats and a fee reserve of " + command.feeReserveSats()
                    + " do not add up to it");
        }
        apply(new WithdrawalRequested(sessionId, command.withdrawalId(), command.destination(), command.bolt11(),
                command.paymentHash(), available, command.amountSats(), command.feeReserveSats(),
                balanceSats - available, command.requestedAt()));
    }

    /** Called as the session expires: what it still holds beyond running requests goes to its refund address. */
    void payToRefundAddress(Instant dueAt) {
        long available = balanceSats - reservations.values().stream().mapToLong(Long::longValue).sum();
        if (refundAddress != null && funded && latest == null && addressWithdrawalId == null && available > 0) {
            // derived from the session, so that the automatic withdrawal has one id however often it is asked for
            String withdrawalId = UUID.nameUUIDFromBytes(("refund-address:" + sessionId)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            apply(new AddressWithdrawalDue(sessionId, withdrawalId, refundAddress, available, dueAt));
        }
    }

    @CommandHandler
    void handle(RecordAddressWithdrawalFailed command) {
        if (addressWithdrawalId == null || !addressWithdrawalId.equals(command.withdrawalId())) {
            throw new SessionRuleViolation("session " + sessionId + " has no withdrawal " + command.withdrawalId()
                    + " to its refund address");
        }
        if (!addressFailed && !byId.containsKey(command.withdrawalId())) {
            apply(new AddressWithdrawalFailed(sessionId, command.withdrawalId(), refundAddress, command.reason()));
        }
    }

    @CommandHandler
    void handle(RecordWithdrawalPaid command) {
        Withdrawal withdrawal = pending(command.withdrawalId(), command.paymentHash());
        if (withdrawal == null) {
            return;
        }
        // an unknown fee may have used the whole reserve; a fee above it (the cap) is not the customer's to pay
        long charged = command.feeSats() == null ? withdrawal.feeReserveSats()
                : Math.min(Math.max(command.feeSats(), 0), withdrawal.feeReserveSats());
        long returned = withdrawal.feeReserveSats() - charged;
        apply(new WithdrawalPaid(sessionId, withdrawal.withdrawalId(), withdrawal.paymentHash(),
                withdrawal.amountSats(), command.feeSats(), charged, returned, balanceSats + returned,
                command.paidAt()));
    }

    @CommandHandler
    void handle(RecordWithdrawalFailed command) {
        Withdrawal withdrawal = pending(command.withdrawalId(), command.paymentHash());
        if (withdrawal == null) {
            return;
        }
        long restored = withdrawal.amountSats() + withdrawal.feeReserveSats();
        apply(new WithdrawalFailed(sessionId, withdrawal.withdrawalId(), withdrawal.paymentHash(), command.reason(),
                restored, balanceSats + restored));
    }

    private long withdrawable(Duration window, long floorSats, Instant at) {
        if (!funded) {
            throw new SessionRuleViolation("session " + sessionId + " has no paid deposit to withdraw");
        }
        if (expiresAt != null && !at.isBefore(expiresAt.plus(window))) {
            throw new SessionRuleViolation("the balance of session " + sessionId + " was withdrawable until "
                    + expiresAt.plus(window) + ", " + window.toDays() + " days after its expiry");
        }
        if (latest != null && latest.pending()) {
            throw new WithdrawalAlreadyRequested(sessionId, latest.withdrawalId(), latest.paymentHash(),
                    "has a withdrawal pending");
        }
        long available = balanceSats - reservations.values().stream().mapToLong(Long::longValue).sum();
        if (available <= floorSats) {
            if (latest != null) {
                throw new WithdrawalAlreadyRequested(sessionId, latest.withdrawalId(), latest.paymentHash(),
                        "has nothing left to withdraw");
            }
            throw new SessionRuleViolation("session " + sessionId + " has " + available + " sats to withdraw, not "
                    + "more than the fee reserve of " + floorSats);
        }
        return available;
    }

    /** The pending withdrawal the command is about, or null once it was settled either way. */
    private Withdrawal pending(String withdrawalId, String paymentHash) {
        Withdrawal withdrawal = byId.get(withdrawalId);
        if (withdrawal == null || !withdrawal.paymentHash().equals(paymentHash)) {
            throw new SessionRuleViolation("session " + sessionId + " has no withdrawal " + withdrawalId
                    + " paying " + paymentHash);
        }
        return withdrawal.pending() ? withdrawal : null;
    }

    @EventSourcingHandler
    void on(SessionCreated event) {
        sessionId = event.sessionId();
        refundAddress = event.refundAddress();
    }

    @EventSourcingHandler
    void on(AddressWithdrawalDue event) {
        addressWithdrawalId = event.withdrawalId();
    }

    @EventSourcingHandler
    void on(AddressWithdrawalFailed event) {
        addressFailed = true;
    }

    @EventSourcingHandler
    void on(DepositPaid event) {
        funded = true;
        balanceSats = event.balanceSats();
    }

    @EventSourcingHandler
    void on(SessionActivated event) {
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(TopUpPaid event) {
        balanceSats = event.balanceSats();
    }

    @EventSourcingHandler
    void on(FundsReserved event) {
        reservations.put(event.requestId(), event.reservedSats());
    }

    @EventSourcingHandler
    void on(RequestSettled event) {
        reservations.remove(event.requestId());
        balanceSats = event.balanceSats();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(WithdrawalRequested event) {
        latest = new Withdrawal(event.withdrawalId(), event.paymentHash(), event.amountSats(),
                event.feeReserveSats(), true);
        byId.put(event.withdrawalId(), latest);
        balanceSats = event.balanceSats();
    }

    @EventSourcingHandler
    void on(WithdrawalPaid event) {
        settled(event.withdrawalId(), event.balanceSats());
    }

    @EventSourcingHandler
    void on(WithdrawalFailed event) {
        settled(event.withdrawalId(), event.balanceSats());
    }

    private void settled(String withdrawalId, long balanceAfter) {
        Withdrawal done = byId.get(withdrawalId);
        done = new Withdrawal(done.withdrawalId(), done.paymentHash(), done.amountSats(), done.feeReserveSats(), false);
        byId.put(withdrawalId, done);
        if (latest.withdrawalId().equals(withdrawalId)) {
            latest = done;
        }
        balanceSats = balanceAfter;
    }
}
