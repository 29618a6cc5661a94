package dev.lnjobs.server.support;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The DispatcherServlet's passes of the requests to one path, while open: the ServletRequestHandledEvents, which the
 * server publishes only with {@code spring.mvc.publish-request-handled-events=true} (the tests that count them set
 * it; production does not). A request a filter answers ahead of Spring MVC publishes none.
 */
public final class Dispatches implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final List<String> passes = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> recorder;

    public Dispatches(ConfigurableApplicationContext context, String path) {
        this.context = context;
        this.recorder = event -> {
            if (event instanceof ServletRequestHandledEvent handled && handled.getRequestUrl().equals(path)) {
                passes.add(handled.getShortDescription());
            }
        };
        context.addApplicationListener(recorder);
    }

    public List<String> passes() {
        return List.copyOf(passes);
    }

    public int count() {
        return passes.size();
    }

    @Override
    public void close() {
        context.removeApplicationListener(recorder);
    }

    /** The names of an answer's headers, but the framing ones: Spring MVC's Jackson writes chunked, a filter sized. */
    public static Set<String> headerNamesButFraming(ApiClient.Response response) {
        Set<String> names = new TreeSet<>(response.raw().headers().map().keySet().stream().map(String::toLowerCase)
                .toList());
        names.removeAll(Set.of("content-length", "transfer-encoding"));
        return names;
    }
}
