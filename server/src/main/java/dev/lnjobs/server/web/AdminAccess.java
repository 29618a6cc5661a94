package dev.lnjobs.server.web;

import dev.lnjobs.server.config.AdminProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Guards every /api/admin route with ADMIN_TOKEN: 404 while it is unset, 401 without {@code Authorization:
 * Bearer <ADMIN_TOKEN>}. One guard for the whole prefix, so an admin route added later cannot forget it.
 */
@Component
class AdminAccess implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AdminAccess.class);
    private static final String BEARER = "Bearer ";

    private final AdminProperties admin;

    AdminAccess(AdminProperties admin) {
        this.admin = admin;
        if (!admin.enabled()) {
            log.info("Admin endpoints disabled: ADMIN_TOKEN is not set");
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/admin", "/api/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!admin.enabled()) {
            throw new NotFoundException("admin endpoints are disabled");
        }
        if (!admin.accepts(bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION)))) {
            throw new UnauthorizedException("admin endpoints need Authorization: Bearer <ADMIN_TOKEN>");
        }
        return true;
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }
}
