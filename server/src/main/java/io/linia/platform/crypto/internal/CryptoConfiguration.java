package io.linia.platform.crypto.internal;

import io.linia.platform.crypto.MasterKeyProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that picks the master key source (SEC-5): today the configured file or
 * environment value; an external key service would be chosen here, by a setting, later.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    MasterKeyProvider masterKeyProvider(CryptoProperties props) {
        return new ConfiguredMasterKeyProvider(props);
    }
}
