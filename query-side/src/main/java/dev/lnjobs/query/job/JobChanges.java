package dev.lnjobs.query.job;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tells readers waiting in this JVM that a job's read model changed. The projections call {@link #changed} as they
 * write; listeners run once that write has committed, on the projection's thread, so a listener only hands work off.
 * A change projected on another node is not seen here: waiting readers re-read on a timer of their own as well.
 */
@Component
public class JobChanges {

    private final ConcurrentMap<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    /** Runs {@code listener} after every committed change of the job, until the answered handle is closed. */
    public Listening listen(String jobId, Runnable listener) {
        listeners.compute(jobId, (id, set) -> {
            Set<Runnable> present = set == null ? ConcurrentHashMap.newKeySet() : set;
            present.add(listener);
            return present;
        });
        return () -> listeners.computeIfPresent(jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** A registration of {@link #listen}; closing it twice is harmless. */
    @FunctionalInterface
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    /** Called by a projection as it changes a job's rows; listeners hear of it once that change committed. */
    public void changed(String jobId) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> tell(jobId));
        } else {
            tell(jobId);
        }
    }

    private void tell(String jobId) {
        Set<Runnable> waiting = listeners.get(jobId);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }
}
