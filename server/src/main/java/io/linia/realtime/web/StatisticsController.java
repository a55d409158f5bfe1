package io.linia.realtime.web;

import io.linia.acd.CallStatistics;
import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.identity.UserService;
import io.linia.platform.ForbiddenException;
import io.linia.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * RT-1 and RT-2 with the reference product's paths and field names, so existing dashboards and
 * integrations work unchanged.
 */
@RestController
@Tag(name = "Real-time statistics")
class StatisticsController {

    record AverageCallTime(long average, long count, long sum) {
    }

    /** RT-1, field for field. */
    record Current(AverageCallTime averageCallTime, long incoming, long inner, long missed, long outgoing,
                   long queueSize) {
    }

    private final CallStatistics statistics;
    private final UserService users;

    StatisticsController(CallStatistics statistics, UserService users) {
        this.statistics = statistics;
        this.users = users;
    }

    @GetMapping("/calls/statistics/current")
    @PreAuthorize("hasAnyAuthority('STATS_OWN_VIEW', 'STATS_VIEW', 'STATUS_VIEW')")
    @Operation(summary = "RT-1: today's calls of the current user; a supervisor may ask for a user, a queue or the tenant")
    Current current(@AuthenticationPrincipal CurrentUser me,
                    @RequestParam(required = false) UUID userId,
                    @RequestParam(required = false) UUID queueId,
                    @RequestParam(required = false) String scope) {
        int asked = (userId != null ? 1 : 0) + (queueId != null ? 1 : 0) + (scope != null ? 1 : 0);
        if (asked > 1) {
            throw new InvalidInputException("one_of", "userId", "Ask for one of userId, queueId or scope=tenant");
        }
        CallStatistics.Figures f;
        if (asked == 0 || me.userId().equals(userId)) {
            f = statistics.forUser(me.tenantId(), me.userId());
        } else {
            requireSupervisor(me);
            if (userId != null) {
                users.get(me.tenantId(), userId);
                f = statistics.forUser(me.tenantId(), userId);
            } else if (queueId != null) {
                f = statistics.forQueue(me.tenantId(), queueId);
            } else if ("tenant".equals(scope)) {
                f = statistics.forTenant(me.tenantId());
            } else {
                throw new InvalidInputException("format", "scope", "The only scope is 'tenant'");
            }
        }
        long average = f.talkCount() == 0 ? 0 : Math.round((double) f.talkSum() / f.talkCount());
        return new Current(new AverageCallTime(average, f.talkCount(), f.talkSum()), f.incoming(), f.inner(),
                f.missed(), f.outgoing(), f.queueSize());
    }

    @GetMapping("/rest/status/statistics")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "RT-2: milliseconds spent today in each status (free, offline, pause)")
    Map<String, Long> status(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) UUID userId) {
        if (userId == null || userId.equals(me.userId())) {
            return statistics.statusTimes(me.tenantId(), me.userId());
        }
        requireSupervisor(me);
        users.get(me.tenantId(), userId);
        return statistics.statusTimes(me.tenantId(), userId);
    }

    private static void requireSupervisor(CurrentUser me) {
        if (!me.can(Permission.STATS_VIEW) && !me.can(Permission.MONITOR_ALL)) {
            throw new ForbiddenException("forbidden", "Only supervisors see other users' figures");
        }
    }
}
