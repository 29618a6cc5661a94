package dev.lnjobs.query.session;

import org.springframework.data.jpa.repository.JpaRepository;

interface SessionRequestRepository extends JpaRepository<SessionRequestEntity, String> {
}
