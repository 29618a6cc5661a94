package dev.lnjobs.server.lightning;

import dev.lnjobs.sagas.lightning.PaymentNotices;
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
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Which requests the stub pay's filter answers itself, and that it leaves everything else to Spring MVC. */
class StubPayFilterTest {

    private static final String HASH = "ab".repeat(32);

    private final StubPayController controller = mock(StubPayController.class);
    private final DirectAsyncAnswer answers = mock(DirectAsyncAnswer.class);
    private final FilterChain chain = mock(FilterChain.class);
    private final StubPayFilter filter = new StubPayFilter(controller, answers);

    private static MockHttpServletRequest post(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        return request;
    }

    @Test
    void a_stub_pay_is_answered_by_the_controller_without_spring_mvc() throws Exception {
        StubPayController.StubPayResponse paid =
                new StubPayController.StubPayResponse(HASH, true, PaymentNotices.Outcome.CONFIRMED, "00".repeat(32));
        when(controller.pay(HASH)).thenReturn(paid);
        MockHttpServletRequest request = post("/api/dev/stub/pay/" + HASH);
        request.addHeader("Accept", "application/json");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        verify(answers).now(request, response, ResponseEntity.ok(paid));
        verifyNoInteractions(chain);
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
                .isEqualTo("/api/dev/stub/pay/{paymentHash}");
    }

    @Test
    void a_pay_that_fails_goes_on_to_spring_mvc_which_answers_its_problem() throws Exception {
        for (RuntimeException failure : new RuntimeException[] {new NotFoundException("no stub invoice"),
                new IllegalArgumentException("not a payment hash"), new IllegalStateException("database down")}) {
            doThrow(failure).when(controller).pay(HASH);
            MockHttpServletRequest request = post("/api/dev/stub/pay/" + HASH);
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(request, response, chain);

            verify(chain).doFilter(request, response);
            assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).isNull();
        }
        verify(answers, never()).now(any(), any(), any());
    }

    @Test
    void anything_but_a_post_of_one_path_segment_taking_json_goes_on_to_spring_mvc() throws Exception {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/dev/stub/pay/" + HASH);
        get.setRequestURI("/api/dev/stub/pay/" + HASH);
        MockHttpServletRequest html = post("/api/dev/stub/pay/" + HASH);
        html.addHeader("Accept", "text/html");
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {get, html, post("/api/dev/stub/pay/"),
                post("/api/dev/stub/pay/" + HASH + "/x"), post("/api/dev/stub/pay/" + HASH + ";x=1"),
                post("/api/dev/stub/pay/%61" + HASH.substring(1)), post("/api/dev/stub/payx")}) {
            filter.doFilter(request, new MockHttpServletResponse(), chain);
            verify(chain).doFilter(eq(request), any());
        }
        verifyNoInteractions(controller, answers);
    }
}
