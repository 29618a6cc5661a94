package dev.lnjobs.server.web;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link HttpRequestMetricsFilter} where Spring Boot's ServerHttpObservationFilter was (LnJobsApplication
 * excludes WebMvcObservationAutoConfiguration): second, after the body size limit. Only on the first dispatch: an
 * async request is recorded when it completes. A configuration rather than a component, so that the
 * {@code @WebMvcTest} slices, which have no MeterRegistry, do not pick the filter up.
 */
@Configuration(proxyBeanMethods = false)
class HttpRequestMetricsConfiguration {

    @Bean
    FilterRegistrationBean<HttpRequestMetricsFilter> httpRequestMetricsFilter(MeterRegistry registry) {
        FilterRegistrationBean<HttpRequestMetricsFilter> registration =
                new FilterRegistrationBean<>(new HttpRequestMetricsFilter(registry));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
