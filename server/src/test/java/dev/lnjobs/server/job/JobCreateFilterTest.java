package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.server.limits.CreationLimitInterceptor;
import dev.lnjobs.server.limits.RateLimitedException;
import dev.lnjobs.server.web.DirectAsyncAnswer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Which creations the creation's filter answers itself, what it counts, and what it leaves to Spring MVC. */
class JobCreateFilterTest {

    private static final String BODY = "{\"request\": \"Count to three\"}";
    private static final JobController.CheckedCreation CHECKED =
            new JobController.CheckedCreation("Count to three", null);

    private final JobController controller = mock(JobController.class);
    private final CreationLimitInterceptor limits = mock(CreationLimitInterceptor.class);
    private final CreationLimitInterceptor.Taken taken = mock(CreationLimitInterceptor.Taken.class);
    private final HandlerExceptionResolver problems = mock(HandlerExceptionResolver.class);
    private final DirectAsyncAnswer answers = new DirectAsyncAnswer(new ObjectMapper());
    private final FilterChain chain = mock(FilterChain.class);
    private final JobCreateFilter filter = new JobCreateFilter(controller,
            new ObjectMapper().readerFor(JobController.CreateJobBody.class), limits, problems, answers);

    private static MockHttpServletRequest creation(String contentType, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/jobs");
        request.setRequestURI("/api/jobs");
        if (contentType != null) {
            request.setContentType(contentType);
            request.addHeader("Content-Type", contentType);
        }
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void a_checked_creation_is_counted_created_and_answered_without_spring_mvc() throws Exception {
        when(controller.check(new JobController.CreateJobBody("Count to three", null))).thenReturn(CHECKED);
        when(limits.take(eq("POST /api/jobs"), any())).thenReturn(taken);
        when(controller.create(CHECKED)).thenReturn(ResponseEntity.status(201).header("Location", "/api/jobs/x")
                .build());
        MockHttpServletRequest request = creation("application/json", BODY);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getHeader("Location")).isEqualTo("/api/jobs/x");
        verify(limits).settle(taken, 201);
        verifyNoInteractions(chain);
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).isEqualTo("/api/jobs");
    }

    @Test
    void a_body_that_does_not_parse_or_pass_its_checks_goes_on_to_spring_mvc_with_its_bytes_and_counts_nothing()
            throws Exception {
        when(controller.check(new JobController.CreateJobBody("  ", null)))
                .thenThrow(new IllegalArgumentException("request must not be blank"));
        for (String body : new String[] {"{\"request\": {\"a\": 1}}", "{\"request\": ", "", "{\"request\": \"  \"}"}) {
            MockHttpServletRequest request = creation("application/json", body);
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(request, response, chain);

            ArgumentCaptor<ServletRequest> passed = ArgumentCaptor.forClass(ServletRequest.class);
            verify(chain, org.mockito.Mockito.atLeastOnce()).doFilter(passed.capture(), same(response));
            assertThat(new String(passed.getValue().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .as("Spring MVC reads the body the filter read").isEqualTo(body);
        }
        verify(limits, never()).take(any(), any());
        verify(controller, never()).create(any(JobController.CheckedCreation.class));
    }

    @Test
    void a_client_over_its_limit_goes_on_to_spring_mvc_whose_interceptor_refuses_it() throws Exception {
        when(controller.check(any())).thenReturn(CHECKED);
        when(limits.take(eq("POST /api/jobs"), any()))
                .thenThrow(new RateLimitedException(Duration.ofSeconds(30), "at most 1 job creations per hour"));
        MockHttpServletRequest request = creation("application/json", BODY);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(any(ReadBody.class), same(response));
        verify(controller, never()).create(any(JobController.CheckedCreation.class));
    }

    @Test
    void a_creation_that_fails_is_answered_by_the_exception_handling_and_a_4xx_gives_the_tokens_back()
            throws Exception {
        when(controller.check(any())).thenReturn(CHECKED);
        when(limits.take(eq("POST /api/jobs"), any())).thenReturn(taken);
        IllegalStateException failure = new IllegalStateException("database down");
        doThrow(failure).when(controller).create(CHECKED);
        when(problems.resolveException(any(), any(), eq(null), same(failure))).thenAnswer(call -> {
            call.getArgument(1, MockHttpServletResponse.class).setStatus(503);
            return new ModelAndView();
        });
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(creation("application/json", BODY), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        verify(limits).settle(taken, 503);
        verifyNoInteractions(chain);
    }

    @Test
    void anything_but_a_utf8_json_post_of_the_path_taking_json_goes_on_untouched() throws Exception {
        MockHttpServletRequest get = creation("application/json", BODY);
        get.setMethod("GET");
        MockHttpServletRequest html = creation("application/json", BODY);
        html.addHeader("Accept", "text/html");
        MockHttpServletRequest slash = creation("application/json", BODY);
        slash.setRequestURI("/api/jobs/");
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {get, html, slash,
                creation("text/plain", BODY), creation(null, BODY), creation("application/json;charset=ISO-8859-1",
                BODY), creation("application/json;charset=", BODY), creation("application/jsonx", BODY)}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, chain);
            verify(chain).doFilter(request, response);
            assertThat(request.getInputStream().readAllBytes()).as("the body is left unread").hasSize(BODY.length());
        }
        verifyNoInteractions(controller, limits);
    }
}
