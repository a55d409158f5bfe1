/**
 * Call recordings (TEL-6, SEC-5, SEC-7, AUD-3, docs/recordings.md). The root package is the
 * API ({@link io.linia.recordings.Recordings}): a switch adapter announces a recording, its
 * pauses and its end with the audio; the audio is stored encrypted with the tenant's data key
 * in a file store, and every playback or download is audited. {@code internal} is the store,
 * {@code web} the REST API with range requests.
 */
package io.linia.recordings;
