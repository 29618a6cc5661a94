package dev.lnjobs.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the tests that run servers as processes read straight from their database. */
public final class StoreQueries {

    private StoreQueries() {
    }

    /** The first column of every row {@code sql} answers, as text. */
    public static List<String> values(String databaseUrl, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return values;
    }
}
