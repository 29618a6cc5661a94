package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.JobQueries.FindCostLedger;
import dev.lnjobs.api.job.JobQueries.FindJob;
import dev.lnjobs.api.job.JobQueries.JobView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads of the job projection, optionally waiting (bounded) until the view shows what a write led to. */
@Component
class JobReads {

    private final QueryGateway queries;

    JobReads(QueryGateway queries) {
        this.queries = queries;
    }

    Optional<JobView> find(String jobId) {
        return Optional.ofNullable(queries.query(new FindJob(jobId), ResponseTypes.instanceOf(JobView.class)).join());
    }

    Optional<CostLedgerView> ledger(String jobId) {
        return Optional.ofNullable(queries.query(new FindCostLedger(jobId),
                ResponseTypes.instanceOf(CostLedgerView.class)).join());
    }

    /** Opens a subscription before the write, so no update between the write and the read is missed. */
    SubscriptionQueryResult<JobView, JobView> subscribe(String jobId) {
        return queries.subscriptionQuery(new FindJob(jobId), ResponseTypes.instanceOf(JobView.class),
                ResponseTypes.instanceOf(JobView.class));
    }

    static Optional<JobView> awaitView(SubscriptionQueryResult<JobView, JobView> subscription,
                                       Predicate<JobView> until, Duration timeout) {
        try (subscription) {
            return Flux.concat(subscription.initialResult().flux(), subscription.updates())
                    .filter(view -> view != null && until.test(view))
                    .next()
                    .timeout(timeout, reactor.core.publisher.Mono.empty())
                    .blockOptional();
        }
    }
}
