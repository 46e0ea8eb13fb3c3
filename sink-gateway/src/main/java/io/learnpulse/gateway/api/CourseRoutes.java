package io.learnpulse.gateway.api;

import io.javalin.http.Context;
import io.learnpulse.gateway.auth.AccessPolicy;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Page;

/** {@code /api/courses/{courseId}/calendar}: a course's calendar items and who missed them. */
public final class CourseRoutes {

    private final AlertStore store;
    private final AccessPolicy access;

    public CourseRoutes(AlertStore store, AccessPolicy access) {
        this.store = store;
        this.access = access;
    }

    /**
     * {@code GET /api/courses/{courseId}/calendar}: the items earliest due first, each with {@code missed};
     * the whole calendar is one page (a course has tens of items, not thousands).
     */
    public void calendar(Context ctx) {
        String courseId = QueryParams.pathId(ctx.pathParam("courseId"), "course");
        ctx.json(new Page<>(store.calendar(courseId, access.calendarScope(Authenticator.of(ctx), courseId)), null));
    }
}
