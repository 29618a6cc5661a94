package dev.lnjobs.query.session;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface WithdrawalRepository extends JpaRepository<WithdrawalEntity, String> {

    Optional<WithdrawalEntity> findFirstBySessionIdOrderByRequestedAtDesc(String sessionId);
}
