package dev.lnjobs.server.job;

import dev.lnjobs.server.web.DirectAsyncAnswer;
import dev.lnjobs.server.web.NotFoundException;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Which requests the job read's filter answers itself, and that it leaves everything else to Spring MVC. */
class JobReadFilterTest {

    private static final String JOB = JobControllerTest.JOB;

    private final JobController controller = mock(JobController.class);
    private final DirectAsyncAnswer answers = mock(DirectAsyncAnswer.class);
    private final FilterChain chain = mock(FilterChain.class);
    private final JobReadFilter filter = new JobReadFilter(controller, answers);

    private static MockHttpServletRequest get(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }

    @Test
    void a_plain_read_of_a_job_is_answered_by_the_controller_without_spring_mvc() throws Exception {
        ResponseEntity<JobResponse> answer = ResponseEntity.ok().build();
        when(controller.get(JOB, "\"v1\"")).thenReturn(answer);
        MockHttpServletRequest request = get("/api/jobs/" + JOB);
        request.addHeader("If-None-Match", "\"v1\"");
        request.addHeader("Accept", "application/json");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        verify(answers).now(eq(request), eq(response), eq(answer));
        verifyNoInteractions(chain);
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
                .isEqualTo("/api/jobs/{jobId}");
    }

    @Test
    void a_long_poll_goes_to_the_controllers_long_poll() throws Exception {
        MockHttpServletRequest request = get("/api/jobs/" + JOB);
        request.addHeader("Prefer", "wait=5");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        verify(controller).getAfterChange(eq(JOB), isNull(), eq("wait=5"), eq(request), eq(response));
        verifyNoInteractions(chain);
    }

    @Test
    void an_unknown_job_goes_on_to_spring_mvc_which_answers_its_problem() throws Exception {
        when(controller.get(JOB, null)).thenThrow(new NotFoundException("no job " + JOB));
        MockHttpServletRequest request = get("/api/jobs/" + JOB);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
        verify(answers, never()).now(any(), any(), any());
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).isNull();
    }

    @Test
    void anything_but_a_get_of_one_lower_case_uuid_taking_json_goes_on_to_spring_mvc() throws Exception {
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/api/jobs/" + JOB);
        MockHttpServletRequest html = get("/api/jobs/" + JOB);
        html.addHeader("Accept", "text/html");
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {post, html, get("/api/jobs/not-a-uuid"),
                get("/api/jobs/" + JOB.toUpperCase()), get("/api/jobs/" + JOB + "/refund"),
                get("/api/jobs/" + JOB + "x"), get("/api/jobs")}) {
            filter.doFilter(request, new MockHttpServletResponse(), chain);
            verify(chain).doFilter(eq(request), any());
        }
        verifyNoInteractions(controller, answers);
    }
}
