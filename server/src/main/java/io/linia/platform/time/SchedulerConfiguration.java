package io.linia.platform.time;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Virtual time when the clock is a {@link MutableClock}, real time otherwise. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    Scheduler scheduler(Clock clock) {
        if (clock instanceof MutableClock mutable) {
            return new VirtualScheduler(mutable);
        }
        return new RealTimeScheduler(clock, 2);
    }
}
