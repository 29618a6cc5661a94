package dev.lnjobs.query.lightning;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

interface IssuedInvoiceRepository extends JpaRepository<IssuedInvoiceEntity, String> {

    @Query("select i from IssuedInvoiceEntity i where i.paid = false and i.closed = false and i.expiresAt > :asOf "
            + "order by i.issuedAt")
    List<IssuedInvoiceEntity> findPending(Instant asOf, Pageable page);

    @Modifying
    @Query("update IssuedInvoiceEntity i set i.paid = true where i.paymentHash = :paymentHash")
    int markPaid(String paymentHash);

    @Modifying
    @Query("update IssuedInvoiceEntity i set i.closed = true where i.ownerId = :ownerId")
    int closeAllOf(String ownerId);
}
