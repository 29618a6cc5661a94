package dev.lnjobs.query.job;

import org.springframework.data.jpa.repository.JpaRepository;

interface JobRepository extends JpaRepository<JobEntity, String> {
}
