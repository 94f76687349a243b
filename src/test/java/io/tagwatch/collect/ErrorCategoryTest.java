package io.tagwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;

/** What a failure shows in GET /api/v1/tags: its category, never its text. */
class ErrorCategoryTest {

    @Test
    void storeFailuresAreTheDatabaseWhateverTheirText() {
        assertThat(ErrorCategory.of(new UncategorizedSQLException("store", "INSERT INTO post ...",
                new SQLException("[SQLITE_FULL] database or disk is full")))).isEqualTo(ErrorCategory.DATABASE_UNAVAILABLE);
        assertThat(ErrorCategory.of(new IllegalStateException("wrapped", new DataAccessResourceFailureException(
                "Connection to db.internal.example:5432 refused")))).isEqualTo(ErrorCategory.DATABASE_UNAVAILABLE);
    }

    @Test
    void upstreamFailuresKeepTheirOutcomeAndPausesTheirState() {
        assertThat(ErrorCategory.of(new UpstreamException("redirect", false, "Location: http://evil.example/")))
                .isEqualTo(ErrorCategory.REDIRECT);
        assertThat(ErrorCategory.of(UpstreamException.serverError(503))).isEqualTo(ErrorCategory.SERVER_ERROR);
        assertThat(ErrorCategory.of(new SourcePausedException(SourceState.UNAUTHORIZED, null, "code 453: ...")))
                .isEqualTo(ErrorCategory.UNAUTHORIZED);
        assertThat(ErrorCategory.of(new NullPointerException("Cannot invoke ...")))
                .isEqualTo(ErrorCategory.INTERNAL_ERROR);
        for (ErrorCategory category : ErrorCategory.values()) {
            assertThat(category.phrase()).doesNotContain("://").doesNotContain("SQL").hasSizeLessThan(120);
        }
    }
}
