package io.linia.acd.engine;

/**
 * Queueing formulas for staffing and for checking the engine (SPEC ACD, REP-10): Erlang C
 * (M/M/N, callers never give up) and Erlang A (M/M/N+M, exponential patience).
 */
public final class Erlang {

    private Erlang() {
    }

    /**
     * Erlang C: the probability that a call has to wait.
     *
     * @param agents  N
     * @param traffic offered load A = arrival rate × mean handling time, in Erlangs (A < N)
     */
    public static double probabilityOfWaiting(int agents, double traffic) {
        if (agents < 1 || traffic <= 0 || traffic >= agents) {
            throw new IllegalArgumentException("Erlang C needs 0 < traffic < agents");
        }
        // Erlang B by the stable recursion, then C from B
        double b = 1.0;
        for (int k = 1; k <= agents; k++) {
            b = traffic * b / (k + traffic * b);
        }
        double rho = traffic / agents;
        return b / (1 - rho + rho * b);
    }

    /**
     * Erlang C service level: the share of calls answered within {@code thresholdSeconds}.
     */
    public static double serviceLevel(int agents, double traffic, double meanHandlingSeconds, double thresholdSeconds) {
        double pw = probabilityOfWaiting(agents, traffic);
        return 1 - pw * Math.exp(-(agents - traffic) * thresholdSeconds / meanHandlingSeconds);
    }

    /** Erlang A results. */
    public record Abandonment(double probabilityOfWaiting, double probabilityOfAbandon) {
    }

    /**
     * Erlang A (M/M/N+M) by the birth–death chain: arrivals {@code lambda}, service rate
     * {@code mu} per agent, abandonment rate {@code theta} per waiting caller (all per second).
     */
    public static Abandonment withAbandonment(int agents, double lambda, double mu, double theta) {
        if (agents < 1 || lambda <= 0 || mu <= 0 || theta <= 0) {
            throw new IllegalArgumentException("Erlang A needs positive rates and at least one agent");
        }
        // unnormalised state probabilities p(n), n calls in the system; the tail is summed
        // until it no longer changes the result
        double p = 1.0;
        double total = 1.0;
        double waitingMass = 0;
        double queuedCallers = 0;
        for (int n = 1; n < 1_000_000; n++) {
            double death = n <= agents ? n * mu : agents * mu + (n - agents) * theta;
            p = p * lambda / death;
            total += p;
            if (n >= agents) {
                waitingMass += p;
                queuedCallers += (n - agents) * p;
            }
            if (n > agents && p < 1e-18 * total) {
                break;
            }
        }
        double pWait = waitingMass / total;
        double pAbandon = theta * (queuedCallers / total) / lambda;
        return new Abandonment(pWait, pAbandon);
    }
}
