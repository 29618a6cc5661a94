package dev.lnjobs.query.ledger;

import org.springframework.data.jpa.repository.JpaRepository;

interface CostLedgerRepository extends JpaRepository<CostLedgerEntity, String> {
}
