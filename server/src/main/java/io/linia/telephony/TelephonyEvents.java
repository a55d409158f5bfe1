package io.linia.telephony;

import io.linia.platform.TenantId;

/**
 * What a switch reports (TEL-1). Modules that route calls implement this as a Spring bean;
 * every adapter delivers to all such beans, one event at a time per tenant.
 */
public interface TelephonyEvents {

    /** A new inbound call: {@code dialled} is the number the caller dialled. */
    void callOffered(TenantId tenant, String callId, String caller, String dialled);

    /** The endpoint picked up the call that was ringing there. */
    void answered(TenantId tenant, String callId, String endpoint);

    /** The call ended. */
    void hungUp(TenantId tenant, String callId, HangupSide side, String cause);

    /** The caller pressed keys during a call (IVR, ACD-8). */
    default void dtmf(TenantId tenant, String callId, String digits) {
    }

    /** An endpoint (a phone) dialled digits that are not a call to a queue, e.g. {@code *45100} + PIN. */
    default void phoneDialled(TenantId tenant, String endpoint, String digits) {
    }

    /** An endpoint sent DTMF digits outside a call to a queue (e.g. the PIN after {@code *45}). */
    default void phoneDtmf(TenantId tenant, String endpoint, String digits) {
    }
}
