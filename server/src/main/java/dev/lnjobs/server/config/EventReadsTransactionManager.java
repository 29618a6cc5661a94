package dev.lnjobs.server.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * The event store's transactions: appends and snapshots run in one (the unit of work's, or their own), reads join
 * the one under way and otherwise run without. A processor's fetch is a SELECT or two that needs no BEGIN and
 * COMMIT around it: each was two more round trips and a JPA EntityManager, about four times a job under the
 * benchmark's load. Two reads outside a transaction may see different snapshots, which a tracking fetch survives:
 * it re-reads its gaps on the next fetch, as it does for a commit it did not see yet.
 */
public final class EventReadsTransactionManager implements TransactionManager {

    private final TransactionManager delegate;

    public EventReadsTransactionManager(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return TransactionSynchronizationManager.isActualTransactionActive()
                ? delegate.fetchInTransaction(supplier) : supplier.get();
    }
}
