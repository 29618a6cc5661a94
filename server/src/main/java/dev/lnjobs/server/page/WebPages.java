package dev.lnjobs.server.page;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web page's routes, each a static HTML page (src/main/resources/static/pages) whose ES modules call the JSON
 * API: no server-side templates and no Node toolchain. A job's page keeps its id in the path and its access token in
 * the browser's localStorage, never in the URL.
 */
@Configuration
class WebPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/pages/ask.html");
        registry.addViewController("/jobs/{jobId}").setViewName("forward:/pages/job.html");
        registry.addViewController("/sessions").setViewName("forward:/pages/sessions.html");
        registry.addViewController("/bootstrap").setViewName("forward:/pages/bootstrap.html");
        registry.addViewController("/admin").setViewName("forward:/pages/admin.html");
    }
}
