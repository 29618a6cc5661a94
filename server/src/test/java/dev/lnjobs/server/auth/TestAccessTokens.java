package dev.lnjobs.server.auth;

import dev.lnjobs.infra.macaroon.AccessTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.Arrays;

/**
 * For the controllers' {@code @WebMvcTest} slices: the real {@link AccessTokenCheck} over access tokens signed with a
 * fixed test key, and {@link #TOKENS} to mint the tokens a request presents.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(AccessTokenCheck.class)
public class TestAccessTokens {

    private static final byte[] KEY = key();
    public static final AccessTokens TOKENS = new AccessTokens(KEY, "lnjobs-test");

    @Bean
    AccessTokens accessTokens() {
        return TOKENS;
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        return key;
    }
}
