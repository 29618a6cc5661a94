package dev.lnjobs.server.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The event store's reads join a transaction under way and start none; its writes always run in one. */
class EventReadsTransactionManagerTest {

    private final TransactionManager delegate = mock(TransactionManager.class);
    private final EventReadsTransactionManager transactions = new EventReadsTransactionManager(delegate);

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void a_read_outside_a_transaction_starts_none() {
        assertThat(transactions.fetchInTransaction(() -> "events")).isEqualTo("events");
        verify(delegate, never()).startTransaction();
        verify(delegate, never()).fetchInTransaction(any());
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_read_inside_a_transaction_joins_it_through_the_delegate() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        when(delegate.fetchInTransaction(any(Supplier.class))).thenReturn("joined");

        assertThat(transactions.fetchInTransaction(() -> "events")).isEqualTo("joined");
    }

    @Test
    void an_append_runs_in_a_transaction_of_the_delegate() {
        Transaction transaction = mock(Transaction.class);
        when(delegate.startTransaction()).thenReturn(transaction);

        transactions.executeInTransaction(() -> { });

        verify(delegate).startTransaction();
        verify(transaction).commit();
    }
}
