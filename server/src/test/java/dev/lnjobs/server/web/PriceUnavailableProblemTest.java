package dev.lnjobs.server.web;

import dev.lnjobs.sagas.pricing.PriceUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A quote refused for want of a live BTC price (production) is a 503 problem that says when to try again. */
class PriceUnavailableProblemTest {

    @RestController
    static class QuotingController {
        @GetMapping("/quote")
        String quote() {
            throw new PriceUnavailableException("no live BTC price younger than 3600 s", Duration.ofMillis(42_300));
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new QuotingController())
            .setControllerAdvice(new ProblemHandler()).build();

    @Test
    void no_price_to_quote_in_is_a_503_problem_with_retry_after() throws Exception {
        mvc.perform(get("/quote"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "42"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail").value(containsString("does not sell at a guessed")));
    }
}
