package io.linia.asterisk.ari;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The media of an announcement to a waiting caller (ACD-1): Asterisk's own queue sounds, as app_queue says them. */
class AriAnnouncementTest {

    @Test
    void thePlaceAndTheExpectedWaitAreSaidWithTheQueueSounds() {
        assertThat(AriSwitch.announcement(1, null)).containsExactly("sound:queue-youarenext");
        assertThat(AriSwitch.announcement(4, 7)).containsExactly("sound:queue-thereare", "number:4",
                "sound:queue-callswaiting", "sound:queue-holdtime", "number:7", "sound:queue-minutes");
        assertThat(AriSwitch.announcement(null, 2)).containsExactly("sound:queue-holdtime", "number:2", "sound:queue-minutes");
        assertThat(AriSwitch.announcement(null, null)).isEmpty();
    }
}
