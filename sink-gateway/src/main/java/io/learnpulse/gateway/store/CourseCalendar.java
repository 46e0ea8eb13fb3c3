package io.learnpulse.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

import io.learnpulse.model.CalendarItem;

/**
 * Writes the course calendar (table {@code calendar_items}) as topic {@code course-calendar} states
 * it: the latest record of a (courseId, assessmentId) is the item, a deletion removes it. Applied in
 * the order the records were read, inside the batch's transaction, so reading a batch again after a
 * crash ends in the same table.
 */
final class CourseCalendar {

    private CourseCalendar() {
    }

    static void apply(Connection connection, CalendarItem item) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM calendar_items WHERE course_id = ? AND assessment_id = ?")) {
            delete.setString(1, item.courseId);
            delete.setString(2, item.assessmentId);
            delete.executeUpdate();
        }
        if (item.deleted) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO calendar_items "
                + "(course_id, assessment_id, due_at, due_at_ms, title, weight) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, item.courseId);
            insert.setString(2, item.assessmentId);
            insert.setString(3, Instant.ofEpochMilli(item.dueAt).toString());
            insert.setLong(4, item.dueAt);
            if (item.title == null) {
                insert.setNull(5, Types.VARCHAR);
            } else {
                insert.setString(5, item.title);
            }
            if (item.weight == null) {
                insert.setNull(6, Types.DOUBLE);
            } else {
                insert.setDouble(6, item.weight);
            }
            insert.executeUpdate();
        }
    }
}
