package io.linia.platform.crypto.internal;

import io.linia.platform.crypto.MasterKeyProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master key source: the configured one, unless another {@link MasterKeyProvider} bean (a KMS) is defined. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    @ConditionalOnMissingBean(MasterKeyProvider.class)
    MasterKeyProvider masterKeyProvider(CryptoProperties props) {
        return new ConfiguredMasterKeyProvider(props);
    }
}
