package dev.lnjobs.server.job;

import dev.lnjobs.server.web.DirectAsyncAnswer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The job read's filter, last of the filters (every other one has run when it answers), on the read's path only. */
@Configuration(proxyBeanMethods = false)
class JobReadFilterConfiguration {

    @Bean
    FilterRegistrationBean<JobReadFilter> jobReadFilter(JobController controller, DirectAsyncAnswer answers) {
        FilterRegistrationBean<JobReadFilter> registration =
                new FilterRegistrationBean<>(new JobReadFilter(controller, answers));
        registration.addUrlPatterns("/api/jobs/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        registration.setAsyncSupported(true);
        return registration;
    }
}
