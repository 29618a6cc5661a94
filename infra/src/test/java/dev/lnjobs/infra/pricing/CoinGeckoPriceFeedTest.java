package dev.lnjobs.infra.pricing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.BtcPrice.Source;
import dev.lnjobs.sagas.pricing.PriceUnavailableException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.lnjobs.infra.http.WireTestSupport.baseUrl;
import static dev.lnjobs.infra.http.WireTestSupport.impatientClient;
import static dev.lnjobs.infra.http.WireTestSupport.takeRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoinGeckoPriceFeedTest {

    private static final BigDecimal FALLBACK = new BigDecimal("60000");
    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

    private final MockWebServer coinGecko = new MockWebServer();
    private final MutableClock clock = new MutableClock(START);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger feedLogger = (Logger) LoggerFactory.getLogger(CoinGeckoPriceFeed.class);
    private CoinGeckoPriceFeed feed;

    @BeforeEach
    void start() throws IOException {
        coinGecko.start();
        feed = new CoinGeckoPriceFeed(baseUrl(coinGecko), impatientClient(), new ObjectMapper(), FALLBACK,
                Duration.ofSeconds(60), clock);
        logs.start();
        feedLogger.addAppender(logs);
    }

    @AfterEach
    void stop() throws IOException {
        feedLogger.detachAppender(logs);
        coinGecko.shutdown();
    }

    private void answerPrice(String usd) {
        coinGecko.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"bitcoin\":{\"usd\":" + usd + "}}"));
    }

    @Test
    void fetches_live_price_from_simple_price_endpoint() {
        answerPrice("97123.45");

        BtcPrice price = feed.currentPrice();

        assertThat(price).isEqualTo(new BtcPrice(new BigDecimal("97123.45"), Source.LIVE, START));
        RecordedRequest request = takeRequest(coinGecko);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getPath()).isEqualTo("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd");
    }

    @Test
    void parses_price_exactly_without_passing_through_double() {
        answerPrice("100000.10");

        assertThat(feed.currentPrice().usd()).isEqualTo(new BigDecimal("100000.10"));
    }

    @Test
    void parses_whole_dollar_price() {
        answerPrice("97123");

        assertThat(feed.currentPrice().usd()).isEqualByComparingTo("97123");
    }

    @Test
    void serves_cached_price_within_window_without_asking_again() {
        answerPrice("97123.45");
        feed.currentPrice();
        clock.advance(Duration.ofSeconds(59));

        BtcPrice price = feed.currentPrice();

        assertThat(price).isEqualTo(new BtcPrice(new BigDecimal("97123.45"), Source.CACHED, START, 59));
        assertThat(coinGecko.getRequestCount()).isEqualTo(1);
    }

    @Test
    void fetches_again_once_window_has_passed() {
        answerPrice("97123.45");
        answerPrice("98000.00");
        feed.currentPrice();
        clock.advance(Duration.ofSeconds(60));

        BtcPrice price = feed.currentPrice();

        assertThat(price).isEqualTo(new BtcPrice(new BigDecimal("98000.00"), Source.LIVE, START.plusSeconds(60)));
        assertThat(coinGecko.getRequestCount()).isEqualTo(2);
    }

    static List<MockResponse> failures() {
        return List.of(
                new MockResponse().setResponseCode(429).setBody(
                        "{\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate Limit.\"}}"),
                new MockResponse().setResponseCode(503).setBody("<html>Service Unavailable</html>"),
                new MockResponse().setBody("{\"bitcoin\":{\"usd\":"),
                new MockResponse().setBody("{\"bitcoin\":{}}"),
                new MockResponse().setBody("{\"bitcoin\":{\"usd\":\"97123.45\"}}"),
                new MockResponse().setBody("{\"bitcoin\":{\"usd\":0}}"),
                new MockResponse().setBody("{\"bitcoin\":{\"usd\":-5.0}}"),
                new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void falls_back_when_coingecko_fails(MockResponse failure) {
        coinGecko.enqueue(failure);

        assertThat(feed.currentPrice()).isEqualTo(new BtcPrice(FALLBACK, Source.FALLBACK, START));
    }

    @Test
    void waits_out_window_after_failure_then_recovers() {
        coinGecko.enqueue(new MockResponse().setResponseCode(429));
        answerPrice("97123.45");
        feed.currentPrice();
        clock.advance(Duration.ofSeconds(30));

        assertThat(feed.currentPrice().source()).isEqualTo(Source.FALLBACK);
        assertThat(coinGecko.getRequestCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(feed.currentPrice().source()).isEqualTo(Source.LIVE);
    }

    @Test
    void warns_once_per_failure_streak() {
        coinGecko.enqueue(new MockResponse().setResponseCode(500));
        coinGecko.enqueue(new MockResponse().setResponseCode(502));
        answerPrice("97123.45");
        coinGecko.enqueue(new MockResponse().setResponseCode(429));
        for (int call = 0; call < 4; call++) {
            feed.currentPrice();
            clock.advance(Duration.ofSeconds(60));
        }

        List<ILoggingEvent> warnings = logs.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
        assertThat(coinGecko.getRequestCount()).isEqualTo(4);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0).getFormattedMessage()).contains("HTTP 500").contains("60000");
    }

    @Test
    void answers_a_burst_of_concurrent_quotes_with_one_request() throws Exception {
        coinGecko.enqueue(new MockResponse().setHeadersDelay(50, TimeUnit.MILLISECONDS)
                .setBody("{\"bitcoin\":{\"usd\":97123.45}}"));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<BtcPrice>> quotes = IntStream.range(0, 8)
                    .mapToObj(i -> callers.submit(() -> {
                        go.await();
                        return feed.currentPrice();
                    }))
                    .toList();
            go.countDown();
            for (Future<BtcPrice> quote : quotes) {
                assertThat(quote.get(5, TimeUnit.SECONDS).usd()).isEqualTo(new BigDecimal("97123.45"));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(coinGecko.getRequestCount()).isEqualTo(1);
    }

    @Test
    void reaches_endpoint_when_base_url_ends_with_slash() {
        answerPrice("97123.45");
        CoinGeckoPriceFeed slashed = new CoinGeckoPriceFeed(baseUrl(coinGecko) + "/", impatientClient(),
                new ObjectMapper(), FALLBACK, Duration.ofSeconds(60), clock);

        slashed.currentPrice();

        assertThat(takeRequest(coinGecko).getPath()).isEqualTo("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd");
    }

    @Test
    void fallback_only_feed_answers_fallback_without_network() {
        CoinGeckoPriceFeed offline = CoinGeckoPriceFeed.fallbackOnly(FALLBACK, clock);
        clock.advance(Duration.ofMinutes(5));

        assertThat(offline.currentPrice()).isEqualTo(new BtcPrice(FALLBACK, Source.FALLBACK, START.plusSeconds(300)));
        assertThat(coinGecko.getRequestCount()).isZero();
    }

    @Test
    void keeps_quoting_the_last_live_price_with_its_age_while_coingecko_fails() {
        answerPrice("97123.45");
        coinGecko.enqueue(new MockResponse().setResponseCode(503));
        feed.currentPrice();
        clock.advance(Duration.ofMinutes(2));

        BtcPrice price = feed.currentPrice();

        assertThat(price).isEqualTo(new BtcPrice(new BigDecimal("97123.45"), Source.CACHED, START, 120));
        assertThat(coinGecko.getRequestCount()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(30)); // inside the back-off window: no new request, the age still grows
        assertThat(feed.currentPrice().ageSeconds()).isEqualTo(150);
        assertThat(coinGecko.getRequestCount()).isEqualTo(2);
    }

    @Test
    void past_the_max_age_quotes_the_fallback_with_a_warning() {
        answerPrice("97123.45");
        coinGecko.enqueue(new MockResponse().setResponseCode(503));
        coinGecko.enqueue(new MockResponse().setResponseCode(503));
        feed.currentPrice();
        clock.advance(Duration.ofMinutes(59));
        assertThat(feed.currentPrice().source()).isEqualTo(Source.CACHED);
        clock.advance(Duration.ofMinutes(1));

        BtcPrice price = feed.currentPrice();

        assertThat(price).isEqualTo(new BtcPrice(FALLBACK, Source.FALLBACK, START.plus(Duration.ofHours(1))));
        assertThat(logs.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage))
                .anySatisfy(message -> assertThat(message).contains("older than PT1H").contains("fallback 60000"));
    }

    @Test
    void in_production_refuses_to_quote_past_the_max_age_but_still_settles() {
        CoinGeckoPriceFeed strict = new CoinGeckoPriceFeed(baseUrl(coinGecko), impatientClient(), new ObjectMapper(),
                FALLBACK, Duration.ofSeconds(60), Duration.ofMinutes(10), true, clock);
        answerPrice("97123.45");
        coinGecko.enqueue(new MockResponse().setResponseCode(503));
        strict.currentPrice();
        clock.advance(Duration.ofMinutes(10));

        assertThatThrownBy(strict::currentPrice).isInstanceOfSatisfying(PriceUnavailableException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
            assertThat(e.getMessage()).contains("600 s");
        });
        clock.advance(Duration.ofSeconds(45));
        assertThatThrownBy(strict::currentPrice).isInstanceOfSatisfying(PriceUnavailableException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(15)));
        assertThat(strict.settlementPrice().source()).isEqualTo(Source.FALLBACK);
    }

    @Test
    void in_production_refuses_to_quote_when_no_live_price_was_ever_had() {
        CoinGeckoPriceFeed strict = new CoinGeckoPriceFeed(baseUrl(coinGecko), impatientClient(), new ObjectMapper(),
                FALLBACK, Duration.ofSeconds(60), Duration.ofHours(1), true, clock);
        coinGecko.enqueue(new MockResponse().setResponseCode(429));

        assertThatThrownBy(strict::currentPrice).isInstanceOf(PriceUnavailableException.class);
    }
}
