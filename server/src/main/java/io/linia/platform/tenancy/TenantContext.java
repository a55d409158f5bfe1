package io.linia.platform.tenancy;

import io.linia.platform.TenantId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Whose data the current thread works on. Set at the web/WebSocket edge from the signed-in
 * user, or explicitly by jobs; read by {@link io.linia.platform.db.TenantScopedDataSource}
 * for row-level security. Services still take the {@link TenantId} as an explicit first
 * parameter and filter by it: this context is the second lock, not the first.
 *
 * <p>{@link #asSystem} is for the few platform operations that must cross tenants (sign-in
 * before the tenant is known, token look-up, provider jobs). Use it narrowly.
 */
public final class TenantContext {

    /** Either one tenant, the system scope, or nothing (no tenant rows visible). */
    public record Scope(UUID tenantId, boolean system) {
        static final Scope NONE = new Scope(null, false);
        static final Scope SYSTEM = new Scope(null, true);
    }

    private static final ThreadLocal<Scope> CURRENT = ThreadLocal.withInitial(() -> Scope.NONE);

    /** Told of every change on this thread, so a connection already bound to a transaction follows it. */
    private static final List<Consumer<Scope>> LISTENERS = new CopyOnWriteArrayList<>();

    private TenantContext() {
    }

    public static Scope current() {
        return CURRENT.get();
    }

    public static <T> T as(TenantId tenant, Supplier<T> work) {
        return with(new Scope(tenant.value(), false), work);
    }

    public static void as(TenantId tenant, Runnable work) {
        as(tenant, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T asSystem(Supplier<T> work) {
        return with(Scope.SYSTEM, work);
    }

    public static void asSystem(Runnable work) {
        asSystem(() -> {
            work.run();
            return null;
        });
    }

    /** For the web edge: set for the rest of the request; {@link #clear()} in a finally. */
    public static void set(TenantId tenant) {
        change(new Scope(tenant.value(), false));
    }

    public static void clear() {
        change(Scope.NONE);
        CURRENT.remove();
    }

    public static void addListener(Consumer<Scope> listener) {
        LISTENERS.add(listener);
    }

    public static void removeListener(Consumer<Scope> listener) {
        LISTENERS.remove(listener);
    }

    private static <T> T with(Scope scope, Supplier<T> work) {
        Scope previous = CURRENT.get();
        change(scope);
        try {
            return work.get();
        } finally {
            change(previous);
        }
    }

    private static void change(Scope scope) {
        Scope before = CURRENT.get();
        CURRENT.set(scope);
        if (!before.equals(scope)) {
            LISTENERS.forEach(l -> l.accept(scope));
        }
    }
}
