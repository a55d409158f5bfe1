package io.linia;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Linia: one executable, every module (ARCHITECTURE.md "One application, many modules"). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LiniaApplication {

    public static void main(String[] args) {
        SpringApplication.run(LiniaApplication.class, args);
    }
}
