package io.linia.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document (API-1): title, version, and the bearer token every endpoint expects. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI liniaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Linia API").version("v1")
                        .description("Multi-tenant contact-center platform. Sign in with POST /api/v1/auth/token "
                                + "and send the token as 'Authorization: Bearer lin_…'."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("lin_ opaque token")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
