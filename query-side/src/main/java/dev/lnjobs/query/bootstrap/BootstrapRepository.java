package dev.lnjobs.query.bootstrap;

import org.springframework.data.jpa.repository.JpaRepository;

interface BootstrapRepository extends JpaRepository<BootstrapEntity, String> {
}
