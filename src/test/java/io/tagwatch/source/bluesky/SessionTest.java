package io.tagwatch.source.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A session, as an error message or a debug line would print it: the tokens masked. */
class SessionTest {

    @Test
    void toStringSaysTheTokensAreSetAndNothingOfThem() {
        String printed = new BlueskyClient.Session("eyJ-access-SECRET", "eyJ-refresh-SECRET").toString();
        assertThat(printed).doesNotContain("SECRET").contains("accessJwt=(set)").contains("refreshJwt=(set)");
    }
}
