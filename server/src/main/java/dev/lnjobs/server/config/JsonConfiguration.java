package dev.lnjobs.server.config;

import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's ObjectMapper (HTTP bodies, the adapters' JSON) reads and writes properties through generated lambdas
 * instead of reflection, as the message serializer does; Spring Boot registers every Jackson module bean.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    BlackbirdModule blackbirdModule() {
        return new BlackbirdModule();
    }
}
