package dev.lnjobs.query;

import dev.lnjobs.query.job.JobChanges;
import dev.lnjobs.query.job.JobProjection;
import dev.lnjobs.query.job.JobStatusReader;
import dev.lnjobs.query.ledger.CostLedgerProjection;
import dev.lnjobs.query.lightning.IssuedInvoiceProjection;
import dev.lnjobs.testsupport.RepositoryFiles;
import dev.lnjobs.testsupport.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projections on the tests' PostgreSQL, migrated by the server's own Flyway scripts, without booting the server:
 * JPA, JDBC and Flyway only. Every test class shares this one context and database; tests keep apart by ids.
 * The JDBC projections are beans here; the JPA ones (package-private) are built by their tests. No test-wide
 * transaction: each event commits in a unit of work of its own, as an event processor's would ({@link EventFeed}).
 */
@DataJpaTest(showSql = false, properties = {"spring.jpa.hibernate.ddl-auto=none",
        "spring.jpa.properties.hibernate.jdbc.time_zone=UTC"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({JobChanges.class, JobStatusReader.class, JobProjection.class, CostLedgerProjection.class,
        IssuedInvoiceProjection.class})
public abstract class ProjectionTest {

    private static final String DATABASE = TestDatabases.freshDatabase();

    @Autowired
    protected PlatformTransactionManager transactions;
    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.flyway.locations", RepositoryFiles::serverMigrations);
    }

    /** A feed into these projections, as one processing group: each event reaches every one that handles it. */
    protected EventFeed feed(Object... projections) {
        return new EventFeed(transactions, projections);
    }
}
