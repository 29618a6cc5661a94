package dev.lnjobs.query.session;

import org.springframework.data.jpa.repository.JpaRepository;

interface SessionRepository extends JpaRepository<SessionEntity, String> {
}
