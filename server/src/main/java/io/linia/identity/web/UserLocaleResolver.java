package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Every screen in Russian and English. The language is, in order: the one chosen with
 * {@code ?lang=} (kept in a cookie), the signed-in user's language, the browser's, Russian.
 */
@Configuration(proxyBeanMethods = false)
class UserLocaleResolver implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.forLanguageTag("ru"), Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver cookie = new CookieLocaleResolver("linia_lang") {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                Locale chosen = (Locale) request.getAttribute(CookieLocaleResolver.class.getName() + ".LOCALE");
                if (chosen != null) {
                    return chosen;
                }
                Locale fromCookie = super.resolveLocale(request);
                if (fromCookie != null && request.getCookies() != null
                        && java.util.Arrays.stream(request.getCookies()).anyMatch(c -> "linia_lang".equals(c.getName()))) {
                    return fromCookie;
                }
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null && auth.getPrincipal() instanceof CurrentUser user && user.language() != null) {
                    return Locale.forLanguageTag(user.language());
                }
                Locale browser = request.getLocales().hasMoreElements() ? pick(request) : null;
                return browser != null ? browser : SUPPORTED.get(0);
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, locale);
                request.setAttribute(CookieLocaleResolver.class.getName() + ".LOCALE", locale);
            }
        };
        cookie.setDefaultLocale(null);
        return cookie;
    }

    private static Locale pick(HttpServletRequest request) {
        for (Locale l : java.util.Collections.list(request.getLocales())) {
            for (Locale s : SUPPORTED) {
                if (s.getLanguage().equals(l.getLanguage())) {
                    return s;
                }
            }
        }
        return null;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
