package dev.lnjobs.server.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets in PostgreSQL ({@code creation_limit_bucket}), so that a limit holds across every node: a bucket of
 * {@code perHour} tokens refilled evenly over the hour (one every {@code 3600 / perHour} seconds), one row per key,
 * locked by {@code SELECT … FOR UPDATE} while a token is taken. A row expires once its bucket would be full again.
 */
public class CreationLimits {

    static final String TABLE = "creation_limit_bucket";
    private static final Duration HOUR = Duration.ofHours(1);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public CreationLimits(DataSource dataSource, Clock clock) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .clientClock(new ClockTimeMeter(clock))
                .build();
    }

    /** Takes one token from the bucket {@code key}; answers how long until one is free when none is left. */
    public Optional<Duration> tryAcquire(String key, int perHour) {
        ConsumptionProbe probe = bucket(key, perHour).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Gives back a token taken for a request that created nothing. */
    public void giveBack(String key, int perHour) {
        bucket(key, perHour).addTokens(1);
    }

    /** Deletes rows of buckets that are full again; answers how many. */
    public int forgetFullBuckets() {
        int removed = 0;
        int batch;
        do {
            batch = buckets.removeExpired(1000);
            removed += batch;
        } while (batch == 1000);
        return removed;
    }

    private BucketProxy bucket(String key, int perHour) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, HOUR).build())
                .build();
        // the limit is the configuration's version: a changed setting replaces the stored configuration
        return buckets.builder()
                .withImplicitConfigurationReplacement(perHour, TokensInheritanceStrategy.PROPORTIONALLY)
                .build(key, () -> configuration);
    }

    /** bucket4j's time from the application's clock, so that tests can move it. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
