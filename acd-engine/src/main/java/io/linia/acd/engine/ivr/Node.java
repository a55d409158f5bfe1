package io.linia.acd.engine.ivr;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One step of an IVR flow (ACD-8). Targets name other nodes of the same flow by id. */
public sealed interface Node {

    String id();

    /** Play a prompt and wait for one DTMF digit; no or a wrong digit repeats it {@code retries} times. */
    record Menu(String id, String prompt, Map<String, String> options, int timeoutSeconds, int retries,
                String onFailure) implements Node {
    }

    /** Route by the time of day in {@code zone}: open hours per weekday, holidays closed all day. */
    record Schedule(String id, String zone, Map<DayOfWeek, List<Hours>> hours, Set<LocalDate> holidays, String open,
                    String closed) implements Node {
    }

    /** Opening hours [from, to) of a day. */
    record Hours(LocalTime from, LocalTime to) {
    }

    /** Route by the caller's number: listed numbers (e.g. VIPs) go one way, the rest the other. */
    record CallerCheck(String id, Set<String> numbers, String listed, String others) implements Node {
    }

    /**
     * Ask an external HTTP service about the caller (a data dip): GET {@code url} with the
     * caller's and the dialled number; the JSON answer's {@code field} picks the route
     * ({@code routes} value → node, else {@code otherwise}); no answer in time or an error goes
     * to {@code onError}.
     */
    record DataDip(String id, String url, int timeoutMs, String field, Map<String, String> routes, String otherwise,
                   String onError) implements Node {
    }

    /** Enter a queue with a priority (VIP) and a topic; the IVR ends here. */
    record ToQueue(String id, String queueId, int priority, String topic) implements Node {
    }

    /** Play a message and release the caller; the IVR ends here. */
    record Message(String id, String prompt) implements Node {
    }
}
