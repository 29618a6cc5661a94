package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.server.limits.CreationLimitInterceptor;
import dev.lnjobs.server.web.DirectAsyncAnswer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The job read's and the job creation's filters, last of the filters (every other one has run when they answer), each
 * on its route's path only.
 */
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

    @Bean
    FilterRegistrationBean<JobCreateFilter> jobCreateFilter(JobController controller, ObjectMapper json,
                                                            CreationLimitInterceptor limits,
                                                            @Qualifier("handlerExceptionResolver")
                                                            HandlerExceptionResolver problems,
                                                            DirectAsyncAnswer answers) {
        FilterRegistrationBean<JobCreateFilter> registration = new FilterRegistrationBean<>(new JobCreateFilter(
                controller, json.readerFor(JobController.CreateJobBody.class), limits, problems, answers));
        registration.addUrlPatterns(JobCreateFilter.PATTERN);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
