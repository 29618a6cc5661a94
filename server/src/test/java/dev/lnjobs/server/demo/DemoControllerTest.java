package dev.lnjobs.server.demo;

import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.server.job.RequestText;
import dev.lnjobs.server.web.ProblemAdvice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of GET /api/demo, on a mocked {@link DemoService}. */
@WebMvcTest(DemoController.class)
@ContextConfiguration(classes = {DemoController.class, RequestText.class, ProblemAdvice.class})
class DemoControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private DemoService demo;

    @Test
    void a_demo_request_answers_the_models_text() throws Exception {
        when(demo.run("What is a satoshi?")).thenReturn("The smallest unit of bitcoin.");
        mvc.perform(get("/api/demo").param("request", "What is a satoshi?"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("The smallest unit of bitcoin."));
    }

    @Test
    void a_missing_request_is_a_400_and_costs_the_client_nothing() throws Exception {
        mvc.perform(get("/api/demo"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("request must be a non-empty text"));
        verify(demo, never()).run(any());
    }

    @Test
    void a_model_provider_that_is_down_is_a_503_problem() throws Exception {
        when(demo.run(any())).thenThrow(new LanguageModelException("overloaded", true));
        mvc.perform(get("/api/demo").param("request", "hi"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.title").value("Upstream service unavailable"));
    }
}
