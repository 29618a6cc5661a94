package dev.lnjobs.server.lightning;

import dev.lnjobs.server.web.DirectAsyncAnswer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The stub pay's filter, where the stub pay exists: last of the filters, on the stub pay's path only. */
@Configuration(proxyBeanMethods = false)
@Conditional(StubPaymentsCondition.class)
class StubPayFilterConfiguration {

    @Bean
    FilterRegistrationBean<StubPayFilter> stubPayFilter(StubPayController controller, DirectAsyncAnswer answers) {
        FilterRegistrationBean<StubPayFilter> registration =
                new FilterRegistrationBean<>(new StubPayFilter(controller, answers));
        registration.addUrlPatterns("/api/dev/stub/pay/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
